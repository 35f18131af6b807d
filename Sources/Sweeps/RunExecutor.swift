import Datasets
import Foundation
import Results
import Schedules
import Training

/// Trains one run and turns the trainer's outcome into the stored `RunRecord`.
enum RunExecutor {
    /// Learning-rate samples stored per run for the schedule chart.
    static let schedulePointLimit = 600

    static func execute(_ spec: RunSpec, split: DataSplit, onEpoch: @escaping @Sendable (Int) -> Void) -> RunRecord {
        let started = Date()
        let setup = spec.setup
        let plan = RunPlan(setup.train, trainCount: split.train.count)
        let (batchSize, stepsPerEpoch, plannedSteps) = (plan.batchSize, plan.stepsPerEpoch, plan.plannedSteps)
        let (scheduled, rate) = RunPlan.rates(setup.train, plan: plan, trainCount: split.train.count, extra: 1)
        let options = setup.trainingOptions(batchSize: batchSize, learningRate: rate)
        let outcome = train(split, options: options, progress: onEpoch)
        let points = samplePoints(plannedSteps, breaks: scheduleBreaks(scheduled, stepsPerEpoch: stepsPerEpoch)).map { SchedulePoint(step: $0, learningRate: rate($0)) }
        let runSetup = RunSetup(
            dataset: setup.data.dataset, trainCount: split.train.count, testCount: split.test.count,
            featureCount: split.train.featureCount, classCount: split.train.classCount,
            hidden: setup.model.hidden, activation: setup.model.activation, batchSize: batchSize,
            learningRate: setup.train.schedule == nil ? setup.train.learningRate : (points.map(\.learningRate).max() ?? 0),
            optimizer: setup.train.optimizer.name,
            momentum: setup.train.optimizer.momentum, optimizerParameters: options.optimizer.parameters,
            schedule: setup.train.schedule.map { $0.summary + (setup.train.scheduleUnit == .epoch ? " per epoch" : "") } ?? "constant",
            scheduleName: setup.train.schedule?.name, scheduleInfo: scheduleInfo(scheduled, stepsPerEpoch: stepsPerEpoch),
            epochs: setup.train.epochs, stepsPerEpoch: stepsPerEpoch, validationCount: split.validation?.count ?? 0,
            seed: setup.seed, schedulePoints: points)
        return RunRecord(
            runId: spec.id,
            sweep: SweepInfo(name: spec.sweepName, title: spec.title, targetAccuracy: spec.targetAccuracy),
            grid: spec.grid, gridIndex: spec.pointIndex, repeatIndex: spec.repeatIndex,
            setup: runSetup,
            status: outcome.divergence == nil ? .finished : .diverged,
            initialLoss: outcome.initialLoss,
            history: outcome.epochs,
            steps: outcome.steps,
            divergence: outcome.divergence,
            totalSteps: outcome.totalSteps,
            trainSeconds: outcome.trainSeconds,
            wallSeconds: Date().timeIntervalSince(started))
    }

    /// `train` with its schedule's step counts rescaled for `budget: epochs`: multiplied by the
    /// updates per epoch at the run's batch size over those at the batch size they were written
    /// for, so milestones land on the same epochs. (The reader checked the B0/B rescale; should
    /// the exact one be invalid, that one is used.)
    static func trainingSchedule(_ train: TrainSpec, trainCount: Int) -> TrainSpec {
        guard let spec = train.schedule, let from = train.scheduleBatchSize, trainCount > 0 else { return train }
        let batch = min(train.batchSize ?? trainCount, trainCount)
        func perEpoch(_ b: Int) -> Double { Double(updatesPerEpoch(examples: trainCount, batchSize: b)) }
        var result = train
        result.schedule = (try? spec.rescaled(rateFactor: 1, stepFactor: perEpoch(batch) / perEpoch(from)))
            ?? (try? spec.rescaled(rateFactor: 1, stepFactor: Double(from) / Double(batch))) ?? spec
        return result
    }

    /// The rate at each 0-based optimizer step: the schedule's, or the constant rate.
    ///
    /// The schedule is evaluated once, in order, for the `steps` planned (PyTorch's recursive
    /// form is O(n) only when stepped in order) and kept in an array. With `unit: epoch` the
    /// schedule steps once per epoch: update `s` uses schedule step `s / stepsPerEpoch`.
    /// A step past the plan asks the schedule directly. PyTorch schedulers that multiply the
    /// optimizer's rate multiply `train.learningRate`.
    static func learningRateFunction(_ train: TrainSpec, steps: Int, stepsPerEpoch: Int = 1) -> @Sendable (Int) -> Double {
        guard let spec = train.schedule else {
            let rate = train.learningRate
            return { _ in rate }
        }
        let schedule = spec.makeSchedule(optimizerLearningRate: train.learningRate)
        if train.scheduleUnit == .epoch {
            let perEpoch = max(1, stepsPerEpoch)
            let rates = schedule.learningRates(count: steps / perEpoch + 1)
            return { step in
                let epoch = max(0, step) / perEpoch
                return rates.indices.contains(epoch) ? rates[epoch] : schedule.learningRate(at: epoch)
            }
        }
        let rates = schedule.learningRates(count: steps)
        return { step in rates.indices.contains(step) ? rates[step] : schedule.learningRate(at: step) }
    }

    /// Steps where the rate may jump (milestones, restarts, warmup ends; every epoch start with
    /// `unit: epoch`), so the stored curve has its corners where they are. At most 200.
    static func scheduleBreaks(_ train: TrainSpec, stepsPerEpoch: Int) -> [Int] {
        guard let spec = train.schedule else { return [] }
        let perEpoch = max(1, stepsPerEpoch)
        let info = spec.makeSchedule(optimizerLearningRate: train.learningRate).info
        let marks = info.markers.map(\.step) + info.phases.flatMap { [$0.start, $0.end + 1] }
        let steps = train.scheduleUnit == .epoch ? (1...max(1, train.epochs)).map { $0 * perEpoch } : marks
        return Array(steps.filter { $0 > 0 }.prefix(200))
    }

    /// The schedule's phases and markers as the trainer used it, in optimizer updates (a
    /// per-epoch schedule's steps are epochs: × updates per epoch); nil for a constant rate.
    static func scheduleInfo(_ train: TrainSpec, stepsPerEpoch: Int) -> ScheduleInfo? {
        guard let spec = train.schedule else { return nil }
        let info = spec.makeSchedule(optimizerLearningRate: train.learningRate).info
        guard train.scheduleUnit == .epoch else { return info }
        let k = max(1, stepsPerEpoch)
        func scaled(_ step: Int) -> Int {
            let (product, overflow) = step.multipliedReportingOverflow(by: k)
            return overflow ? Int.max : product
        }
        return ScheduleInfo(
            defaultSteps: scaled(info.defaultSteps),
            phases: info.phases.map { ScheduleInfo.Phase($0.kind, from: scaled($0.start), to: scaled($0.end + 1) - 1,
                                                         rates: $0.startRate, $0.endRate) },
            markers: info.markers.map { ScheduleInfo.Marker($0.kind, at: scaled($0.step)) })
    }

    /// Up to `schedulePointLimit` steps spread evenly over 0...steps, always including both ends,
    /// plus each of `breaks` inside the range and the step before it.
    static func samplePoints(_ steps: Int, breaks: [Int] = []) -> [Int] {
        guard steps > 1 else { return [0] }
        let count = min(steps, schedulePointLimit)
        var points = (0..<count).map { $0 * (steps - 1) / max(1, count - 1) }
        points.append(steps)
        for b in breaks where b > 0 && b <= steps { points += [b - 1, b] }
        return Array(Set(points)).sorted()
    }
}
