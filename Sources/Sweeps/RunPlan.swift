import Training

/// How a run's steps fall on its training set: the effective batch size, updates per epoch,
/// updates planned, the schedule as trained and the learning rate at each update.
///
/// The one place that turns (batch size, training-set size, schedule, budget) into steps and
/// rates: the checks made before training, the trainer's run, its record and the range test all
/// read it, so they agree on every number. Schedule arithmetic is in `RunPlan+Schedule.swift`.
struct RunPlan {
    /// Rows in the training part.
    let trainCount: Int
    /// Examples per update: the spec's batch size, or the whole training set for `all` (and at most that).
    let batchSize: Int
    /// Updates per epoch (`updatesPerEpoch`: the last partial batch counts).
    let stepsPerEpoch: Int
    /// Updates the run makes if it does not diverge: `stepsPerEpoch × epochs`.
    let plannedSteps: Int
    /// The `train` settings as the trainer uses them: the schedule's step counts rescaled for
    /// `budget: epochs` (see `trainedSchedule`), everything else as given.
    let train: TrainSpec

    /// Most optimizer updates one run may plan: 2³² − 1, the bound on a schedule's step counts
    /// (the schedule is evaluated once per update before training, 8 bytes each).
    static let maxPlannedSteps = 4_294_967_295

    init(_ train: TrainSpec, trainCount: Int) {
        self.trainCount = trainCount
        batchSize = max(1, min(train.batchSize ?? trainCount, trainCount))
        stepsPerEpoch = updatesPerEpoch(examples: trainCount, batchSize: batchSize)
        // Saturating: RunCheck rejects plans past `RunPlan.maxPlannedSteps` before anything trains.
        let (product, overflow) = stepsPerEpoch.multipliedReportingOverflow(by: max(0, train.epochs))
        plannedSteps = overflow ? Int.max : product
        self.train = Self.trainedSchedule(train, trainCount: trainCount, batchSize: batchSize)
    }
}
