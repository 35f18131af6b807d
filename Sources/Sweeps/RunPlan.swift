import Training

/// How a run's steps fall on its training set: the effective batch size, updates per epoch,
/// updates planned, and the learning rate at each update. Shared by the checks made before
/// training, the trainer's run and the range test, so they agree on every number.
struct RunPlan {
    /// Examples per update: the spec's batch size, or the whole training set for `all` (and at most that).
    let batchSize: Int
    /// Updates per epoch; the last partial batch counts.
    let stepsPerEpoch: Int
    /// Updates the run makes if it does not diverge.
    let plannedSteps: Int

    init(_ train: TrainSpec, trainCount: Int) {
        batchSize = max(1, min(train.batchSize ?? trainCount, trainCount))
        stepsPerEpoch = updatesPerEpoch(examples: trainCount, batchSize: batchSize)
        plannedSteps = stepsPerEpoch * train.epochs
    }

    /// The schedule as the trainer uses it (step counts rescaled for `budget: epochs`), and the rate
    /// at each update, evaluated for `plannedSteps + extra` updates.
    static func rates(_ train: TrainSpec, plan: RunPlan, trainCount: Int, extra: Int = 0)
        -> (schedule: TrainSpec, rate: @Sendable (Int) -> Double) {
        let scheduled = RunExecutor.trainingSchedule(train, trainCount: trainCount)
        return (scheduled, RunExecutor.learningRateFunction(scheduled, steps: plan.plannedSteps + extra,
                                                            stepsPerEpoch: plan.stepsPerEpoch))
    }
}
