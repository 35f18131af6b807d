public import Diagnostics
public import Foundation
public import Results
public import Yams

/// A sweep file read and checked: its name, its grid, and every run it expands to.
///
/// All input is validated here, before anything trains: a bad value anywhere, including in
/// one grid combination only, is an `InputError` naming its file, line and column.
public struct Sweep: Sendable {
    public var path: String
    public var name: String
    public var title: String
    /// Grid keys in file order, with their values as written.
    public var gridKeys: [String]
    /// Every run, in grid order (the first key varies slowest), repeats adjacent.
    public var runs: [RunSpec]

    /// Reads the sweep file at `path`, applying `overrides` (`KEY=VALUE`, VALUE as YAML) first.
    public init(path: String, overrides: [String] = []) throws(InputError) {
        let document = try YAMLDocument(contentsOf: path)
        try self.init(document: document, overrides: overrides)
    }

    public init(document: YAMLDocument, overrides: [String] = []) throws(InputError) {
        path = document.path
        var root = document.root.node
        var origins: [String: String] = [:]
        for text in overrides {
            let (keyPath, value) = try Self.parseOverride(text)
            root = NodeEditing.setting(Self.path(of: keyPath)[...], to: value, in: root)
            origins[keyPath] = "--set \(keyPath)"
        }
        let top = ConfigNode(node: root, file: document.path, keyPath: "", origins: origins)
        let entries = try top.mapping(allowedKeys: SweepKeys.topLevel)
        func value(_ key: String) -> ConfigNode? { entries.first { $0.key == key }?.value }

        guard let nameNode = value("name") else { throw top.error("the sweep needs a 'name'") }
        name = try nameNode.string()
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }) else {
            throw nameNode.error("'name' may contain only letters, digits, '-' and '_', got '\(name)'")
        }
        title = try value("title")?.string() ?? name
        let masterSeed = try value("seed").map { node throws(InputError) -> UInt64 in
            let seed = try node.int()
            guard seed >= 0 else { throw node.error("'seed' must be 0 or more, got \(seed)") }
            return UInt64(seed)
        } ?? 0
        let repeats = try value("repeats")?.int() ?? 1
        if let node = value("repeats"), !(1...1000).contains(repeats) {
            throw node.error("'repeats' must be between 1 and 1000, got \(repeats)")
        }

        let grid = try value("grid").map(Self.readGrid) ?? []
        let points = grid.reduce(1) { $0 * $1.values.count }  // ≤ 100,000, checked by readGrid
        if points * repeats > 100_000, let node = value("repeats") {
            throw node.error("\(points) grid points × \(repeats) repeats is \(points * repeats) runs; at most 100,000 are allowed")
        }
        gridKeys = grid.map(\.key)
        let base = NodeEditing.removing("grid", from: root)

        var runs: [RunSpec] = []
        let labelled = grid.map { GridLabels.values(key: $0.key, nodes: $0.values) }
        let indices = grid.map { Array($0.values.indices) }
        for (pointIndex, combination) in Self.product(indices).enumerated() {
            var node = base
            var values: [GridValue] = []
            var idParts: [String] = []
            for (axisIndex, valueIndex) in combination.enumerated() {
                let axis = grid[axisIndex]
                let valueNode = axis.values[valueIndex]
                node = NodeEditing.setting(axis.path[...], to: valueNode, in: node)
                values.append(labelled[axisIndex][valueIndex])
                idParts.append(NodeEditing.shortLabel(valueNode))
            }
            let config = ConfigNode(node: node, file: document.path, keyPath: "", origins: origins)
            for repeatIndex in 0..<repeats {
                var spec = try RunConfigReader.read(config, masterSeed: masterSeed, repeatIndex: repeatIndex)
                spec.sweepName = name
                spec.title = title
                spec.index = runs.count
                spec.pointIndex = pointIndex
                spec.grid = values
                spec.idParts = idParts
                runs.append(spec)
            }
        }
        self.runs = runs
    }

    struct GridAxis {
        var key: String
        var path: [String]
        var values: [Node]
    }

    static func readGrid(_ node: ConfigNode) throws(InputError) -> [GridAxis] {
        var axes: [GridAxis] = []
        for entry in try node.mapping() {
            let key = entry.key
            guard SweepKeys.isGridKey(key) else {
                throw entry.keyNode.error("'\(key)' is not a setting a grid can vary",
                                          suggestion: closestMatch(to: key, among: SweepKeys.gridPaths))
            }
            let values = try entry.value.sequence()
            guard !values.isEmpty else { throw entry.value.error("grid key '\(key)' needs at least one value") }
            axes.append(GridAxis(key: key, path: key.split(separator: ".").map(String.init), values: values.map(\.node)))
        }
        // Saturating product: a huge grid must be refused, not wrap around.
        let total = axes.reduce(1) { partial, axis in
            let (product, overflow) = partial.multipliedReportingOverflow(by: axis.values.count)
            return overflow ? Int.max : product
        }
        guard total <= 100_000 else {
            throw node.error("the grid expands to \(total == Int.max ? "too many" : "\(total)") runs; at most 100,000 are allowed")
        }
        return axes
    }

    /// The node path of a `--set` key: dotted, except that a grid key is one key (`grid` → `train.batch_size`).
    static func path(of key: String) -> [String] {
        if key.hasPrefix("grid."), key.count > 5 { return ["grid", String(key.dropFirst(5))] }
        return key.split(separator: ".").map(String.init)
    }

    /// Cartesian product, first axis slowest.
    static func product<T>(_ axes: [[T]]) -> [[T]] {
        axes.reduce([[]]) { partial, values in partial.flatMap { prefix in values.map { prefix + [$0] } } }
    }

    /// `train.epochs=5` → ("train.epochs", node for 5).
    static func parseOverride(_ text: String) throws(InputError) -> (String, Node) {
        guard let equals = text.firstIndex(of: "=") else {
            throw InputError("--set expects KEY=VALUE, got '\(text)'")
        }
        let key = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        let valueText = String(text[text.index(after: equals)...])
        let known = SweepKeys.allPaths
        guard !key.isEmpty, known.contains(key) || SweepKeys.isGridKey(key) || key.hasPrefix("grid.") else {
            throw InputError("--set: unknown key '\(key)'", suggestion: closestMatch(to: key, among: known))
        }
        let document = try YAMLDocument(text: valueText.isEmpty ? "''" : valueText, path: "--set \(key)")
        return (key, document.root.node)
    }
}
