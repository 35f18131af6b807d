import Datasets
import Foundation
import Results
import Training

/// Trains one run and turns the trainer's outcome into the stored `RunRecord`. Every step
/// count and rate comes from the run's `RunPlan`.
enum RunExecutor {
    static func execute(_ spec: RunSpec, split: DataSplit, onEpoch: @escaping @Sendable (Int) -> Void) -> RunRecord {
        let started = Date()
        let setup = spec.setup
        let plan = RunPlan(setup.train, trainCount: split.train.count)
        let rate = plan.learningRate()
        let options = setup.trainingOptions(batchSize: plan.batchSize, learningRate: rate)
        let outcome = train(split, options: options, progress: onEpoch)
        let points = plan.schedulePoints(rate)
        let runSetup = RunSetup(
            dataset: setup.data.dataset.name, trainCount: split.train.count, testCount: split.test.count,
            featureCount: split.train.featureCount, classCount: split.train.classCount,
            hidden: setup.model.hidden, activation: setup.model.activation.rawValue, batchSize: plan.batchSize,
            learningRate: setup.train.schedule == nil ? setup.train.learningRate : (points.map(\.learningRate).max() ?? 0),
            optimizer: setup.train.optimizer.name,
            momentum: setup.train.optimizer.momentum, optimizerParameters: options.optimizer.parameters,
            schedule: setup.train.schedule.map { $0.summary + (setup.train.scheduleUnit == .epoch ? " per epoch" : "") } ?? "constant",
            scheduleName: setup.train.schedule?.name, scheduleInfo: plan.scheduleInfo,
            epochs: setup.train.epochs, stepsPerEpoch: plan.stepsPerEpoch, validationCount: split.validation?.count ?? 0,
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
}
