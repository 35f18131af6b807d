import Diagnostics

/// The resolved parameters of one schedule (defaults filled in), with where each came from.
///
/// Accessors never trap: a missing or mistyped value (only possible for specs not made by
/// `ScheduleSpec.parse`) reads as NaN, 0, false or empty.
struct ScheduleParams: Sendable {
    var values: [String: ScheduleValue]
    /// Where the values the user wrote are; defaulted ones are absent. List items of
    /// `schedule` are keyed `schedule[i]`.
    var locations: [String: SourceLocation] = [:]
    /// Where to point at for a defaulted value: the `params` mapping or the whole spec.
    var owner: SourceLocation?
    /// Float parameters that were written as integer literals (Python would see an `int`).
    var writtenAsInteger: Set<String> = []

    func double(_ name: String) -> Double { values[name]?.doubleValue ?? .nan }
    func float(_ name: String) -> Float { Float(double(name)) }
    func int(_ name: String) -> Int { values[name]?.intValue ?? 0 }
    func bool(_ name: String) -> Bool { values[name]?.boolValue ?? false }
    func string(_ name: String) -> String { values[name]?.stringValue ?? "" }
    func optionalDouble(_ name: String) -> Double? { values[name]?.doubleValue }
    func optionalInt(_ name: String) -> Int? { values[name]?.intValue }
    func list(_ name: String) -> [ScheduleValue] { values[name]?.listValue ?? [] }
    func doubles(_ name: String) -> [Double] { list(name).map { $0.doubleValue ?? .nan } }
    func ints(_ name: String) -> [Int] { list(name).map { $0.intValue ?? 0 } }
    func has(_ name: String) -> Bool { values[name] != nil }

    /// The nested specs of a `schedulers` parameter.
    func schedules(_ name: String) -> [ScheduleSpec] {
        list(name).compactMap { if case .schedule(let s) = $0 { return s } else { return nil } }
    }

    /// An error located at the parameter's value (or at the spec when it was defaulted).
    func error(_ name: String, _ message: String, suggestion: String? = nil) -> InputError {
        InputError(message, at: locations[name] ?? owner, suggestion: suggestion)
    }

    /// How a value is shown in a library-style message: `1000`, `0.5`.
    func shown(_ name: String) -> String { values[name].map(\.text) ?? "None" }
}
