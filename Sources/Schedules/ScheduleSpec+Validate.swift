public import Diagnostics

extension ScheduleSpec {
    /// Checks a spec built from values (a sweep grid override, a rescaled spec, a decoded run
    /// spec) as `parse` would: known library, name and parameters, types, and the library's own
    /// validation. Errors carry no location; the caller knows where the values came from.
    public func validate() throws(InputError) {
        guard let entry = ScheduleCatalog.entry(library: library, name: name) else {
            throw InputError("unknown \(library) schedule \(quoted(name))",
                             suggestion: closestMatch(to: name, among: ScheduleCatalog.names(library: library)))
        }
        let known = entry.params.map(\.name)
        for key in params.keys.sorted() where !known.contains(key) {
            throw InputError("unknown parameter \(quoted(key)) of \(name)", suggestion: closestMatch(to: key, among: known))
        }
        var resolved = entry.withDefaults(params)
        for def in entry.params {
            guard let value = resolved.values[def.name] else {
                if def.isRequired { throw InputError("\(name) is missing the required parameter \(quoted(def.name))") }
                continue
            }
            if case .integer = value, def.kind == .float || def.kind == .optionalFloat { resolved.writtenAsInteger.insert(def.name) }
            guard Self.matches(value, def.kind) else {
                throw InputError("parameter \(quoted(def.name)) of \(name) has the wrong type: \(Literal.describe(value))")
            }
            if def.kind == .schedulers {
                for case .schedule(let sub) in value.listValue ?? [] { try sub.validate() }
            }
        }
        try entry.checked(resolved)
    }

    static func matches(_ value: ScheduleValue, _ kind: ParamDef.Kind) -> Bool {
        switch (kind, value) {
        case (.float, .number), (.float, .integer), (.optionalFloat, .number), (.optionalFloat, .integer): return true
        case (.int, .integer), (.optionalInt, .integer): return true
        case (.uint32, .integer(let i)): return i >= 0 && i <= Int(UInt32.max)
        case (.bool, .bool): return true
        case (.choice(let choices), .string(let s)): return choices.contains(s)
        case (.numberList, .list(let items)): return items.allSatisfy { $0.doubleValue != nil }
        case (.schedulers, .list(let items)): return items.allSatisfy { if case .schedule = $0 { return true } else { return false } }
        case (.manualSchedule, .list(let items)): return items.allSatisfy { if case .mapping = $0 { return true } else { return false } }
        default: return false
        }
    }
}
