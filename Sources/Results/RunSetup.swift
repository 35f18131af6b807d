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
    /// "sgd", "momentum", ...
    public var optimizer: String
    public var momentum: Double
    /// "constant", or the schedule's short description.
    public var schedule: String
    public var epochs: Int
    public var seed: UInt64
    /// Learning rate at each step, sampled for charts: (step, rate) pairs covering the planned run.
    public var schedulePoints: [SchedulePoint]

    public init(dataset: String, trainCount: Int, testCount: Int, featureCount: Int, classCount: Int,
                hidden: [Int], activation: String, batchSize: Int, learningRate: Double, optimizer: String,
                momentum: Double, schedule: String, epochs: Int, seed: UInt64, schedulePoints: [SchedulePoint]) {
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
        self.schedule = schedule
        self.epochs = epochs
        self.seed = seed
        self.schedulePoints = schedulePoints
    }

    /// Optimizer steps in one epoch (the last partial batch counts).
    public var stepsPerEpoch: Int { batchSize > 0 ? (trainCount + batchSize - 1) / batchSize : 0 }
}

public struct SchedulePoint: Codable, Sendable, Equatable {
    public var step: Int
    public var learningRate: Double

    public init(step: Int, learningRate: Double) {
        self.step = step
        self.learningRate = learningRate
    }
}
