public import Diagnostics
import Foundation
import Results
import Yams

/// A sweep file read and checked: its name, its grid, and every run it expands to.
///
/// All input is validated here, before anything trains: a bad value anywhere, including in
/// one grid combination only, is an `InputError` naming its file, line and column.
public struct Sweep: Sendable {
    public var path: String
    public var name: String
    public var title: String
    /// The keys a point varies: the grid's in file order, then the zip's.
    public var gridKeys: [String]
    /// Every run, in expansion order, repeats adjacent: the grid's points (the first key varies
    /// slowest), each with every zip point (the zip fastest), less the excluded ones, then the
    /// include points (see `GridForms`).
    public var runs: [RunSpec]
    /// Problems that do not stop the sweep (an `exclude` that matches no point), each placed.
    public var warnings: [InputError] = []

    /// Reads the sweep file at `path`, applying `overrides` (`KEY=VALUE`, VALUE as YAML) first.
    public init(path: String, overrides: [String] = []) throws(InputError) {
        let document = try YAMLDocument(contentsOf: path)
        try self.init(document: document, overrides: overrides)
    }

    /// The longest `name` (it names the output folder) and `title` (a page heading).
    public static let maxNameLength = 100
    public static let maxTitleLength = 200

    /// Reads and checks everything; every independent problem found is reported at once (one
    /// `InputError` with `others`): each bad `--set`, unknown key, bad value of each block, bad
    /// element of each grid list, and base values that a grid key overrides.
    public init(document: YAMLDocument, overrides: [String] = []) throws(InputError) {
        path = document.path
        var problems = InputErrorCollector()
        guard document.root.node.mapping != nil else {
            throw document.root.error("a sweep file must be a mapping of settings (name:, data:, train:, …), got \(document.root.kindName)")
        }
        var root = document.root.node
        var lineMap = LineMap(fileLineCount: document.lineCount)
        for text in overrides {
            guard let parsed = problems.attempt({ () throws(InputError) in try Self.parseOverride(text, into: &lineMap) })
            else { continue }
            root = NodeEditing.setting(Self.path(of: parsed.0)[...], to: parsed.1, in: root)
        }
        let top = ConfigNode(node: root, file: document.path, keyPath: "", lineMap: lineMap)
        let entries = try top.mapping(allowedKeys: SweepKeys.topLevel, problems: &problems)
        func value(_ key: String) -> ConfigNode? { entries.first { $0.key == key }?.value }

        var name = ""
        if let nameNode = value("name") {
            name = problems.attempt { () throws(InputError) in try Self.readName(nameNode) } ?? ""
        } else {
            problems.record(top.error("the sweep needs a 'name'"))
        }
        let title = problems.attempt { () throws(InputError) in try value("title").map(Self.readTitle) } ?? nil
        let masterSeed = problems.attempt { () throws(InputError) in
            try value("seed").map { node throws(InputError) -> UInt64 in
                let seed = try node.int()
                guard seed >= 0 else { throw node.error("'seed' must be 0 or more, got \(seed)") }
                return UInt64(seed)
            }
        } ?? nil
        var repeats = 1
        if let node = value("repeats") {
            repeats = problems.attempt { () throws(InputError) -> Int in
                let count = try node.int()
                guard (1...1000).contains(count) else { throw node.error("'repeats' must be between 1 and 1000, got \(count)") }
                return count
            } ?? 1
        }
        let grid = value("grid").map { Self.readGrid($0, problems: &problems) } ?? []
        let zipAxes = value("zip").map { Self.readZip($0, gridKeys: grid.map(\.key), problems: &problems) } ?? []
        let includes = value("include").map { GridForms.readPoints($0, block: "include", problems: &problems) } ?? []
        let excludes = value("exclude").map { GridForms.readPoints($0, block: "exclude", problems: &problems) } ?? []
        let zipCount = zipAxes.first?.values.count ?? 1
        let gridPoints = grid.reduce(1) { $0 * $1.values.count }  // ≤ 100,000, checked by readGrid
        let points = gridPoints * zipCount + includes.count        // zip lists ≤ 1,000,000 values: no overflow
        if points > 100_000, let node = value("zip") ?? value("include") {
            problems.record(node.error("the grid, zip and include expand to \(points) points; at most 100,000 runs are allowed"))
        } else if points * repeats > 100_000, let node = value("repeats") {
            problems.record(node.error("\(points) grid points × \(repeats) repeats is \(points * repeats) runs; at most 100,000 are allowed"))
        }
        if points > 100_000 { try problems.check() }  // nothing more is checked point by point
        self.name = name
        self.title = title ?? name
        // Every key a point varies: the grid's, then the zip's (their lists share one index).
        let axes = grid + zipAxes
        gridKeys = axes.map(\.key)
        var base = root
        for key in ["grid", "zip", "include", "exclude"] { base = NodeEditing.removing(key, from: base) }
        let seed = masterSeed ?? 0

        func config(_ values: [Node?], extra: [(path: [String], node: Node)] = []) -> ConfigNode {
            var node = base
            for (axis, value) in zip(axes, values) {
                if let value { node = NodeEditing.setting(axis.path[...], to: value, in: node) }
            }
            for setting in extra { node = NodeEditing.setting(setting.path[...], to: setting.node, in: node) }
            return ConfigNode(node: node, file: document.path, keyPath: "", lineMap: lineMap)
        }
        func config(choice: [Int?]) -> ConfigNode {
            config(zip(axes, choice).map { axis, index in index.map { axis.values[$0] } })
        }
        // Every value written once: the first grid point, then each further element of each grid
        // list with the other keys at their first value, then each further zip point, then each
        // base value a grid or zip key overrides (problems of that value only, at its place), then
        // each include point, so that all of them are reported together.
        let baseNode = ConfigNode(node: base, file: document.path, keyPath: "", lineMap: lineMap)
        let overridden = axes.map { Self.overriddenBase($0, in: baseNode) }
        var conflicts = false
        for case .conflict(let error) in overridden {
            problems.record(error)
            conflicts = true
        }
        let first = axes.map { _ in Optional(0) }
        func check(_ settings: ConfigNode, only places: Set<SourceLocation>? = nil) {
            do {
                _ = try RunConfigReader.read(settings, masterSeed: seed, repeatIndex: 0)
            } catch {
                for problem in error.all where places == nil || problem.location.map({ places!.contains($0) }) == true {
                    problems.record(problem)
                }
            }
        }
        // An include point's value of each varied key: its own, else the base value.
        var includeValues: [[Node]] = []
        for point in includes {
            var values: [Node] = []
            for axis in axes {
                if let entry = point.entries.first(where: { $0.key == axis.key }) {
                    values.append(entry.node.node)
                } else if let written = GridForms.value(at: axis.path, in: base) {
                    values.append(written)
                } else {
                    problems.record(point.node.error("this include point gives no \(quoted(axis.key)), which the \(grid.contains { $0.key == axis.key } ? "grid" : "zip") varies, and the sweep sets none outside it"))
                }
            }
            includeValues.append(values)
        }
        func extraSettings(_ point: GridForms.Point) -> [(path: [String], node: Node)] {
            point.entries.filter { entry in !axes.contains { $0.key == entry.key } }.map { ($0.path, $0.node.node) }
        }
        if !conflicts {
            check(config(choice: first))
            for (axisIndex, axis) in grid.enumerated() {
                for valueIndex in axis.values.indices.dropFirst() {
                    var choice = first
                    choice[axisIndex] = valueIndex
                    check(config(choice: choice))
                }
            }
            for zipIndex in (0..<zipCount).dropFirst() {
                var choice = first
                for axisIndex in grid.count..<axes.count { choice[axisIndex] = zipIndex }
                check(config(choice: choice))
            }
            for axisIndex in axes.indices {
                if case .value(let places) = overridden[axisIndex] {
                    var choice = first
                    choice[axisIndex] = nil
                    check(config(choice: choice), only: places)
                }
            }
            for (point, values) in zip(includes, includeValues) where values.count == axes.count {
                check(config(values, extra: extraSettings(point)))
            }
        }
        try problems.check()

        // The points in order: the grid's (first key slowest), each with every zip point (zip
        // fastest), less those an exclude matches, then the include points.
        var expanded: [ExpandedPoint] = []
        var matched = Array(repeating: false, count: excludes.count)
        for combination in Self.product(grid.map { Array($0.values.indices) }) {
            for zipIndex in 0..<zipCount {
                let positions = combination + zipAxes.map { _ in zipIndex }
                let values = zip(axes, positions).map { $0.values[$1] }
                var dropped = false
                for (index, exclude) in excludes.enumerated() where Self.matches(exclude, values: values, axes: axes, base: base) {
                    matched[index] = true
                    dropped = true
                }
                if !dropped { expanded.append(ExpandedPoint(values: values, positions: positions)) }
            }
        }
        var unmatched: [InputError] = []
        for (index, exclude) in excludes.enumerated() where !matched[index] {
            unmatched.append(exclude.node.error("this exclude matches no point of the grid and zip; nothing is dropped"))
        }
        // Each key's values as labelled: its list, then values only include points give.
        var lists = axes.map(\.values)
        for (point, values) in zip(includes, includeValues) {
            var positions: [Int?] = []
            for (axisIndex, value) in values.enumerated() {
                if let position = lists[axisIndex].firstIndex(where: { NodeEditing.canonicalText($0) == NodeEditing.canonicalText(value) }) {
                    positions.append(position)
                } else {
                    lists[axisIndex].append(value)
                    positions.append(lists[axisIndex].count - 1)
                }
            }
            expanded.append(ExpandedPoint(values: values, positions: positions, extra: extraSettings(point), included: true))
        }

        // Every point (problems that only some points have), stopping at the first.
        var runs: [RunSpec] = []
        var setups = Set<RunSpec.Setup>()
        let labelled = zip(axes, lists).map { GridLabels.values(key: $0.key, nodes: $1) }
        for point in expanded {
            let config = config(point.values, extra: point.extra)
            let values = point.positions.enumerated().map { labelled[$0.offset][$0.element ?? 0] }
            let idParts = point.values.map(NodeEditing.shortLabel)
            let pointIndex = runs.isEmpty ? 0 : runs[runs.count - 1].pointIndex + 1
            for repeatIndex in 0..<repeats {
                var spec = try RunConfigReader.read(config, masterSeed: seed, repeatIndex: repeatIndex)
                // An include point equal to a point already expanded is not added twice.
                if repeatIndex == 0, !setups.insert(spec.setup).inserted, point.included { break }
                spec.sweepName = name
                spec.title = self.title
                spec.index = runs.count
                spec.pointIndex = pointIndex
                spec.grid = values
                spec.idParts = idParts
                runs.append(spec)
            }
        }
        self.runs = runs
        warnings = unmatched
    }

    static func readName(_ node: ConfigNode) throws(InputError) -> String {
        let name = try node.string()
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }) else {
            throw node.error("'name' may contain only letters, digits, '-' and '_', got \(quoted(name))")
        }
        guard name.count <= maxNameLength else {
            throw node.error("'name' names the output folder and may be at most \(maxNameLength) characters long, got \(name.count)")
        }
        return name
    }

    static func readTitle(_ node: ConfigNode) throws(InputError) -> String {
        let title = try node.string()
        guard !containsControlCharacters(title) else {
            throw node.error("'title' must be one line of text without control characters, got \(quoted(title))")
        }
        guard title.count <= maxTitleLength else {
            throw node.error("'title' may be at most \(maxTitleLength) characters long, got \(title.count)")
        }
        return title
    }

    /// What the base settings hold where a grid axis writes its values.
    enum Overridden {
        case none
        /// The places (file, line, column) of every node of the value, key and value marks alike.
        case value(Set<SourceLocation>)
        /// A part of the path holds a scalar or a list, which the axis would replace by a mapping.
        case conflict(InputError)
    }

    static func overriddenBase(_ axis: GridAxis, in base: ConfigNode) -> Overridden {
        var node = base
        for (depth, key) in axis.path.enumerated() {
            guard let mapping = node.node.mapping else {
                guard !node.isNull else { return .none }
                let written = axis.path.prefix(depth).joined(separator: ".")
                var message = "\(quoted(written)) is written as \(node.kindName), so grid key \(quoted(axis.key)) cannot set a field of it; write it as a mapping"
                if written == "train.optimizer" || written == "train.schedule", let text = node.scalarText {
                    message += " (e.g. {name: \(text)})"
                }
                return .conflict(node.error(message))
            }
            guard let pair = mapping.first(where: { $0.key.scalar?.string == key }) else { return .none }
            node = base.child(pair.value, keyPath: axis.path.prefix(depth + 1).joined(separator: "."))
        }
        var places = Set<SourceLocation>()
        func collect(_ value: Node) {
            if let mark = value.mark { places.insert(base.lineMap.location(file: base.file, line: mark.line, column: mark.column)) }
            switch value {
            case .mapping(let mapping): for (k, v) in mapping { collect(k); collect(v) }
            case .sequence(let sequence): sequence.forEach(collect)
            default: break
            }
        }
        collect(node.node)
        return .value(places)
    }

    struct GridAxis {
        var key: String
        var path: [String]
        var values: [Node]
    }

    /// The grid's keys and lists; every bad key and list is recorded in `problems`, the good
    /// ones returned.
    static func readGrid(_ node: ConfigNode, problems: inout InputErrorCollector) -> [GridAxis] {
        var axes: [GridAxis] = []
        guard let entries = problems.attempt({ () throws(InputError) in try node.mapping() }) else { return [] }
        for entry in entries {
            let key = entry.key
            guard SweepKeys.isGridKey(key) else {
                problems.record(entry.keyNode.error("\(quoted(key)) is not a setting a grid can vary",
                                                    suggestion: closestMatch(to: key, among: SweepKeys.gridPaths)))
                continue
            }
            problems.attempt { () throws(InputError) in
                let values = try GridForms.values(of: entry.value)
                guard !values.isEmpty else { throw entry.value.error("grid key \(quoted(key)) needs at least one value") }
                axes.append(GridAxis(key: key, path: key.split(separator: ".").map(String.init), values: values))
            }
        }
        // Saturating product: a huge grid must be refused, not wrap around.
        let total = axes.reduce(1) { partial, axis in
            let (product, overflow) = partial.multipliedReportingOverflow(by: axis.values.count)
            return overflow ? Int.max : product
        }
        guard total <= 100_000 else {
            problems.record(node.error("the grid expands to \(total == Int.max ? "too many" : "\(total)") runs; at most 100,000 are allowed"))
            return []
        }
        return axes
    }

    /// The `zip` block: lists of equal length varied together; every problem is recorded.
    static func readZip(_ node: ConfigNode, gridKeys: [String], problems: inout InputErrorCollector) -> [GridAxis] {
        var axes: [GridAxis] = []
        var nodes: [ConfigNode] = []
        guard let entries = problems.attempt({ () throws(InputError) in try node.mapping() }) else { return [] }
        var bad = false
        for entry in entries {
            let key = entry.key
            guard SweepKeys.isGridKey(key) else {
                problems.record(entry.keyNode.error("\(quoted(key)) is not a setting a zip can vary",
                                                    suggestion: closestMatch(to: key, among: SweepKeys.gridPaths)))
                bad = true
                continue
            }
            guard !gridKeys.contains(key) else {
                problems.record(entry.keyNode.error("\(quoted(key)) is in both 'grid' and 'zip'; vary it in one of them"))
                bad = true
                continue
            }
            let values = problems.attempt { () throws(InputError) -> [Node] in
                let values = try GridForms.values(of: entry.value)
                guard !values.isEmpty else { throw entry.value.error("zip key \(quoted(key)) needs at least one value") }
                return values
            }
            guard let values else { bad = true; continue }
            axes.append(GridAxis(key: key, path: key.split(separator: ".").map(String.init), values: values))
            nodes.append(entry.value)
        }
        if let length = axes.first?.values.count, let firstKey = axes.first?.key {
            for (axis, place) in zip(axes, nodes).dropFirst() where axis.values.count != length {
                problems.record(place.error("zip lists must have equal lengths: \(quoted(axis.key)) has \(axis.values.count) value\(axis.values.count == 1 ? "" : "s"), \(quoted(firstKey)) \(length)"))
                bad = true
            }
        }
        return bad ? [] : axes
    }

    /// Whether an `exclude` point matches an expanded point: every key it gives has that value
    /// (a key no grid or zip varies is compared with the base setting).
    static func matches(_ exclude: GridForms.Point, values: [Node], axes: [GridAxis], base: Node) -> Bool {
        exclude.entries.allSatisfy { entry in
            let value = axes.firstIndex { $0.key == entry.key }.map { values[$0] } ?? GridForms.value(at: entry.path, in: base)
            return value.map { GridForms.same($0, entry.node.node) } ?? false
        }
    }

    /// The node path of a `--set` key: dotted, except that a grid key is one key (`grid` → `train.batch_size`).
    static func path(of key: String) -> [String] {
        for block in ["grid.", "zip."] where key.hasPrefix(block) && key.count > block.count {
            return [String(block.dropLast()), String(key.dropFirst(block.count))]
        }
        return key.split(separator: ".").map(String.init)
    }

    /// Cartesian product, first axis slowest.
    static func product<T>(_ axes: [[T]]) -> [[T]] {
        axes.reduce([[]]) { partial, values in partial.flatMap { prefix in values.map { prefix + [$0] } } }
    }

    /// `train.epochs=5` → ("train.epochs", node for 5). The value is parsed into `lineMap`, so
    /// problems with it (and with the grid values it holds) point into the argument: the pseudo
    /// file `--set train.epochs=5`, line 1, the column counted in the argument.
    static func parseOverride(_ text: String, into lineMap: inout LineMap) throws(InputError) -> (String, Node) {
        let place = "--set \(text)"
        let start = SourceLocation(file: place, line: 1, column: 1)
        guard let equals = text.firstIndex(of: "=") else {
            throw InputError("--set expects KEY=VALUE", at: start)
        }
        let key = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        let valueStart = text.index(after: equals)
        let valueText = String(text[valueStart...])
        let known = SweepKeys.allPaths
        guard !key.isEmpty, known.contains(key) || SweepKeys.isGridKey(key) || key.hasPrefix("grid.") || key.hasPrefix("zip.")
                || key == "include" || key == "exclude" else {
            throw InputError("unknown key \(quoted(key))", at: start, suggestion: closestMatch(to: key, among: known))
        }
        if key.hasPrefix("grid."), !SweepKeys.isGridKey(String(key.dropFirst(5))) {
            let gridKey = String(key.dropFirst(5))
            throw InputError("\(quoted(gridKey)) is not a setting a grid can vary", at: start,
                             suggestion: closestMatch(to: gridKey, among: SweepKeys.gridPaths).map { "grid.\($0)" })
        }
        if key.hasPrefix("zip."), !SweepKeys.isGridKey(String(key.dropFirst(4))) {
            let zipKey = String(key.dropFirst(4))
            throw InputError("\(quoted(zipKey)) is not a setting a zip can vary", at: start,
                             suggestion: closestMatch(to: zipKey, among: SweepKeys.gridPaths).map { "zip.\($0)" })
        }
        let offset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: valueStart.samePosition(in: text.unicodeScalars) ?? text.unicodeScalars.endIndex)
        let blank = valueText.trimmingCharacters(in: .whitespaces).isEmpty
        let node = try lineMap.parse(blank ? "''" : valueText, name: place, columnOffset: offset)
        return (key, node.node)
    }
}

/// One point of the expanded sweep: the value of each varied key (grid, then zip), its index in
/// that key's labelled list, settings only an include point gives, and whether it is an include.
struct ExpandedPoint {
    var values: [Node]
    var positions: [Int?]
    var extra: [(path: [String], node: Node)] = []
    var included = false
}
