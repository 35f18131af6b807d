/// What happened in one epoch. Losses are mean softmax cross-entropy (nats per example).
public struct EpochRecord: Codable, Sendable, Equatable {
    /// 1-based.
    public var epoch: Int
    /// Mean minibatch loss over the epoch, weighted by batch size (= mean per-example loss,
    /// each example's loss taken before the update it contributed to).
    public var trainLoss: Double
    /// Fraction of the epoch's examples classified correctly by the forward pass of their step.
    public var trainAccuracy: Double
    /// Full pass over the test set after the epoch.
    public var testLoss: Double
    public var testAccuracy: Double
    /// Wall time of the epoch's optimizer steps, evaluation excluded.
    public var seconds: Double
    /// Full pass over the training set after the epoch (no dropout); nil when not evaluated.
    public var fullTrainLoss: Double?
    public var fullTrainAccuracy: Double?

    public init(epoch: Int, trainLoss: Double, trainAccuracy: Double, testLoss: Double,
                testAccuracy: Double, seconds: Double, fullTrainLoss: Double? = nil,
                fullTrainAccuracy: Double? = nil) {
        self.epoch = epoch
        self.fullTrainLoss = fullTrainLoss
        self.fullTrainAccuracy = fullTrainAccuracy
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
        self.seconds = seconds
    }
}

/// One optimizer step, as sampled for loss curves (at most `TrainingOutcome.maxStepRecords` per run).
public struct StepRecord: Codable, Sendable, Equatable {
    /// 0-based optimizer step.
    public var step: Int
    /// Examples seen up to and including this step's batch.
    public var examplesSeen: Int
    /// Mean loss of this step's minibatch, before its update.
    public var loss: Double
    /// The rate the schedule gave for this step.
    public var learningRate: Double
    /// Euclidean norm of this step's gradient (all parameters, before the update).
    public var gradientNorm: Double

    public init(step: Int, examplesSeen: Int, loss: Double, learningRate: Double, gradientNorm: Double) {
        self.step = step
        self.examplesSeen = examplesSeen
        self.loss = loss
        self.learningRate = learningRate
        self.gradientNorm = gradientNorm
    }
}

/// Why and where a run was stopped as diverged.
public struct Divergence: Codable, Sendable, Equatable {
    /// 0-based index of the offending update: the step whose minibatch loss triggered the rule
    /// (not applied), or for `no-progress` the last step of the epoch (applied).
    public var step: Int
    /// The loss that triggered the rule: the minibatch loss (`non-finite`), the windowed mean
    /// (`blow-up`) or the epoch's mean training loss (`no-progress`). May be NaN or infinite.
    public var loss: Double
    /// `"non-finite"`, `"blow-up"` or `"no-progress"`; see `DivergenceRule`.
    public var cause: String
    /// Examples seen (including the offending step's batch) / training-set size.
    public var epochsSeen: Double
    /// One full evaluation with the parameters at the moment training stopped.
    public var trainLoss: Double
    public var trainAccuracy: Double
    public var testLoss: Double
    public var testAccuracy: Double

    public init(step: Int, loss: Double, cause: String, epochsSeen: Double, trainLoss: Double,
                trainAccuracy: Double, testLoss: Double, testAccuracy: Double) {
        self.step = step
        self.loss = loss
        self.cause = cause
        self.epochsSeen = epochsSeen
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
    }
}

/// Everything one training run reports.
public struct TrainingOutcome: Codable, Sendable, Equatable {
    /// Step records are sub-sampled evenly (first and last kept) to at most this many.
    public static let maxStepRecords = 2000

    /// The untrained model's mean loss on the training set (full pass).
    public var initialLoss: Double
    /// One record per completed epoch (a run stopped mid-epoch has no record for that epoch).
    public var epochs: [EpochRecord]
    /// Sampled steps; a diverged run's offending step is always included.
    public var steps: [StepRecord]
    /// Set when the run was stopped as diverged.
    public var divergence: Divergence?
    /// Optimizer updates applied.
    public var totalSteps: Int
    /// Wall time of all optimizer steps (sum of the epochs' `seconds` plus a stopped epoch's
    /// part), evaluation passes excluded — comparable to the bench scripts' `train_seconds`.
    public var trainSeconds: Double

    public init(initialLoss: Double, epochs: [EpochRecord], steps: [StepRecord], divergence: Divergence?,
                totalSteps: Int, trainSeconds: Double) {
        self.initialLoss = initialLoss
        self.epochs = epochs
        self.steps = steps
        self.divergence = divergence
        self.totalSteps = totalSteps
        self.trainSeconds = trainSeconds
    }
}
