public import Results

/// Everything one training run reports.
public struct TrainingOutcome: Codable, Sendable, Equatable {
    /// Step records are sub-sampled evenly (first and last kept) to at most this many.
    public static let maxStepRecords = 2000

    /// The untrained model's mean loss on the training set (full pass).
    public var initialLoss: Double
    /// One record per completed epoch (a run stopped mid-epoch has no record for that epoch).
    public var epochs: [EpochMetrics]
    /// Sampled steps; a diverged run's offending step is always included.
    public var steps: [StepMetrics]
    /// Set when the run was stopped as diverged.
    public var divergence: DivergenceInfo?
    /// Optimizer updates applied.
    public var totalSteps: Int
    /// Wall time of all optimizer steps (sum of the epochs' `seconds` plus a stopped epoch's
    /// part), evaluation passes excluded — comparable to the bench scripts' `train_seconds`.
    /// Includes the noise-scale measurements when `TrainingOptions.noiseSampling` is on.
    public var trainSeconds: Double
    /// Training rows the steps consumed: epochs × training rows for a finished run; a diverged
    /// run counts its offending step's rows.
    public var examplesSeen: Int
    /// Gradient noise-scale measurements, in step order (empty when sampling is off, the batch
    /// has one row, or no step was made). See `NoisePlan` for when they are taken.
    public var noise: [NoiseSample]
    /// The bytes of the buffers the run allocated (nil only for an outcome made outside the trainer).
    public var memory: WorkingMemory?
    /// Set when `TrainingOptions.shouldStop` stopped the run before its planned steps: the
    /// outcome is incomplete and is not a result.
    public var stopped = false

    enum CodingKeys: String, CodingKey {
        case initialLoss, epochs, steps, divergence, totalSteps, trainSeconds, examplesSeen, noise, memory
    }

    public init(initialLoss: Double, epochs: [EpochMetrics], steps: [StepMetrics], divergence: DivergenceInfo?,
                totalSteps: Int, trainSeconds: Double, examplesSeen: Int = 0, noise: [NoiseSample] = [],
                memory: WorkingMemory? = nil) {
        self.initialLoss = initialLoss
        self.epochs = epochs
        self.steps = steps
        self.divergence = divergence
        self.totalSteps = totalSteps
        self.trainSeconds = trainSeconds
        self.examplesSeen = examplesSeen
        self.noise = noise
        self.memory = memory
    }
}
