public import Diagnostics
import Foundation
public import Results

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
    /// The rest of the sweep's `report:` block; not part of the run's identity.
    public var report = ReportSettings()
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

extension RunSpec.Setup {
    /// Sorted-key JSON of the setup: equal setups give equal text on every machine.
    var canonicalText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return "\(self)" }
        return String(decoding: data, as: UTF8.self)
    }
}
