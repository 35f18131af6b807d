/// Everything lrlab keeps about one finished (or diverged) training run.
///
/// Written as `runs/<id>/run.json`; reports are built from these records alone, so they
/// carry the setup needed for titles and subtitles, not only the metrics.
public struct RunRecord: Codable, Sendable, Equatable {
    /// The version of this record's layout; records of another version are retrained by `run`.
    public static let currentFormat = 3
    public var format: Int = RunRecord.currentFormat
    public var runId: String
    public var sweep: SweepInfo
    /// The grid values that make this run, in the sweep's key order (`train.batch_size` → "64").
    public var grid: [GridValue]
    /// Position of the run's grid point in the sweep's expanded grid (0-based, first key slowest),
    /// and of this run among the point's repeats: results are listed in this order.
    public var gridIndex: Int
    public var repeatIndex: Int
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
    /// Why a `failed` run failed, in one line (nil for finished and diverged runs).
    public var failure: String?
    /// Training examples the optimizer steps consumed (a diverged run: up to its last step).
    public var examplesSeen: Int?
    /// Gradient noise-scale measurements at fixed intervals of training (empty when the batch
    /// is too small to split, or in a failed run).
    public var noise: [NoiseSample]?
    /// The trainer's working memory for this run's batch size.
    public var memory: WorkingMemory?
    /// How and where the run was made (lrlab version, command, sweep text, machine, data hash).
    public var provenance: Provenance?

    public init(runId: String, sweep: SweepInfo, grid: [GridValue], gridIndex: Int, repeatIndex: Int,
                setup: RunSetup, status: RunStatus,
                initialLoss: Double, history: [EpochMetrics], steps: [StepMetrics], divergence: DivergenceInfo?,
                totalSteps: Int, trainSeconds: Double, wallSeconds: Double, failure: String? = nil) {
        self.runId = runId
        self.sweep = sweep
        self.grid = grid
        self.gridIndex = gridIndex
        self.repeatIndex = repeatIndex
        self.setup = setup
        self.status = status
        self.initialLoss = initialLoss
        self.history = history
        self.steps = steps
        self.divergence = divergence
        self.totalSteps = totalSteps
        self.trainSeconds = trainSeconds
        self.wallSeconds = wallSeconds
        self.failure = failure
    }
}

/// `finished` and `diverged` runs are results; a `failed` run (a write error, non-finite data…)
/// is not: it has no or partial history, reports list it apart, and `lrlab run` trains it again.
public enum RunStatus: String, Codable, Sendable {
    case finished, diverged, failed
}

/// The sweep a run belongs to.
public struct SweepInfo: Codable, Sendable, Equatable {
    public var name: String
    public var title: String
    /// Accuracy (0–1) for "epochs to target" findings.
    public var targetAccuracy: Double?
    /// How the report of the sweep looks (`report:` of the sweep file, except `target_accuracy`).
    public var report: ReportSettings?

    public init(name: String, title: String, targetAccuracy: Double?, report: ReportSettings? = nil) {
        self.name = name
        self.title = title
        self.targetAccuracy = targetAccuracy
        self.report = report
    }
}

extension RunRecord {
    /// The run's grid point: what its repeats share.
    public var point: GridPoint { GridPoint(grid) }
}
