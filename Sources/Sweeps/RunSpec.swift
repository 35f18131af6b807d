import Datasets
import Foundation
import Schedules

/// One fully resolved training run of a sweep: every value decided, nothing left to defaults.
public struct RunSpec: Sendable, Hashable {
    public var sweepName: String
    public var title: String
    /// Position in the expanded grid (0-based), used by `--shard`.
    public var index: Int
    /// This run's grid values, in the sweep's key order, as written.
    public var grid: [GridEntry]
    public var repeatIndex: Int
    public var setup: Setup
    public var targetAccuracy: Double?

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
        let readable = grid.map { entry in
            String(entry.value.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-" }
                .map(Character.init).prefix(16))
        }.filter { !$0.isEmpty }.joined(separator: "-")
        let hash = StableHash.hex(StableHash.of(setup.canonicalText))
        let prefix = readable.isEmpty ? "" : String(readable.prefix(48)) + "-"
        return prefix + String(hash.prefix(10))
    }
}

public struct GridEntry: Sendable, Hashable, Codable {
    public var key: String
    public var value: String
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

    private enum CodingKeys: String, CodingKey {
        case dataset, testFraction, scaling, seed, validationFraction, synthetic, csv, idx
    }

    /// `path` resolved against `folder` (absolute paths and `~` as they are).
    public func resolve(_ path: String) -> String {
        let expanded = NSString(string: path).expandingTildeInPath
        if expanded.hasPrefix("/") || folder.isEmpty { return expanded }
        return folder.hasSuffix("/") ? folder + expanded : folder + "/" + expanded
    }
}

public struct ModelSpec: Sendable, Hashable, Codable {
    public var hidden: [Int]
    public var activation: String
}

public struct TrainSpec: Sendable, Hashable, Codable {
    public var epochs: Int
    /// nil means full batch (`all`).
    public var batchSize: Int?
    public var optimizer: OptimizerSpec
    /// The constant rate, or the base rate shown when a schedule is given.
    public var learningRate: Double
    public var schedule: ScheduleSpec?
}

public struct OptimizerSpec: Sendable, Hashable, Codable {
    /// "sgd" | "momentum"
    public var name: String
    public var momentum: Double
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
