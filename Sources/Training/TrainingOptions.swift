/// How to train one model: its hidden layers, the optimizer's settings and the data order.
///
/// The learning rate is a function of the 0-based optimizer step (steps count updates across
/// epochs); schedules supply it, a constant rate is `{ _ in 0.1 }`.
public struct TrainingOptions: Sendable {
    /// Widths of the hidden layers, input side first, e.g. `[64]`. Each ≥ 1; may be empty
    /// (then the model is multinomial logistic regression).
    public var hidden: [Int]
    /// Passes over the training set, ≥ 0.
    public var epochs: Int
    /// Examples per optimizer step, ≥ 1; a value ≥ the training set's size means full batch.
    /// The last batch of an epoch keeps the remainder (it may be smaller).
    public var batchSize: Int
    /// PyTorch SGD momentum `μ`: `v ← μ·v + g; w ← w − lr·v`. 0 is plain SGD.
    public var momentum: Double
    /// Seeds weight initialisation and every epoch's shuffle.
    public var seed: UInt64
    /// The learning rate at a 0-based optimizer step.
    public var learningRate: @Sendable (Int) -> Double

    public init(hidden: [Int] = [64], epochs: Int = 30, batchSize: Int = 64, momentum: Double = 0.9,
                seed: UInt64 = 0, learningRate: @escaping @Sendable (Int) -> Double) {
        self.hidden = hidden
        self.epochs = epochs
        self.batchSize = batchSize
        self.momentum = momentum
        self.seed = seed
        self.learningRate = learningRate
    }

    /// Options with a constant learning rate.
    public init(hidden: [Int] = [64], epochs: Int = 30, batchSize: Int = 64, momentum: Double = 0.9,
                seed: UInt64 = 0, learningRate: Double) {
        self.init(hidden: hidden, epochs: epochs, batchSize: batchSize, momentum: momentum,
                  seed: seed, learningRate: { _ in learningRate })
    }
}
