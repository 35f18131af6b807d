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
        let batchSize = min(setup.train.batchSize ?? split.train.count, split.train.count)
        let stepsPerEpoch = (split.train.count + batchSize - 1) / batchSize
        let plannedSteps = stepsPerEpoch * setup.train.epochs
        let rate = learningRateFunction(setup.train, steps: plannedSteps + 1)
        let options = setup.trainingOptions(batchSize: batchSize, learningRate: rate)
        let outcome = train(split, options: options, progress: onEpoch)
        let points = samplePoints(plannedSteps).map { SchedulePoint(step: $0, learningRate: rate($0)) }
        let runSetup = RunSetup(
            dataset: setup.data.dataset, trainCount: split.train.count, testCount: split.test.count,
            featureCount: split.train.featureCount, classCount: split.train.classCount,
            hidden: setup.model.hidden, activation: setup.model.activation, batchSize: batchSize,
            learningRate: setup.train.schedule == nil ? setup.train.learningRate : (points.map(\.learningRate).max() ?? 0),
            optimizer: setup.train.optimizer.name,
            momentum: setup.train.optimizer.momentum, schedule: setup.train.schedule?.summary ?? "constant",
            epochs: setup.train.epochs, seed: setup.seed,
            schedulePoints: points)
        return RunRecord(
            runId: spec.id,
            sweep: SweepInfo(name: spec.sweepName, title: spec.title, targetAccuracy: spec.targetAccuracy),
            grid: spec.grid.map { GridValue(key: $0.key, value: $0.value) },
            setup: runSetup,
            status: outcome.divergence == nil ? .finished : .diverged,
            initialLoss: outcome.initialLoss,
            history: outcome.epochs.map {
                EpochMetrics(epoch: $0.epoch, trainLoss: $0.trainLoss, trainAccuracy: $0.trainAccuracy,
                             testLoss: $0.testLoss, testAccuracy: $0.testAccuracy, seconds: $0.seconds,
                             fullTrainLoss: $0.fullTrainLoss, fullTrainAccuracy: $0.fullTrainAccuracy)
            },
            steps: outcome.steps.map {
                StepMetrics(step: $0.step, examplesSeen: $0.examplesSeen, loss: $0.loss, learningRate: $0.learningRate,
                            gradientNorm: $0.gradientNorm)
            },
            divergence: outcome.divergence.map {
                DivergenceInfo(step: $0.step, loss: $0.loss, cause: $0.cause, epochsSeen: $0.epochsSeen,
                               trainLoss: $0.trainLoss, trainAccuracy: $0.trainAccuracy,
                               testLoss: $0.testLoss, testAccuracy: $0.testAccuracy)
            },
            totalSteps: outcome.totalSteps,
            trainSeconds: outcome.trainSeconds,
            wallSeconds: Date().timeIntervalSince(started))
    }

    /// The rate at each 0-based optimizer step: the schedule's, or the constant rate.
    /// Schedules are evaluated once for the `steps` planned (PyTorch's recursive form is cheap only
    /// when stepped in order); a step past the plan asks the schedule directly.
    static func learningRateFunction(_ train: TrainSpec, steps: Int) -> @Sendable (Int) -> Double {
        guard let spec = train.schedule else {
            let rate = train.learningRate
            return { _ in rate }
        }
        let schedule = spec.makeSchedule(optimizerLearningRate: train.learningRate)
        let rates = schedule.learningRates(count: steps)
        return { step in rates.indices.contains(step) ? rates[step] : schedule.learningRate(at: step) }
    }

    /// Up to `schedulePointLimit` steps spread evenly over 0...steps, always including both ends.
    static func samplePoints(_ steps: Int) -> [Int] {
        guard steps > 1 else { return [0] }
        let count = min(steps, schedulePointLimit)
        var points = (0..<count).map { $0 * (steps - 1) / max(1, count - 1) }
        points.append(steps)
        return Array(Set(points)).sorted()
    }
}
