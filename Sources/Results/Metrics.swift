/// Metrics at the end of one epoch. Accuracies are fractions in 0...1.
public struct EpochMetrics: Codable, Sendable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean minibatch loss over the epoch, weighted by batch size.
    public var trainLoss: Double
    public var trainAccuracy: Double
    /// Full pass over the test set after the epoch.
    public var testLoss: Double
    public var testAccuracy: Double
    public var seconds: Double
    /// Full pass over the training set after the epoch (no dropout); nil in runs stored before
    /// lrlab recorded it.
    public var fullTrainLoss: Double?
    public var fullTrainAccuracy: Double?
    /// Full pass over the validation set after the epoch; nil without `validation_fraction`.
    public var validationLoss: Double?
    public var validationAccuracy: Double?

    public init(epoch: Int, trainLoss: Double, trainAccuracy: Double, testLoss: Double, testAccuracy: Double, seconds: Double,
                fullTrainLoss: Double? = nil, fullTrainAccuracy: Double? = nil,
                validationLoss: Double? = nil, validationAccuracy: Double? = nil) {
        self.epoch = epoch
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
        self.fullTrainLoss = fullTrainLoss
        self.fullTrainAccuracy = fullTrainAccuracy
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
        self.seconds = seconds
    }
}

/// One optimizer step's minibatch loss and learning rate.
public struct StepMetrics: Codable, Sendable, Equatable {
    /// 0-based index of the update.
    public var step: Int
    /// Training examples seen after this step.
    public var examplesSeen: Int
    public var loss: Double
    public var learningRate: Double
    /// Euclidean norm of the step's gradient before clipping; nil in older runs.
    public var gradientNorm: Double?

    public init(step: Int, examplesSeen: Int, loss: Double, learningRate: Double, gradientNorm: Double? = nil) {
        self.step = step
        self.gradientNorm = gradientNorm
        self.examplesSeen = examplesSeen
        self.loss = loss
        self.learningRate = learningRate
    }
}

/// Where and why a run was stopped as diverged, with one evaluation at that moment.
public struct DivergenceInfo: Codable, Sendable, Equatable {
    /// 0-based index of the offending update (the schedules' convention).
    public var step: Int
    public var loss: Double
    /// "non-finite", "blow-up" or "no-progress".
    public var cause: String
    /// Examples seen divided by the training-set size.
    public var epochsSeen: Double
    public var trainLoss: Double
    public var trainAccuracy: Double
    public var testLoss: Double
    public var testAccuracy: Double
    public var validationLoss: Double?
    public var validationAccuracy: Double?

    public init(step: Int, loss: Double, cause: String, epochsSeen: Double, trainLoss: Double,
                trainAccuracy: Double, testLoss: Double, testAccuracy: Double,
                validationLoss: Double? = nil, validationAccuracy: Double? = nil) {
        self.step = step
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
        self.loss = loss
        self.cause = cause
        self.epochsSeen = epochsSeen
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
    }
}
