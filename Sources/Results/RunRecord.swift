/// Everything lrlab keeps about one finished (or diverged) training run.
///
/// Written as `runs/<id>/run.json`; reports are built from these records alone, so they
/// carry the setup needed for titles and subtitles, not only the metrics.
public struct RunRecord: Codable, Sendable, Equatable {
    public var runId: String
    public var sweep: SweepInfo
    /// The grid values that make this run, in the sweep's key order (`train.batch_size` → "64").
    public var grid: [GridValue]
    public var setup: RunSetup
    public var status: RunStatus
    /// Mean loss of the untrained model on the training set.
    public var initialLoss: Double
    public var history: [EpochMetrics]
    /// Sub-sampled per-step log (at most about 2,000 entries).
    public var steps: [StepMetrics]
    public var divergence: DivergenceInfo?
    /// Optimizer updates actually made.
    public var totalSteps: Int
    /// Seconds spent in the training loop.
    public var trainSeconds: Double
    /// Seconds from start to finish of the run, evaluation included.
    public var wallSeconds: Double

    public init(runId: String, sweep: SweepInfo, grid: [GridValue], setup: RunSetup, status: RunStatus,
                initialLoss: Double, history: [EpochMetrics], steps: [StepMetrics], divergence: DivergenceInfo?,
                totalSteps: Int, trainSeconds: Double, wallSeconds: Double) {
        self.runId = runId
        self.sweep = sweep
        self.grid = grid
        self.setup = setup
        self.status = status
        self.initialLoss = initialLoss
        self.history = history
        self.steps = steps
        self.divergence = divergence
        self.totalSteps = totalSteps
        self.trainSeconds = trainSeconds
        self.wallSeconds = wallSeconds
    }
}

public enum RunStatus: String, Codable, Sendable {
    case finished, diverged
}

/// The sweep a run belongs to.
public struct SweepInfo: Codable, Sendable, Equatable {
    public var name: String
    public var title: String
    /// Accuracy (0–1) for "epochs to target" findings.
    public var targetAccuracy: Double?

    public init(name: String, title: String, targetAccuracy: Double?) {
        self.name = name
        self.title = title
        self.targetAccuracy = targetAccuracy
    }
}

/// One grid key and this run's value for it, as the user wrote it.
public struct GridValue: Codable, Sendable, Equatable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
