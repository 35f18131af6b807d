import Diagnostics

/// Typed reads of a text-format message with `text_format.Merge` semantics: a singular field
/// written twice keeps the last value, a message field written twice merges, and the last
/// member written of a oneof wins.
extension TextMessage {
    /// The last occurrence of a scalar field.
    func last(_ name: String) -> TextField? { fields.last { $0.name == name } }

    /// A singular message field: every occurrence merged, or nil if absent.
    func message(_ name: String) throws(InputError) -> TextMessage? {
        let occurrences = fields.filter { $0.name == name }
        guard let first = occurrences.first else { return nil }
        var merged = TextMessage(location: first.value.location, fields: [])
        for field in occurrences {
            guard case .message(let m) = field.value else {
                throw InputError("'\(name)' must be a message block ('\(name) { … }')", at: field.location)
            }
            merged.fields += m.fields
        }
        return merged
    }

    /// Every element of a repeated message field, list syntax included.
    func repeatedMessages(_ name: String) throws(InputError) -> [TextMessage] {
        var result: [TextMessage] = []
        for field in fields where field.name == name {
            let items: [TextValue]
            if case .list(let list, _) = field.value { items = list } else { items = [field.value] }
            for item in items {
                guard case .message(let m) = item else {
                    throw InputError("'\(name)' entries must be message blocks", at: item.location)
                }
                result.append(m)
            }
        }
        return result
    }

    /// The winning member of a oneof and its merged content (occurrences after the last
    /// occurrence of a different member).
    func oneof(_ members: [String]) throws(InputError) -> (name: String, location: SourceLocation, message: TextMessage)? {
        guard let lastIndex = fields.lastIndex(where: { members.contains($0.name) }) else { return nil }
        let winner = fields[lastIndex].name
        var start = lastIndex
        while start > 0 {
            let previous = fields[start - 1]
            if members.contains(previous.name) && previous.name != winner { break }
            start -= 1
        }
        let tail = TextMessage(location: location, fields: Array(fields[start...]))
        guard let merged = try tail.message(winner),
              let firstLocation = fields[start...].first(where: { $0.name == winner })?.location else { return nil }
        return (winner, firstLocation, merged)
    }

    /// Rejects fields outside `known`, with a "did you mean".
    func checkFields(_ known: [String], in block: String) throws(InputError) {
        for field in fields where !known.contains(field.name) {
            throw InputError("unknown field \(quoted(field.name)) in \(block)", at: field.location,
                             suggestion: closestMatch(to: field.name, among: known))
        }
    }

    // MARK: Scalars

    private func scalar(_ name: String) throws(InputError) -> (text: String, isString: Bool, location: SourceLocation)? {
        guard let field = last(name) else { return nil }
        guard case .scalar(let text, let isString, let location) = field.value else {
            throw InputError("'\(name)' must be a single value, not a block or list", at: field.value.location)
        }
        return (text, isString, location)
    }

    /// A proto `float`/`double` field: `0.9`, `.001`, `8e-2`, `1`, `0.9f`, `inf`, `-nan`.
    func float(_ name: String) throws(InputError) -> (value: Double, location: SourceLocation)? {
        guard let s = try scalar(name) else { return nil }
        guard !s.isString, let value = Self.parseFloat(s.text) else {
            throw InputError("Couldn't parse float: '\(name)' got \(Self.shown(s))", at: s.location)
        }
        return (value, s.location)
    }

    /// A proto `uint32` field: decimal or hex; rejects fractions and values out of range.
    func uint32(_ name: String) throws(InputError) -> (value: Int, location: SourceLocation)? {
        guard let s = try scalar(name) else { return nil }
        guard !s.isString, let value = Self.parseInteger(s.text) else {
            throw InputError("Couldn't parse integer: '\(name)' got \(Self.shown(s))", at: s.location)
        }
        guard value >= 0 && value <= Int(UInt32.max) else {
            throw InputError("Value out of range: '\(name)' got \(Self.shown(s)) (a uint32 field)", at: s.location)
        }
        return (value, s.location)
    }

    /// A proto `bool`: `true`/`false`/`True`/`False`/`t`/`f`/`1`/`0` (not quoted).
    func bool(_ name: String) throws(InputError) -> (value: Bool, location: SourceLocation)? {
        guard let s = try scalar(name) else { return nil }
        if !s.isString {
            if ["true", "True", "t", "1"].contains(s.text) { return (true, s.location) }
            if ["false", "False", "f", "0"].contains(s.text) { return (false, s.location) }
        }
        throw InputError("Invalid value for boolean field '\(name)': \(Self.shown(s))", at: s.location)
    }

    /// A scalar as written, for messages: strings in double quotes as protobuf shows them, every
    /// control character escaped (`escaped`), so the message stays one line.
    private static func shown(_ s: (text: String, isString: Bool, location: SourceLocation)) -> String {
        s.isString ? "\"" + escaped(s.text, quote: "\"") + "\"" : escaped(s.text)
    }

    /// Python `text_format.ParseFloat`: `float(text)`, else `-?inf(inity)?f?` / `nanf?`
    /// (any case), else `float(text.rstrip('fF'))`. Hex is not a float.
    static func parseFloat(_ raw: String) -> Double? {
        var text = raw
        var sign = 1.0
        if text.hasPrefix("-") { sign = -1; text.removeFirst() }
        switch text.lowercased() {
        case "inf", "infinity", "inff", "infinityf": return sign * .infinity
        case "nan", "nanf": return sign == 1 ? .nan : nil
        default: break
        }
        while text.hasSuffix("f") || text.hasSuffix("F") { text.removeLast() }
        guard !text.lowercased().contains("x"), let first = text.first, first.isNumber || first == "." else { return nil }
        return Double(text).map { sign * $0 }
    }

    /// Python `text_format._ParseAbstractInteger`: decimal, `0x` hex, or C octal `0755`.
    static func parseInteger(_ raw: String) -> Int? {
        var text = raw
        var negative = false
        if text.hasPrefix("-") { negative = true; text.removeFirst() }
        let magnitude: Int?
        if text.lowercased().hasPrefix("0x") {
            magnitude = Int(text.dropFirst(2), radix: 16)
        } else if text.count > 1 && text.hasPrefix("0") {
            magnitude = Int(text.dropFirst(), radix: 8)
        } else {
            magnitude = text.allSatisfy(\.isASCII) ? Int(text) : nil
        }
        guard let m = magnitude, !text.hasPrefix("+") else { return nil }
        return negative ? -m : m
    }
}
