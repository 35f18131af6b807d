public import Yams

/// One value of a config file with its location and dotted key path (`train.batch_size`).
///
/// Typed accessors throw `InputError`s that name the place, so readers never decode blindly.
public struct ConfigNode: @unchecked Sendable {
    // Yams.Node is a value type without Sendable conformance; ConfigNode never mutates it.
    public let node: Node
    public let file: String
    public let keyPath: String
    /// Values spliced in from elsewhere (`--set` options): key path → the file name to report.
    public let origins: [String: String]

    public init(node: Node, file: String, keyPath: String, origins: [String: String] = [:]) {
        self.node = node
        self.file = origins[keyPath] ?? file
        self.keyPath = keyPath
        self.origins = origins
    }

    public var location: SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// What the key path is called in messages: `'train.batch_size'`, or "the file" at the root.
    public var name: String { keyPath.isEmpty ? "the top level" : "'\(keyPath)'" }

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
        throw error("\(name) must be an integer, got '\(text)'")
    }

    public func double() throws(InputError) -> Double {
        guard let text = scalarText, node.scalar?.style == .plain, !isNull else {
            throw error("\(name) must be a number, got \(kindName)")
        }
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard let value = Double(cleaned) ?? Self.yamlSpecial(cleaned), value.isFinite else {
            throw error("\(name) must be a finite number, got '\(text)'")
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
        default: throw error("\(name) must be true or false, got '\(text)'")
        }
    }

    /// The items of a sequence, each with its index in the key path.
    public func sequence() throws(InputError) -> [ConfigNode] {
        guard let items = node.sequence else { throw error("\(name) must be a list, got \(kindName)") }
        return items.enumerated().map {
            ConfigNode(node: $1, file: file, keyPath: "\(keyPath)[\($0)]", origins: origins)
        }
    }

    /// The entries of a mapping in file order; keys must be strings and known.
    /// Unknown keys are errors with a "did you mean" suggestion.
    public func mapping(allowedKeys: [String]? = nil) throws(InputError) -> [(key: String, keyNode: ConfigNode, value: ConfigNode)] {
        guard let mapping = node.mapping else { throw error("\(name) must be a mapping, got \(kindName)") }
        var entries: [(key: String, keyNode: ConfigNode, value: ConfigNode)] = []
        for (keyNode, valueNode) in mapping {
            let keyConfig = ConfigNode(node: keyNode, file: file, keyPath: keyPath, origins: origins)
            guard let key = keyNode.scalar?.string else { throw keyConfig.error("keys in \(name) must be strings") }
            let path = keyPath.isEmpty ? key : "\(keyPath).\(key)"
            if let allowedKeys, !allowedKeys.contains(key) {
                let where_ = keyPath.isEmpty ? "" : " in '\(keyPath)'"
                throw keyConfig.error("unknown key '\(key)'\(where_)",
                                      suggestion: closestMatch(to: key, among: allowedKeys))
            }
            entries.append((key, ConfigNode(node: keyNode, file: file, keyPath: path, origins: origins),
                            ConfigNode(node: valueNode, file: file, keyPath: path, origins: origins)))
        }
        return entries
    }

    /// "a mapping", "a list", "'abc'", "nothing": for messages.
    public var kindName: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar): return isNull ? "nothing" : "'\(scalar.string)'"
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
