public import Yams

/// One value of a config file with its location and dotted key path (`train.batch_size`).
///
/// Typed accessors throw `InputError`s that name the place, so readers never decode blindly.
public struct ConfigNode: @unchecked Sendable {
    // Yams.Node is a value type without Sendable conformance; ConfigNode never mutates it.
    public let node: Node
    public let file: String
    public let keyPath: String
    /// Where values spliced in from the command line (`--set`) were written.
    public let lineMap: LineMap

    public init(node: Node, file: String, keyPath: String, lineMap: LineMap = LineMap()) {
        self.node = node
        self.file = file
        self.keyPath = keyPath
        self.lineMap = lineMap
    }

    /// A node of the same document (same file and line map).
    public func child(_ node: Node, keyPath: String) -> ConfigNode {
        ConfigNode(node: node, file: file, keyPath: keyPath, lineMap: lineMap)
    }

    public var location: SourceLocation {
        let mark = node.mark
        return lineMap.location(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// Whether the value was given on the command line (`--set`), not written in the file.
    public var isFromCommandLine: Bool { node.mark.map { lineMap.splice(at: $0.line) != nil } ?? false }

    /// What the key path is called in messages: `'train.batch_size'`, or "the top level" at the root.
    public var name: String { keyPath.isEmpty ? "the top level" : quoted(keyPath) }

    public func error(_ message: String, suggestion: String? = nil) -> InputError {
        InputError(message, at: location, suggestion: suggestion)
    }

    /// The scalar text, or nil for a mapping or sequence.
    public var scalarText: String? { node.scalar?.string }

    public var isNull: Bool { node.scalar.map { $0.style == .plain && ["", "~", "null", "Null", "NULL"].contains($0.string) } ?? false }

    public func string() throws(InputError) -> String {
        guard let scalar = node.scalar, !isNull else { throw error("\(name) must be a string, got \(kindName)") }
        return scalar.string
    }

    public func int() throws(InputError) -> Int {
        guard let text = scalarText, node.scalar?.style == .plain, !isNull else {
            throw error("\(name) must be an integer, got \(kindName)")
        }
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        if let value = Int(cleaned) { return value }
        if let value = Double(cleaned), value.rounded() == value, abs(value) < 9.0e15 { return Int(value) }
        throw error("\(name) must be an integer, got \(quoted(text))")
    }

    public func double() throws(InputError) -> Double {
        guard let text = scalarText, node.scalar?.style == .plain, !isNull else {
            throw error("\(name) must be a number, got \(kindName)")
        }
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard let value = Double(cleaned) ?? Self.yamlSpecial(cleaned), value.isFinite else {
            throw error("\(name) must be a finite number, got \(quoted(text))")
        }
        return value
    }

    public func bool() throws(InputError) -> Bool {
        guard let text = scalarText, node.scalar?.style == .plain else {
            throw error("\(name) must be true or false, got \(kindName)")
        }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("\(name) must be true or false, got \(quoted(text))")
        }
    }

    /// The items of a sequence, each with its index in the key path.
    public func sequence() throws(InputError) -> [ConfigNode] {
        guard let items = node.sequence else { throw error("\(name) must be a list, got \(kindName)") }
        return items.enumerated().map { child($1, keyPath: "\(keyPath)[\($0)]") }
    }

    /// The entries of a mapping in file order; keys must be strings and known.
    /// Unknown keys are errors with a "did you mean" suggestion, all of them reported at once.
    public func mapping(allowedKeys: [String]? = nil) throws(InputError) -> [(key: String, keyNode: ConfigNode, value: ConfigNode)] {
        var problems = InputErrorCollector()
        let entries = try mapping(allowedKeys: allowedKeys, problems: &problems)
        try problems.check()
        return entries
    }

    /// The known entries of a mapping; unknown and non-string keys are recorded in `problems`
    /// (so that a reader can go on and find the problems of the other entries too).
    /// Throws only when the node is not a mapping.
    public func mapping(allowedKeys: [String]?, problems: inout InputErrorCollector) throws(InputError)
        -> [(key: String, keyNode: ConfigNode, value: ConfigNode)] {
        guard let mapping = node.mapping else { throw error("\(name) must be a mapping, got \(kindName)") }
        var entries: [(key: String, keyNode: ConfigNode, value: ConfigNode)] = []
        for (keyNode, valueNode) in mapping {
            let keyConfig = child(keyNode, keyPath: keyPath)
            guard let key = keyNode.scalar?.string else {
                problems.record(keyConfig.error("keys in \(name) must be strings"))
                continue
            }
            let path = keyPath.isEmpty ? key : "\(keyPath).\(key)"
            if let allowedKeys, !allowedKeys.contains(key) {
                let where_ = keyPath.isEmpty ? "" : " in \(quoted(keyPath))"
                problems.record(keyConfig.error("unknown key \(quoted(key))\(where_)",
                                                suggestion: closestMatch(to: key, among: allowedKeys)))
                continue
            }
            entries.append((key, child(keyNode, keyPath: path), child(valueNode, keyPath: path)))
        }
        return entries
    }

    /// "a mapping", "a list", "'abc'", "nothing": for messages.
    public var kindName: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar): return isNull ? "nothing" : quoted(scalar.string)
        }
    }

    private static func yamlSpecial(_ text: String) -> Double? {
        switch text.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: return nil
        }
    }
}
