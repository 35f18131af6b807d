/// One training run as another tool logged it, before it becomes a `RunRecord`: the neutral form
/// every log reader (Keras, Lightning, TensorBoard…) produces.
public struct ImportedRun: Sendable, Equatable {
    /// A short name for the run: a file's stem (`bs64_lr0.01`) or a folder's name (`version_0`).
    public var name: String
    /// The file or folder the run was read from, as the user named it.
    public var source: String
    /// Hyperparameters the logs carry, as written (`batch_size` → "64"); empty when none.
    public var hparams: [String: String]
    /// Per-epoch metrics, in epoch order (epochs are 1-based).
    public var epochs: [ImportedEpoch]
    /// Per-step training loss and learning rate, in step order (steps are 0-based); empty when
    /// the logs have none.
    public var steps: [ImportedStep]
    /// Metric names in the logs that could not be given a meaning (said once, never guessed).
    public var unmapped: [String]
    /// Optimizer updates made, when the logs tell (Lightning's `step` column); nil when not.
    public var totalSteps: Int?
    /// Things read past without failing (a TensorBoard file's last record cut short…), one
    /// sentence each; said as notes.
    public var warnings: [String]

    public init(name: String, source: String, hparams: [String: String] = [:], epochs: [ImportedEpoch],
                steps: [ImportedStep] = [], unmapped: [String] = [], totalSteps: Int? = nil, warnings: [String] = []) {
        self.totalSteps = totalSteps
        self.warnings = warnings
        self.name = name
        self.source = source
        self.hparams = hparams
        self.epochs = epochs
        self.steps = steps
        self.unmapped = unmapped
    }
}

/// One epoch's metrics as logged; a metric the logs lack for this epoch is nil. Accuracies are
/// fractions (0–1).
public struct ImportedEpoch: Sendable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean training loss and accuracy over the epoch's minibatches (as the tools log them).
    public var trainLoss: Double?
    public var trainAccuracy: Double?
    /// Loss and accuracy on the validation set after the epoch.
    public var validationLoss: Double?
    public var validationAccuracy: Double?
    /// Loss and accuracy on the test set after the epoch.
    public var testLoss: Double?
    public var testAccuracy: Double?
    /// The learning rate logged for the epoch (Keras' `learning_rate` / `lr` column).
    public var learningRate: Double?

    public init(epoch: Int, trainLoss: Double? = nil, trainAccuracy: Double? = nil,
                validationLoss: Double? = nil, validationAccuracy: Double? = nil,
                testLoss: Double? = nil, testAccuracy: Double? = nil, learningRate: Double? = nil) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
        self.learningRate = learningRate
    }

    /// The value of `metric` in this epoch.
    public subscript(metric: Metric) -> Double? {
        get {
            switch metric {
            case .trainLoss: trainLoss
            case .trainAccuracy: trainAccuracy
            case .validationLoss: validationLoss
            case .validationAccuracy: validationAccuracy
            case .testLoss: testLoss
            case .testAccuracy: testAccuracy
            case .learningRate: learningRate
            case .stepLoss: nil
            }
        }
        set {
            switch metric {
            case .trainLoss: trainLoss = newValue
            case .trainAccuracy: trainAccuracy = newValue
            case .validationLoss: validationLoss = newValue
            case .validationAccuracy: validationAccuracy = newValue
            case .testLoss: testLoss = newValue
            case .testAccuracy: testAccuracy = newValue
            case .learningRate: learningRate = newValue
            case .stepLoss: break
            }
        }
    }
}

/// One logged optimizer step: its minibatch loss and learning rate, either of which may be missing.
public struct ImportedStep: Sendable, Equatable {
    /// 0-based index of the update.
    public var step: Int
    public var loss: Double?
    public var learningRate: Double?

    public init(step: Int, loss: Double? = nil, learningRate: Double? = nil) {
        self.step = step
        self.loss = loss
        self.learningRate = learningRate
    }
}
