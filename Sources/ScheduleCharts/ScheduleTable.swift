import Foundation
public import Schedules

/// The values of a schedule as text: CSV (`step,learning_rate`) or JSON.
public enum ScheduleTable {
    /// A rate as written in tables: values that are exactly float32 (TF OD API schedules) in
    /// float32's shortest form ("0.001"), others in Double's shortest round-trip form.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        if let f = Float(exactly: value) { return "\(f)" }
        return "\(value)"
    }

    /// `step,learning_rate` then one row per step.
    public static func csv(steps: [Int], rates: [Double]) -> String {
        "step,learning_rate\n" + rows(steps: steps, rates: rates)
    }

    /// One `step,learning_rate` row per step.
    static func rows(steps: [Int], rates: [Double]) -> String {
        var text = ""
        text.reserveCapacity(steps.count * 24)
        for (s, r) in zip(steps, rates) { text += "\(s),\(number(r))\n" }
        return text
    }

    /// `{"library", "name", "params", "steps": [...], "learning_rates": [...]}`.
    public static func json(spec: ScheduleSpec, steps: [Int], rates: [Double]) -> String {
        jsonHead(spec) + " \"steps\": [" + jsonSteps(steps) + "],\n"
            + " \"learning_rates\": [" + jsonRates(rates) + "]}\n"
    }

    /// The JSON object up to its `"steps"` key: library, name, summary and params.
    static func jsonHead(_ spec: ScheduleSpec) -> String {
        let params = value(.mapping(spec.params), quote: quote)
        return "{\"library\": \(quote(spec.library)), \"name\": \(quote(spec.name)), \"summary\": \(quote(spec.summary)),\n"
            + " \"params\": \(params),\n"
    }

    static func jsonSteps(_ steps: [Int]) -> String { steps.map(String.init).joined(separator: ", ") }

    /// Rates as JSON numbers; NaN and infinities as `null`.
    static func jsonRates(_ rates: [Double]) -> String { rates.map { $0.isFinite ? number($0) : "null" }.joined(separator: ", ") }

    /// A JSON string literal.
    static func quote(_ s: String) -> String {
        let data = (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// A parameter value as JSON (nested schedules as `{library, name, params}`).
    static func value(_ v: ScheduleValue, quote: (String) -> String) -> String {
        switch v {
        case .number(let x): return x.isFinite ? "\(x)" : "null"
        case .integer(let i): return "\(i)"
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return quote(s)
        case .list(let items): return "[" + items.map { value($0, quote: quote) }.joined(separator: ", ") + "]"
        case .mapping(let m):
            return "{" + m.sorted { $0.key < $1.key }.map { "\(quote($0.key)): \(value($0.value, quote: quote))" }.joined(separator: ", ") + "}"
        case .schedule(let spec):
            return "{\"library\": \(quote(spec.library)), \"name\": \(quote(spec.name)), \"params\": \(value(.mapping(spec.params), quote: quote))}"
        }
    }
}
