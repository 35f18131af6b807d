import Diagnostics

/// A parameter value of a schedule, as the user wrote it (after type checking).
public indirect enum ScheduleValue: Sendable, Hashable, Codable {
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case string(String)
    case list([ScheduleValue])
    /// A mapping such as one `schedule { step: … learning_rate: … }` entry of a TF OD API
    /// `manual_step_learning_rate`.
    case mapping([String: ScheduleValue])
    /// A nested schedule (the `schedulers` of PyTorch `SequentialLR` / `ChainedScheduler`).
    case schedule(ScheduleSpec)

    /// The value as a Double when it is a number or an integer.
    public var doubleValue: Double? {
        switch self {
        case .number(let x): return x
        case .integer(let i): return Double(i)
        default: return nil
        }
    }

    /// The value as an Int when it is an integer (or an integral number within ±2⁵³).
    public var intValue: Int? {
        switch self {
        case .integer(let i): return i
        case .number(let x) where x.rounded() == x && abs(x) <= 9_007_199_254_740_992: return Int(x)
        default: return nil
        }
    }

    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var listValue: [ScheduleValue]? { if case .list(let l) = self { return l } else { return nil } }

    /// Short text for summaries: `0.1`, `1000`, `[30, 80]`, `'cos'`.
    public var text: String {
        switch self {
        case .number(let x): return formatNumber(x)
        case .integer(let i): return String(i)
        case .bool(let b): return b ? "True" : "False"
        case .string(let s): return quoted(s)
        case .list(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .mapping(let m):
            return "{" + m.keys.sorted().map { "\($0): \(m[$0]?.text ?? "")" }.joined(separator: ", ") + "}"
        case .schedule(let spec): return spec.summary
        }
    }
}

/// `0.1`, `1000`, `1e-05`: integral values without a fraction, others in Swift's shortest form.
func formatNumber(_ x: Double) -> String {
    if x.isFinite, x.rounded() == x, abs(x) < 1e15 { return String(Int(x)) }
    return String(x)
}
