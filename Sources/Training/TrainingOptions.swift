/// How to train one model: its layers, loss, optimizer and the data order.
///
/// The learning rate is a function of the 0-based optimizer step (steps count updates across
/// epochs); schedules supply it, a constant rate is `{ _ in 0.1 }`.
public struct TrainingOptions: Sendable {
    /// Widths of the hidden layers, input side first, e.g. `[64]`. Each ≥ 1; may be empty
    /// (then the model is multinomial logistic regression).
    public var hidden: [Int]
    /// The hidden layers' nonlinearity.
    public var activation: Activation = .relu
    /// How the initial weights are drawn.
    public var initialization: Initialization = .pytorch
    /// Probability p in [0, 1) of dropping a hidden unit during training (inverted dropout).
    public var dropout: Double = 0
    /// Label smoothing ε in [0, 1] of the cross-entropy (PyTorch's `label_smoothing`).
    public var labelSmoothing: Double = 0
    /// Passes over the training set, ≥ 0.
    public var epochs: Int
    /// Examples per optimizer step, ≥ 1; a value ≥ the training set's size means full batch.
    /// The last batch of an epoch keeps the remainder (it may be smaller).
    public var batchSize: Int
    /// The update rule.
    public var optimizer: OptimizerChoice
    /// Clip the gradient to this global Euclidean norm before each update
    /// (`torch.nn.utils.clip_grad_norm_`: scaled by `c / (‖g‖ + 1e−6)` when that is < 1); nil: never.
    public var clipNorm: Double?
    /// Evaluate the whole training set after every epoch (`EpochMetrics.fullTrainLoss`).
    public var evaluateTrainSet = true
    /// Measure the gradient noise scale during training (`TrainingOutcome.noise`): at fixed
    /// intervals of steps, one extra gradient over the first eighth of the step's batch (about
    /// 1% of training time, at most 200 samples a run; see `NoisePlan`). The run's numbers are
    /// the same bit for bit either way; off, only the measurement's time is saved.
    public var noiseSampling = true
    /// Let the first layer read each minibatch's rows from the training table in place
    /// (`RowKernels`, `Float` on x86-64 CPUs with AVX2 or AVX-512) instead of gathering them and calling BLAS.
    /// The sums are the same up to rounding (the order of additions differs); off mostly for
    /// `make bench` and the tests, which compare the two.
    public var rowKernels = true
    /// Seeds weight initialisation, every epoch's shuffle and the dropout masks.
    public var seed: UInt64
    /// The learning rate at a 0-based optimizer step.
    public var learningRate: @Sendable (Int) -> Double
    /// Asked before every minibatch step (and range-test step); when it returns true the run
    /// stops there and its outcome is marked `stopped`. The caller decides why (lrlab: a signal);
    /// nil: never stop early.
    public var shouldStop: (@Sendable () -> Bool)?

    /// Options for any optimizer.
    public init(hidden: [Int] = [64], epochs: Int = 30, batchSize: Int = 64, optimizer: OptimizerChoice,
                seed: UInt64 = 0, learningRate: @escaping @Sendable (Int) -> Double) {
        self.hidden = hidden
        self.epochs = epochs
        self.batchSize = batchSize
        self.optimizer = optimizer
        self.seed = seed
        self.learningRate = learningRate
    }

    /// Options with PyTorch SGD and momentum `μ`: `v ← μ·v + g; w ← w − lr·v` (0: plain SGD).
    public init(hidden: [Int] = [64], epochs: Int = 30, batchSize: Int = 64, momentum: Double = OptimizerDefaults.momentum,
                seed: UInt64 = 0, learningRate: @escaping @Sendable (Int) -> Double) {
        self.init(hidden: hidden, epochs: epochs, batchSize: batchSize,
                  optimizer: .sgd(SGDSettings(momentum: momentum)), seed: seed, learningRate: learningRate)
    }

    /// Options with SGD, momentum `μ` and a constant learning rate.
    public init(hidden: [Int] = [64], epochs: Int = 30, batchSize: Int = 64, momentum: Double = OptimizerDefaults.momentum,
                seed: UInt64 = 0, learningRate: Double) {
        self.init(hidden: hidden, epochs: epochs, batchSize: batchSize, momentum: momentum,
                  seed: seed, learningRate: { _ in learningRate })
    }
}
