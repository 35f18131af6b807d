public import Diagnostics

/// What a logged column means to lrlab: the metrics a run record holds.
public enum Metric: String, Sendable, CaseIterable, Hashable {
    case trainLoss = "train_loss"
    case trainAccuracy = "train_accuracy"
    case validationLoss = "validation_loss"
    case validationAccuracy = "validation_accuracy"
    case testLoss = "test_loss"
    case testAccuracy = "test_accuracy"
    /// The learning rate (per epoch in Keras, per step in Lightning's `LearningRateMonitor`).
    case learningRate = "learning_rate"
    /// The minibatch loss logged at single steps (Lightning's `train_loss_step`, a TensorBoard
    /// `train/loss` logged every step).
    case stepLoss = "step_loss"

    /// The metric named `name` in `--metric NAME=COLUMN` (also `val_accuracy`, `val_loss`, `lr`).
    public init?(optionName name: String) {
        switch name {
        case "val_accuracy", "val_acc": self = .validationAccuracy
        case "val_loss": self = .validationLoss
        case "lr": self = .learningRate
        default: self.init(rawValue: name)
        }
    }
}

/// How logged metric names map to lrlab's: the known conventions of Keras, Lightning and
/// TensorBoard tags (after `TensorBoardLog.normalisedTag`), and the
/// user's overrides (`--metric validation_accuracy=my_val_acc`). A name matching nothing is
/// reported as unmapped, never guessed.
public struct MetricNames: Sendable, Equatable {
    /// Column names chosen by the user, by metric; they win over the conventions.
    public var overrides: [Metric: String]

    public init(overrides: [Metric: String] = [:]) {
        self.overrides = overrides
    }

    /// Parses `NAME=COLUMN` options (`validation_accuracy=my_val_acc`); the error names the bad one.
    public init(options: [String]) throws(InputError) {
        var overrides: [Metric: String] = [:]
        for option in options {
            let parts = option.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let names = Metric.allCases.map(\.rawValue)
            guard parts.count == 2, !parts[1].isEmpty else {
                throw InputError("--metric \(quoted(option)): expected METRIC=COLUMN, METRIC one of \(names.joined(separator: ", "))")
            }
            guard let metric = Metric(optionName: parts[0]) else {
                throw InputError("--metric \(quoted(option)): unknown metric \(quoted(parts[0])); expected one of \(names.joined(separator: ", "))",
                                 suggestion: closestMatch(to: parts[0], among: names))
            }
            overrides[metric] = parts[1]
        }
        self.overrides = overrides
    }

    /// Names that mean a metric per epoch, in both tools' spellings (after Lightning's `_epoch`
    /// suffix is removed), most specific first.
    static let epochConventions: [(Metric, [String])] = [
        (.trainAccuracy, ["train_acc", "train_accuracy", "train/acc", "train/accuracy", "acc", "accuracy",
                          "sparse_categorical_accuracy", "categorical_accuracy", "binary_accuracy"]),
        (.trainLoss, ["train_loss", "train/loss", "loss"]),
        (.validationAccuracy, ["val_acc", "val_accuracy", "valid_acc", "valid_accuracy", "validation_acc",
                               "validation_accuracy", "val/acc", "val/accuracy", "val_sparse_categorical_accuracy",
                               "val_categorical_accuracy", "val_binary_accuracy"]),
        (.validationLoss, ["val_loss", "valid_loss", "validation_loss", "val/loss"]),
        (.testAccuracy, ["test_acc", "test_accuracy", "test/acc", "test/accuracy"]),
        (.testLoss, ["test_loss", "test/loss"]),
        (.learningRate, ["learning_rate", "lr", "train/learning_rate", "train/lr"]),
    ]

    /// Names that mean a metric per step (Lightning's `_step` columns, `LearningRateMonitor`'s `lr-*`).
    static let stepConventions: [(Metric, [String])] = [
        (.stepLoss, ["train_loss_step", "loss_step", "train/loss_step", "train_loss", "train/loss", "loss"]),
        (.learningRate, ["learning_rate", "lr", "train/learning_rate", "train/lr", "lr-*"]),
    ]

    /// Whether `name` is only ever a per-step series (`LearningRateMonitor`'s `lr-SGD`), however
    /// few points it has: a run of 6 updates logs its rate at fewer points than it has epochs.
    static func isStepOnly(_ name: String) -> Bool {
        stepConventions.contains { $0.1.contains { $0.hasSuffix("*") && name.hasPrefix($0.dropLast()) } }
    }

    /// The column of each metric among `columns` (per-epoch or per-step ones), and the columns
    /// left without a meaning. An override naming a column that is not there is an error.
    func map(_ columns: [String], perStep: Bool) -> (mapped: [Metric: String], unmapped: [String]) {
        var mapped: [Metric: String] = [:]
        var used: Set<String> = []
        let allowed: Set<Metric> = perStep ? [.stepLoss, .learningRate] : Set(Metric.allCases).subtracting([.stepLoss])
        for (metric, column) in overrides where allowed.contains(metric) && columns.contains(column) {
            mapped[metric] = column
            used.insert(column)
        }
        for (metric, names) in perStep ? Self.stepConventions : Self.epochConventions where mapped[metric] == nil {
            for name in names {
                let hit = name.hasSuffix("*")
                    ? columns.first { $0.hasPrefix(name.dropLast()) && !used.contains($0) }
                    : columns.first { Self.base($0, perStep: perStep) == name && !used.contains($0) }
                if let hit {
                    mapped[metric] = hit
                    used.insert(hit)
                    break
                }
            }
        }
        return (mapped, columns.filter { !used.contains($0) })
    }

    /// A per-epoch column's name without Lightning's `_epoch` suffix.
    static func base(_ column: String, perStep: Bool) -> String {
        !perStep && column.hasSuffix("_epoch") ? String(column.dropLast("_epoch".count)) : column
    }

    /// Every name the conventions accept for `metric`, for error messages.
    static func knownNames(_ metric: Metric) -> [String] {
        (epochConventions + stepConventions).filter { $0.0 == metric }.flatMap(\.1)
    }
}
