import Diagnostics

/// One parameter of a library's schedule: its library spelling, type and default.
struct ParamDef: Sendable {
    enum Kind: Sendable, Equatable {
        /// A Python float (an integer literal is accepted and widened).
        case float
        /// A Python int.
        case int
        /// A proto `uint32` field: an integer in 0…4 294 967 295.
        case uint32
        case bool
        case choice([String])
        /// A list of numbers, each kept as written (integer or float literal).
        case numberList
        /// PyTorch `schedulers`: a list of `{name, params}` mappings or `[name, {params}]` pairs.
        case schedulers
        /// TF OD API `manual_step_learning_rate.schedule`: a list of `{step, learning_rate}`.
        case manualSchedule
        /// A float or nothing (Python `None`).
        case optionalFloat
        /// An int or nothing (Python `None`).
        case optionalInt
    }

    let name: String
    let kind: Kind
    /// The library's default; nil means required (or, for optional kinds, `None`).
    let defaultValue: ScheduleValue?

    init(_ name: String, _ kind: Kind, _ defaultValue: ScheduleValue? = nil) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
    }

    var isOptional: Bool { kind == .optionalFloat || kind == .optionalInt }
    var isRequired: Bool { defaultValue == nil && !isOptional }
}

/// Scalar literals as YAML wrote them: booleans, integers, floats, strings; lists and mappings.
enum Literal {
    static func value(of node: ConfigNode) throws(InputError) -> ScheduleValue {
        if let text = node.scalarText {
            if node.isNull { throw node.error("\(node.name) must have a value, got nothing") }
            if let b = try? node.bool() { return .bool(b) }
            if let x = try? node.double() {
                let cleaned = text.replacingOccurrences(of: "_", with: "")
                if let i = Int(cleaned) { return .integer(i) }
                return .number(x)
            }
            return .string(text)
        }
        if let items = try? node.sequence() {
            var values: [ScheduleValue] = []
            for item in items { values.append(try value(of: item)) }
            return .list(values)
        }
        var result: [String: ScheduleValue] = [:]
        for entry in try node.mapping() { result[entry.key] = try value(of: entry.value) }
        return .mapping(result)
    }

    /// "an integer", "'abc'", "a list": what the user gave, for messages.
    static func describe(_ value: ScheduleValue) -> String {
        switch value {
        case .list: return "a list"
        case .mapping: return "a mapping"
        default: return value.text
        }
    }
}
