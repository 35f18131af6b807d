/// User text inside a message, quoted and escaped so that an error is always one line and no
/// control character reaches the terminal: `quoted("a\nb")` is `'a\nb'` (a backslash and `n`).
///
/// Escapes as Swift's `String(reflecting:)` does (`\n`, `\t`, `\r`, `\0`, `\\`, `\'`, `\u{1B}`),
/// with single quotes, the quotes lrlab's messages use. Besides C0 and C1 control characters,
/// line and paragraph separators and the bidirectional overrides are escaped.
public func quoted(_ text: some StringProtocol) -> String {
    "'" + escaped(text, quote: "'") + "'"
}

/// `text` with every control character escaped (see `quoted`); backslashes and `quote` are
/// escaped too, so the result reads back unambiguously. Without `quote`, only what must not
/// reach a terminal is escaped and backslashes stay as they are (for text that is not quoted,
/// such as a file name in `FILE:LINE:COLUMN`).
public func escaped(_ text: some StringProtocol, quote: Character? = nil) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case "\0": result += "\\0"
        case "\\" where quote != nil: result += "\\\\"
        case _ where quote.map({ Character(scalar) == $0 }) ?? false: result += "\\" + String(scalar)
        case _ where needsEscape(scalar): result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result
}

/// Whether `text` holds a character `escaped` would rewrite (ignoring backslashes and quotes).
public func containsControlCharacters(_ text: some StringProtocol) -> Bool {
    text.unicodeScalars.contains { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\0" || needsEscape($0) }
}

/// C0 and C1 controls, DEL, line/paragraph separators, and bidirectional embedding, override
/// and isolate characters (which can make a line read differently from what it holds).
private func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
        return true
    default:
        return false
    }
}
