import Results
import Schedules
import Training

extension RunPlan {
    /// Learning-rate samples stored per run for the schedule chart.
    static let schedulePointLimit = 600

    /// `train` with its schedule's step counts rescaled for `budget: epochs`: multiplied by the
    /// updates per epoch at the run's batch size over those at the batch size they were written
    /// for, so milestones land on the same epochs. (The reader checked the B0/B rescale; should
    /// the exact one be invalid, that one is used.) Unchanged without a budget or without data.
    /// `batchSize` is the run's effective one (examples per update).
    static func trainedSchedule(_ train: TrainSpec, trainCount: Int, batchSize: Int) -> TrainSpec {
        guard let spec = train.schedule, let from = train.scheduleBatchSize, trainCount > 0 else { return train }
        func perEpoch(_ b: Int) -> Double { Double(updatesPerEpoch(examples: trainCount, batchSize: b)) }
        var result = train
        result.schedule = (try? spec.rescaled(rateFactor: 1, stepFactor: perEpoch(batchSize) / perEpoch(from)))
            ?? (try? spec.rescaled(rateFactor: 1, stepFactor: Double(from) / Double(batchSize))) ?? spec
        return result
    }

    /// Builds the rate at each 0-based optimizer update: the schedule's (as trained), or the constant rate.
    ///
    /// The schedule is evaluated once, in order, for updates `0...plannedSteps` (the end point,
    /// which charts draw, included; PyTorch's recursive form is O(n) only when stepped in order)
    /// and kept in an array. With `unit: epoch` the schedule steps once per epoch: update `s`
    /// uses schedule step `s / stepsPerEpoch`. An update past the plan asks the schedule
    /// directly. PyTorch schedulers that multiply the optimizer's rate multiply `train.learningRate`.
    func learningRate() -> @Sendable (Int) -> Double {
        guard let spec = train.schedule else {
            let rate = train.learningRate
            return { _ in rate }
        }
        let schedule = spec.makeSchedule(optimizerLearningRate: train.learningRate)
        let steps = min(plannedSteps, Self.maxPlannedSteps) + 1
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

    /// Updates where the rate may jump (milestones, restarts, warmup ends; every epoch start with
    /// `unit: epoch`), so the stored curve has its corners where they are. At most 200.
    var scheduleBreaks: [Int] {
        guard let spec = train.schedule else { return [] }
        let perEpoch = max(1, stepsPerEpoch)
        let info = spec.makeSchedule(optimizerLearningRate: train.learningRate).info
        let marks = info.markers.map(\.step) + info.phases.flatMap { [$0.start, $0.end < Int.max ? $0.end + 1 : $0.end] }
        let steps = train.scheduleUnit == .epoch ? (1...max(1, train.epochs)).map { $0 * perEpoch } : marks
        return Array(steps.filter { $0 > 0 }.prefix(200))
    }

    /// The schedule's phases and markers as the trainer uses it, in optimizer updates (a
    /// per-epoch schedule's steps are epochs: × updates per epoch); nil for a constant rate.
    var scheduleInfo: ScheduleInfo? {
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
            phases: info.phases.map { ScheduleInfo.Phase($0.kind, from: scaled($0.start), to: scaled($0.end < Int.max ? $0.end + 1 : $0.end) - 1,
                                                         rates: $0.startRate, $0.endRate) },
            markers: info.markers.map { ScheduleInfo.Marker($0.kind, at: scaled($0.step)) })
    }

    /// The rate `rate` gives at `samplePoints(plannedSteps, breaks: scheduleBreaks)`: the
    /// run's learning-rate curve as stored for charts (updates 0…`plannedSteps`).
    func schedulePoints(_ rate: (Int) -> Double) -> [SchedulePoint] {
        Self.samplePoints(plannedSteps, breaks: scheduleBreaks).map { SchedulePoint(step: $0, learningRate: rate($0)) }
    }

    /// Up to `schedulePointLimit` updates spread evenly over 0...steps, always including both ends,
    /// plus each of `breaks` inside the range and the update before it.
    static func samplePoints(_ steps: Int, breaks: [Int] = []) -> [Int] {
        guard steps > 1 else { return [0] }
        let count = min(steps, schedulePointLimit)
        var points = (0..<count).map { $0 * (steps - 1) / max(1, count - 1) }
        points.append(steps)
        for b in breaks where b > 0 && b <= steps { points += [b - 1, b] }
        return Array(Set(points)).sorted()
    }
}
