import Datasets
import Foundation
import Results
import Training

/// Trains one run and turns the trainer's outcome into the stored `RunRecord`. Every step
/// count and rate comes from the run's `RunPlan`.
enum RunExecutor {
    /// The run's record; nil when `shouldStop` stopped it (an interrupted run is not a result).
    /// Throws `RunFailure` when the run cannot be trained for a reason other than bad input
    /// (non-finite feature values, e.g. an overflow to inf by the scaling).
    static func execute(_ spec: RunSpec, split: DataSplit, shouldStop: (@Sendable () -> Bool)? = nil,
                        onEpoch: @escaping @Sendable (Int) -> Void) throws(RunFailure) -> RunRecord? {
        let started = Date()
        if let problem = nonFinite(split) { throw RunFailure(problem) }
        let plan = RunPlan(spec.setup.train, trainCount: split.train.count)
        let rate = plan.learningRate()
        var options = spec.setup.trainingOptions(batchSize: plan.batchSize, learningRate: rate)
        options.shouldStop = shouldStop
        let outcome = train(split, options: options, progress: onEpoch)
        if outcome.stopped { return nil }
        var record = baseRecord(spec, split: split, started: started)
        record.status = outcome.divergence == nil ? .finished : .diverged
        record.initialLoss = outcome.initialLoss
        record.history = outcome.epochs
        record.steps = outcome.steps
        record.divergence = outcome.divergence
        record.totalSteps = outcome.totalSteps
        record.trainSeconds = outcome.trainSeconds
        record.examplesSeen = outcome.examplesSeen
        record.noise = outcome.noise
        record.memory = outcome.memory
        record.wallSeconds = Date().timeIntervalSince(started)
        return record
    }

    /// The record of a run that failed with `message`: its setup, no history, status `failed`.
    static func failedRecord(_ spec: RunSpec, split: DataSplit, message: String, started: Date) -> RunRecord {
        var record = baseRecord(spec, split: split, started: started)
        record.status = .failed
        record.failure = message
        record.wallSeconds = Date().timeIntervalSince(started)
        return record
    }

    /// A record with the run's identity and setup and no results yet.
    private static func baseRecord(_ spec: RunSpec, split: DataSplit, started: Date) -> RunRecord {
        let setup = spec.setup
        let plan = RunPlan(setup.train, trainCount: split.train.count)
        let rate = plan.learningRate()
        let options = setup.trainingOptions(batchSize: plan.batchSize, learningRate: rate)
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
            sweep: SweepInfo(name: spec.sweepName, title: spec.title, targetAccuracy: spec.targetAccuracy, report: spec.report),
            grid: spec.grid, gridIndex: spec.pointIndex, repeatIndex: spec.repeatIndex,
            setup: runSetup, status: .finished, initialLoss: .nan, history: [], steps: [], divergence: nil,
            totalSteps: 0, trainSeconds: 0, wallSeconds: Date().timeIntervalSince(started))
    }

    /// Where the split holds a value that is not finite (the trainer would only see a NaN loss
    /// and call the run diverged): "feature 3 of training row 17 is inf after scaling".
    static func nonFinite(_ split: DataSplit) -> String? {
        let parts: [(String, Dataset?)] = [("training", split.train), ("test", split.test), ("validation", split.validation)]
        for (name, part) in parts {
            guard let part, let index = part.features.firstIndex(where: { !$0.isFinite }) else { continue }
            let f = max(1, part.featureCount)
            return "feature \(index % f) of \(name) row \(index / f) is \(part.features[index]) after scaling; "
                + "the data cannot be trained on (scale or clip the column)"
        }
        return nil
    }
}

/// Why a run failed for a reason other than bad input; recorded with the run (status `failed`).
struct RunFailure: Error, Sendable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
