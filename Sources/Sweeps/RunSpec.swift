import Datasets
import Diagnostics
import Foundation
import Results
import Schedules

/// One fully resolved training run of a sweep: every value decided, nothing left to defaults.
public struct RunSpec: Sendable, Hashable {
    public var sweepName: String
    public var title: String
    /// Position in the expanded grid (0-based), used by `--shard`.
    public var index: Int
    /// Index of the run's grid point in the expanded grid (repeats share it).
    public var pointIndex: Int = 0
    /// This run's grid values, in the sweep's key order, typed and labelled.
    public var grid: [GridValue]
    /// Short forms of the grid values for the run id (a mapping by its `name`), as run ids
    /// have always been made, so finished runs stay found.
    public var idParts: [String] = []
    public var repeatIndex: Int
    public var setup: Setup
    public var targetAccuracy: Double?
    /// Where the `data`, `model` and `train.schedule` settings were written, for problems found
    /// only once the data is loaded (a split that leaves a class empty, a schedule too short).
    /// Not part of the run's identity.
    public var locations: [String: SourceLocation] = [:]

    /// What determines the run's numbers; its hash names the run's folder.
    public struct Setup: Sendable, Hashable, Codable {
        public var data: DataSpec
        public var model: ModelSpec
        public var train: TrainSpec
        /// Seed for the weights and batch order (the split uses `data.seed`).
        public var seed: UInt64
    }

    /// Run id: readable grid values plus a hash of the resolved setup, e.g. `64-0.1-3fa2c9d1e0`.
    public var id: String {
        let readable = idParts.map { part in
            String(part.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-" }
                .map(Character.init).prefix(16))
        }.filter { !$0.isEmpty }.joined(separator: "-")
        let hash = StableHash.hex(StableHash.of(setup.canonicalText))
        let prefix = readable.isEmpty ? "" : String(readable.prefix(48)) + "-"
        return prefix + String(hash.prefix(10))
    }
}

public struct DataSpec: Sendable, Hashable, Codable {
    /// "digits" | "synthetic" | "csv" | "idx"
    public var dataset: String
    /// Fraction of each class held out for testing, for sources without their own test part.
    public var testFraction: Double
    /// "none" | "standardize" | "minmax", fitted on the training part.
    public var scaling: String
    /// Seed of the train/test split, shared by every run of the sweep.
    public var seed: UInt64
    /// Fraction of each class of the training part held out for validation; nil: none.
    public var validationFraction: Double?
    /// Set exactly when `dataset` is "synthetic".
    public var synthetic: SyntheticOptions?
    /// Set exactly when `dataset` is "csv"; its path as written in the sweep file.
    public var csv: CSVOptions?
    /// Set exactly when `dataset` is "idx"; paths as written in the sweep file.
    public var idx: IDXOptions?
    /// The folder relative data paths resolve against (the sweep file's). Not part of the
    /// run's identity, so a sweep folder can move without invalidating finished runs.
    public var folder: String = ""
    /// A hash of the data files' contents (csv, idx): editing a file changes every run's id, so
    /// a resumed sweep retrains instead of reusing runs made from the old data. nil for built-in data.
    public var contentHash: String?

    private enum CodingKeys: String, CodingKey {
        case dataset, testFraction, scaling, seed, validationFraction, synthetic, csv, idx, contentHash
    }

    /// `path` resolved against `folder` (absolute paths and `~` as they are).
    public func resolve(_ path: String) -> String {
        let expanded = NSString(string: path).expandingTildeInPath
        if expanded.hasPrefix("/") || folder.isEmpty { return expanded }
        return folder.hasSuffix("/") ? folder + expanded : folder + "/" + expanded
    }
}

/// The model block, resolved. Optional fields are nil when they hold their default, so that
/// setups written before they existed keep their hash (and their finished runs).
public struct ModelSpec: Sendable, Hashable, Codable {
    public var hidden: [Int]
    /// "relu" | "leaky_relu" | "tanh" | "sigmoid" | "gelu"
    public var activation: String
    /// "he" | "glorot"; nil is "pytorch".
    public var initialization: String?
    /// Dropout probability in (0, 1); nil is none.
    public var dropout: Double?

    public init(hidden: [Int], activation: String, initialization: String? = nil, dropout: Double? = nil) {
        self.hidden = hidden
        self.activation = activation
        self.initialization = initialization
        self.dropout = dropout
    }
}

public struct TrainSpec: Sendable, Hashable, Codable {
    public var epochs: Int
    /// nil means full batch (`all`).
    public var batchSize: Int?
    public var optimizer: OptimizerSpec
    /// The constant rate, or the base rate shown when a schedule is given.
    public var learningRate: Double
    /// The schedule, resolved: scaled to peak at `learningRate` when that was given for a
    /// schedule with its own rates. Step counts are as written (see `scheduleBatchSize`).
    public var schedule: ScheduleSpec?
    /// What one schedule step is; nil means one optimizer step (and keeps run ids unchanged).
    public var scheduleUnit: ScheduleUnit?
    /// `budget: epochs`: the batch size the schedule's step counts were written for. The trainer
    /// multiplies them by (updates per epoch at `batchSize`) / (updates per epoch at this size),
    /// so the schedule lasts as many epochs at every batch size. nil: step counts as written.
    public var scheduleBatchSize: Int?
    /// Global gradient-norm bound; nil is no clipping.
    public var clipNorm: Double?
    /// Cross-entropy label smoothing in (0, 1]; nil is none.
    public var labelSmoothing: Double?

    public init(epochs: Int, batchSize: Int?, optimizer: OptimizerSpec, learningRate: Double,
                schedule: ScheduleSpec?, scheduleUnit: ScheduleUnit? = nil, scheduleBatchSize: Int? = nil,
                clipNorm: Double? = nil, labelSmoothing: Double? = nil) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.schedule = schedule
        self.scheduleUnit = scheduleUnit
        self.scheduleBatchSize = scheduleBatchSize
        self.clipNorm = clipNorm
        self.labelSmoothing = labelSmoothing
    }
}

/// `train.schedule.unit`: how the trainer steps the schedule.
public enum ScheduleUnit: String, Sendable, Hashable, Codable, CaseIterable {
    /// `scheduler.step()` after every optimizer update: update `s` uses the rate at step `s`.
    case step
    /// `scheduler.step()` once per epoch, as PyTorch examples do: every update of epoch `e`
    /// (0-based) uses the rate at schedule step `e`.
    case epoch
}

/// The optimizer, resolved, with PyTorch's parameter names. Optional fields are nil when they
/// hold the optimizer's default (see `ModelSpec`); `resolved` fills them in.
public struct OptimizerSpec: Sendable, Hashable, Codable {
    /// "sgd" | "momentum" | "nesterov" | "adam" | "adamw" | "rmsprop"
    public var name: String
    /// SGD family and RMSprop (0 for Adam).
    public var momentum: Double
    public var dampening: Double?
    /// `nesterov: true` on `sgd`/`momentum` (the `nesterov` name implies it).
    public var nesterov: Bool?
    public var betas: [Double]?
    public var eps: Double?
    public var weightDecay: Double?
    public var amsgrad: Bool?
    public var alpha: Double?
    public var centered: Bool?

    public init(name: String, momentum: Double, dampening: Double? = nil, nesterov: Bool? = nil,
                betas: [Double]? = nil, eps: Double? = nil, weightDecay: Double? = nil, amsgrad: Bool? = nil,
                alpha: Double? = nil, centered: Bool? = nil) {
        self.name = name
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        self.alpha = alpha
        self.centered = centered
    }
}

extension RunSpec.Setup {
    /// Sorted-key JSON of the setup: equal setups give equal text on every machine.
    var canonicalText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return "\(self)" }
        return String(decoding: data, as: UTF8.self)
    }
}
