import Diagnostics
import Foundation
import Yams

/// The forms a sweep's points are written in besides the Cartesian `grid`: `zip` lists varied
/// together, `include` points added, `exclude` points dropped, and the value generators
/// (`logspace`, `linspace`, `range`) that may stand for any grid or zip list.
enum GridForms {
    static let generators = ["logspace", "linspace", "range"]
    /// Most values one generator may make.
    static let maxGenerated = 10_000
    /// Generated numbers are rounded to this many significant digits, so that labels and run
    /// ids read `0.001`, not `0.0010000000000000002`.
    static let significantDigits = 12
    /// Most points one `include` or `exclude` list may give.
    static let maxPoints = 10_000

    /// The values of one grid or zip list: the list as written, or a generator's values (scalars
    /// placed at the generator's mapping, so problems with them point there).
    static func values(of node: ConfigNode) throws(InputError) -> [Node] {
        guard node.node.mapping != nil else { return try node.sequence().map(\.node) }
        let entries = try node.mapping()
        let usage = "{logspace: [START_EXP, STOP_EXP, N]}, {linspace: [A, B, N]} or {range: [A, B, STEP]}"
        guard entries.count == 1, let entry = entries.first, generators.contains(entry.key) else {
            let unknown = entries.first { !generators.contains($0.key) }
            throw (unknown?.keyNode ?? node).error("\(node.name) must be a list or one generator, \(usage)",
                                                  suggestion: unknown.flatMap { closestMatch(to: $0.key, among: generators) })
        }
        let arguments = entry.value
        let items = try arguments.sequence()
        let form = entry.key == "logspace" ? "[START_EXP, STOP_EXP, N]" : entry.key == "linspace" ? "[A, B, N]" : "[A, B, STEP]"
        guard items.count == 3 else {
            throw arguments.error("\(quoted(entry.key)) takes three values \(form), got \(items.count)")
        }
        var problems = InputErrorCollector()
        let start = problems.attempt { () throws(InputError) in try items[0].double() }
        let stop = problems.attempt { () throws(InputError) in try items[1].double() }
        let mark = node.node.mark
        func scalar(_ text: String) -> Node { .scalar(.init(text, .implicit, .plain, mark)) }
        if entry.key == "range" {
            let step = problems.attempt { () throws(InputError) in try items[2].double() }
            try problems.check()
            guard let start, let stop, let step else { return [] }
            guard step != 0 else { throw items[2].error("'range' STEP must not be 0") }
            guard start != stop else { throw arguments.error("'range' from \(items[0].scalarText ?? "") to \(items[1].scalarText ?? "") is empty (STOP is excluded)") }
            guard (stop - start) / step > 0 else {
                throw items[2].error("'range' from \(items[0].scalarText ?? "") to \(items[1].scalarText ?? "") needs a \(stop > start ? "positive" : "negative") STEP, got \(items[2].scalarText ?? "")")
            }
            let ratio = rounded((stop - start) / step)
            guard ratio <= Double(maxGenerated) else {
                throw arguments.error("'range' makes more than \(maxGenerated) values, the most a generator may make")
            }
            let count = Int(ratio.rounded(.up))
            let texts = items.map { $0.scalarText?.replacingOccurrences(of: "_", with: "") ?? "" }
            if let a = Int(texts[0]), let s = Int(texts[2]), Int(texts[1]) != nil {
                return try (0..<count).map { index throws(InputError) in
                    let (offset, overflow) = index.multipliedReportingOverflow(by: s)
                    let (value, overflow2) = a.addingReportingOverflow(offset)
                    guard !overflow, !overflow2 else { throw arguments.error("'range' makes a value past the largest integer") }
                    return scalar(String(value))
                }
            }
            return try (0..<count).map { index throws(InputError) in
                try number(start + Double(index) * step, at: arguments)
            }.map(scalar)
        }
        let count = problems.attempt { () throws(InputError) -> Int in
            let n = try items[2].int()
            guard n > 0 else { throw items[2].error("\(quoted(entry.key)) N must be at least 1, got \(n)") }
            guard n <= maxGenerated else { throw items[2].error("\(quoted(entry.key)) N may be at most \(maxGenerated), got \(n)") }
            return n
        }
        try problems.check()
        guard let start, let stop, let count else { return [] }
        var texts: [String] = []
        for index in 0..<count {
            let fraction = count == 1 ? 0 : Double(index) / Double(count - 1)
            let exponent = index == count - 1 && count > 1 ? stop : start + (stop - start) * fraction
            let value = entry.key == "logspace" ? pow(10, exponent) : exponent
            texts.append(try number(value, at: arguments))
        }
        return texts.map(scalar)
    }

    /// `value` rounded to 12 significant digits, as a plain YAML number (`0.001`, `1`, `1e-5`).
    static func number(_ value: Double, at node: ConfigNode) throws(InputError) -> String {
        guard value.isFinite else { throw node.error("the generator makes a value that is not a finite number") }
        return text(rounded(value))
    }

    static func rounded(_ value: Double) -> Double {
        Double(String(format: "%.\(significantDigits)g", value)) ?? value
    }

    /// The shortest text of a rounded value: `%g` without a padded exponent (`1e-05` → `1e-5`).
    static func text(_ value: Double) -> String {
        var text = String(format: "%.\(significantDigits)g", value)
        if text == "-0" { text = "0" }
        guard let e = text.firstIndex(of: "e") else { return text }
        let mantissa = text[..<e]
        var exponent = text[text.index(after: e)...]
        var sign = ""
        if exponent.first == "-" { sign = "-" }
        if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
        let digits = exponent.drop { $0 == "0" }
        return "\(mantissa)e\(sign)\(digits.isEmpty ? "0" : digits)"
    }

    /// One `include` or `exclude` point: the settings it gives, in the order written.
    struct Point {
        var node: ConfigNode
        var entries: [(key: String, path: [String], node: ConfigNode)]
    }

    /// The points of an `include` or `exclude` list; every bad item and key is recorded.
    static func readPoints(_ node: ConfigNode, block: String, problems: inout InputErrorCollector) -> [Point] {
        guard let items = problems.attempt({ () throws(InputError) in try node.sequence() }) else { return [] }
        guard items.count <= maxPoints else {
            problems.record(node.error("'\(block)' lists \(items.count) points; at most \(maxPoints) are allowed"))
            return []
        }
        var points: [Point] = []
        for item in items {
            guard let entries = problems.attempt({ () throws(InputError) in try item.mapping() }) else { continue }
            guard !entries.isEmpty else {
                problems.record(item.error("each item of '\(block)' needs at least one setting, e.g. {train.batch_size: 32}"))
                continue
            }
            var point = Point(node: item, entries: [])
            for entry in entries {
                guard SweepKeys.isGridKey(entry.key) else {
                    problems.record(entry.keyNode.error("\(quoted(entry.key)) in '\(block)' names no setting a point can give",
                                                        suggestion: closestMatch(to: entry.key, among: SweepKeys.gridPaths)))
                    continue
                }
                point.entries.append((entry.key, entry.key.split(separator: ".").map(String.init), entry.value))
            }
            if point.entries.count == entries.count { points.append(point) }
        }
        return points
    }

    /// Whether two values are the same setting: numbers by value (`0.1` = `0.10` = `1e-1`),
    /// anything else by its canonical text.
    static func same(_ a: Node, _ b: Node) -> Bool {
        if case .scalar(let x) = a, case .scalar(let y) = b,
           let u = Double(x.string.replacingOccurrences(of: "_", with: "")),
           let v = Double(y.string.replacingOccurrences(of: "_", with: "")) {
            return u == v
        }
        return NodeEditing.canonicalText(a) == NodeEditing.canonicalText(b)
    }

    /// The value written at `path` in `root`, if any.
    static func value(at path: [String], in root: Node) -> Node? {
        var node = root
        for key in path {
            guard let mapping = node.mapping, let pair = mapping.first(where: { $0.key.scalar?.string == key }) else { return nil }
            node = pair.value
        }
        return node
    }
}
