/// The fully resolved configuration of a run, in plain values.
public struct RunSetup: Codable, Sendable, Equatable {
    public var dataset: String
    public var trainCount: Int
    public var testCount: Int
    public var featureCount: Int
    public var classCount: Int
    public var hidden: [Int]
    public var activation: String
    /// Examples per optimizer step (the training-set size for full-batch runs).
    public var batchSize: Int
    /// The base learning rate (a schedule's initial rate when there is one).
    public var learningRate: Double
    /// "sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop".
    public var optimizer: String
    public var momentum: Double
    /// Every optimizer setting with its default filled in, in PyTorch's names and order
    /// (`momentum 0.9`, `betas 0.9, 0.999`, `weight_decay 0`), as users write them.
    public var optimizerParameters: [SetupParameter]
    /// "constant", or the schedule's short description.
    public var schedule: String
    /// The schedule's class or message name as the library spells it ("CosineDecay"); nil for a constant rate.
    public var scheduleName: String?
    /// The schedule's phases (warmup, hold, decay…) and marked steps as `Schedules` computed them,
    /// in optimizer updates as the trainer used them; nil for a constant rate.
    public var scheduleInfo: ScheduleInfo?
    public var epochs: Int
    /// Optimizer updates per epoch (the last partial batch counts).
    public var stepsPerEpoch: Int
    /// Examples held out for validation (0 without `validation_fraction`).
    public var validationCount: Int
    public var seed: UInt64
    /// Learning rate at each step, sampled for charts: (step, rate) pairs covering the planned run.
    public var schedulePoints: [SchedulePoint]

    public init(dataset: String, trainCount: Int, testCount: Int, featureCount: Int, classCount: Int,
                hidden: [Int], activation: String, batchSize: Int, learningRate: Double, optimizer: String,
                momentum: Double, optimizerParameters: [SetupParameter] = [], schedule: String, scheduleName: String? = nil, scheduleInfo: ScheduleInfo? = nil, epochs: Int,
                stepsPerEpoch: Int, validationCount: Int = 0, seed: UInt64, schedulePoints: [SchedulePoint]) {
        self.dataset = dataset
        self.trainCount = trainCount
        self.testCount = testCount
        self.featureCount = featureCount
        self.classCount = classCount
        self.hidden = hidden
        self.activation = activation
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.optimizer = optimizer
        self.momentum = momentum
        self.optimizerParameters = optimizerParameters
        self.schedule = schedule
        self.scheduleName = scheduleName
        self.scheduleInfo = scheduleInfo
        self.epochs = epochs
        self.stepsPerEpoch = stepsPerEpoch
        self.validationCount = validationCount
        self.seed = seed
        self.schedulePoints = schedulePoints
    }
}

public struct SchedulePoint: Codable, Sendable, Equatable {
    public var step: Int
    public var learningRate: Double

    public init(step: Int, learningRate: Double) {
        self.step = step
        self.learningRate = learningRate
    }
}

/// One named setting of a run's setup, its value as users write it ("0.9", "0.9, 0.999", "true").
public struct SetupParameter: Codable, Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
