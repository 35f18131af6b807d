import Formatting
import Results
import Yams

/// How one grid key's values are named and ordered in reports: the key in words, the word put
/// before a value ("lr 0.01"), and each value's label, number and position in the sweep's list.
enum GridLabels {
    /// Every value of one key, labelled; labels of mappings that share a `name` add the
    /// settings that tell them apart ("momentum 0.5", "StepLR (gamma 0.5)").
    static func values(key: String, nodes: [Node]) -> [GridValue] {
        let names = nodes.map(mappingName)
        let digits = significantDigits(nodes)
        return nodes.enumerated().map { position, node in
            let text = NodeEditing.canonicalText(node)
            var label = label(of: node, digits: digits)
            if let name = names[position], names.filter({ $0 == name }).count > 1 {
                let siblings = nodes.enumerated().filter { names[$0.offset] == name }.map(\.element)
                label = distinguished(name: name, node: node, among: siblings)
            }
            return GridValue(key: key, value: text, label: label, number: number(of: node), position: position,
                             keyTitle: GridValue.title(forKey: key), prefix: GridValue.prefix(forKey: key))
        }
    }

    /// A finite number written as a YAML scalar (`64`, `0.01`, `3e-4`); nil for `all` and the rest.
    static func number(of node: Node) -> Double? {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string), value.isFinite else { return nil }
        return value
    }

    /// The fewest significant digits (at least 3) that keep the key's fractional values apart in
    /// their labels: generated values (`{logspace: [-3, 0.5, 8]}` gives 0.316227766017) read
    /// "0.316", while values that differ only in the 5th digit keep 5.
    static func significantDigits(_ nodes: [Node]) -> Int {
        let values = nodes.compactMap { node -> Double? in
            guard case .scalar(let scalar) = node, Int(scalar.string) == nil else { return nil }
            return number(of: node)
        }
        for digits in 3..<17 {
            let labels = values.map { rounded($0, digits: digits) }
            if Set(labels).count == Set(values).count { return digits }
        }
        return 17
    }

    /// `value` to `digits` significant digits.
    static func rounded(_ value: Double, digits: Int) -> Double {
        Double(String(format: "%.\(digits)g", value)) ?? value
    }

    static func label(of node: Node, digits: Int = 17) -> String {
        switch node {
        case .scalar(let scalar):
            guard let value = number(of: node) else { return scalar.string }
            if Int(scalar.string) != nil { return scalar.string }
            return NumberText.learningRate(rounded(value, digits: digits))
        case .sequence(let sequence): return "[" + sequence.map { label(of: $0, digits: digits) }.joined(separator: ", ") + "]"
        case .mapping: return mappingName(node) ?? NodeEditing.canonicalText(node)
        case .alias: return NodeEditing.canonicalText(node)
        }
    }

    /// A mapping's `name` (an optimizer or a schedule).
    static func mappingName(_ node: Node) -> String? {
        guard case .mapping(let mapping) = node, let name = mapping["name"]?.scalar?.string else { return nil }
        return name
    }

    /// The settings of a mapping flattened to `key value` pairs, `params` entries included.
    static func settings(_ node: Node) -> [(String, String)] {
        guard case .mapping(let mapping) = node else { return [] }
        var pairs: [(String, String)] = []
        for (k, v) in mapping {
            guard let key = k.scalar?.string, key != "name", key != "library" else { continue }
            if key == "params", case .mapping = v { pairs += settings(v); continue }
            pairs.append((key, label(of: v)))
        }
        return pairs
    }

    /// `name` plus the settings whose values differ among `siblings` (mappings of one name).
    static func distinguished(name: String, node: Node, among siblings: [Node]) -> String {
        let mine = settings(node)
        let others = siblings.map(settings)
        let differing = mine.filter { pair in
            others.contains { other in other.first { $0.0 == pair.0 }?.1 != pair.1 }
        }
        guard !differing.isEmpty else { return name }
        if differing.count == 1, let only = differing.first, only.0 == name { return "\(name) \(only.1)" }
        return name + " (" + differing.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ")"
    }
}
