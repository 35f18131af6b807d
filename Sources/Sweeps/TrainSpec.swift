public import Schedules

/// The `train` block, resolved.
public struct TrainSpec: Sendable, Hashable, Codable {
    public var epochs: Int
    /// nil means full batch (`all`).
    public var batchSize: Int?
    public var optimizer: OptimizerSpec
    /// The constant rate, or the base rate shown when a schedule is given.
    public var learningRate: Double
    /// The schedule, resolved: scaled to peak at `learningRate` when that was given for a
    /// schedule with its own rates. Step counts are as written (see `scheduleBatchSize`).
    public var schedule: ScheduleSpec?
    /// What one schedule step is; nil means one optimizer step (and keeps run ids unchanged).
    public var scheduleUnit: ScheduleUnit?
    /// `budget: epochs`: the batch size the schedule's step counts were written for. The trainer
    /// multiplies them by (updates per epoch at `batchSize`) / (updates per epoch at this size),
    /// so the schedule lasts as many epochs at every batch size. nil: step counts as written.
    public var scheduleBatchSize: Int?
    /// Global gradient-norm bound; nil is no clipping.
    public var clipNorm: Double?
    /// Cross-entropy label smoothing in (0, 1]; nil is none.
    public var labelSmoothing: Double?

    public init(epochs: Int, batchSize: Int?, optimizer: OptimizerSpec, learningRate: Double,
                schedule: ScheduleSpec?, scheduleUnit: ScheduleUnit? = nil, scheduleBatchSize: Int? = nil,
                clipNorm: Double? = nil, labelSmoothing: Double? = nil) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.schedule = schedule
        self.scheduleUnit = scheduleUnit
        self.scheduleBatchSize = scheduleBatchSize
        self.clipNorm = clipNorm
        self.labelSmoothing = labelSmoothing
    }
}
