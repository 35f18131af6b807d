import Diagnostics

/// A protobuf text-format document parsed without a schema: fields with their locations.
///
/// Accepts what `google.protobuf.text_format.Merge` accepts in a pipeline.config: `name { }`,
/// `name: { }`, `name < >`, optional `,`/`;` after fields, `#` comments, list syntax `[a, b]`
/// (also of messages), single- or double-quoted strings with C escapes (adjacent literals
/// concatenate), bare identifiers (enums), numbers with sign, exponent, hex or `f` suffix.
/// Types are checked later, by whoever reads a field (see `TextMessage`).
struct TextField: Sendable {
    let name: String
    let location: SourceLocation
    let value: TextValue
}

enum TextValue: Sendable {
    /// A number, identifier or string literal (`isString` tells quoted text apart).
    case scalar(text: String, isString: Bool, location: SourceLocation)
    case message(TextMessage)
    case list([TextValue], location: SourceLocation)

    var location: SourceLocation {
        switch self {
        case .scalar(_, _, let l): return l
        case .message(let m): return m.location
        case .list(_, let l): return l
        }
    }
}

/// The fields of one message block in file order (repeated and duplicated fields included).
struct TextMessage: Sendable {
    let location: SourceLocation
    var fields: [TextField]
}

/// The tokenizer and recursive-descent parser for `TextMessage`.
struct TextFormatParser {
    enum Token: Equatable {
        case identifier(String), number(String), string(String), symbol(Character), end
    }

    let path: String
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private var current: Token = .end
    private var currentLocation: SourceLocation
    /// Messages and lists open around the current token.
    private var depth = 0

    /// Deepest nesting of messages and lists accepted: protobuf's own default recursion limit.
    /// Deeper input is an error, not a stack overflow.
    static let maxDepth = 100

    init(text: String, path: String) {
        self.path = path
        scalars = Array(text.unicodeScalars)
        currentLocation = SourceLocation(file: path, line: 1, column: 1)
    }

    /// Parses a whole file as the fields of the top-level message.
    static func parse(text: String, path: String) throws(InputError) -> TextMessage {
        var parser = TextFormatParser(text: text, path: path)
        try parser.advance()
        let start = SourceLocation(file: path, line: 1, column: 1)
        let fields = try parser.fields(closing: nil, openedAt: start)
        return TextMessage(location: start, fields: fields)
    }

    private func error(_ message: String, at location: SourceLocation? = nil) -> InputError {
        InputError(message, at: location ?? currentLocation)
    }

    private var tokenText: String {
        switch current {
        case .identifier(let s), .number(let s): return quoted(s)
        case .string(let s): return "the string " + quoted(s)
        case .symbol(let c): return quoted(String(c))
        case .end: return "the end of the file"
        }
    }

    // MARK: Grammar

    private mutating func fields(closing: Character?, openedAt: SourceLocation) throws(InputError) -> [TextField] {
        var result: [TextField] = []
        while true {
            if current == .end {
                if let closing {
                    throw error("missing '\(closing)': the block opened at line \(openedAt.line), column \(openedAt.column) is not closed")
                }
                return result
            }
            if let closing, current == .symbol(closing) {
                try advance()
                return result
            }
            let nameLocation = currentLocation
            let name: String
            switch current {
            case .identifier(let s):
                name = s
                try advance()
            case .symbol("["):
                // An extension or Any type URL: `[type.googleapis.com/x] { … }`.
                var text = ""
                try advance()
                while current != .symbol("]") && current != .end {
                    if case .identifier(let s) = current { text += s } else if case .symbol(let c) = current { text.append(c) }
                    try advance()
                }
                try expect("]")
                name = "[\(text)]"
            default:
                throw error("expected a field name, got \(tokenText)")
            }
            var hadColon = false
            if current == .symbol(":") {
                hadColon = true
                try advance()
            }
            let value = try value(hadColon: hadColon, field: name)
            result.append(TextField(name: name, location: nameLocation, value: value))
            if current == .symbol(",") || current == .symbol(";") { try advance() }
        }
    }

    private mutating func value(hadColon: Bool, field: String) throws(InputError) -> TextValue {
        let location = currentLocation
        switch current {
        case .symbol("{"), .symbol("<"):
            return .message(try message())
        case .symbol("["):
            try enter()
            defer { depth -= 1 }
            try advance()
            var items: [TextValue] = []
            while current != .symbol("]") {
                if current == .end { throw error("missing ']': the list opened at line \(location.line), column \(location.column) is not closed") }
                items.append(try value(hadColon: true, field: field))
                if current == .symbol(",") {
                    try advance()
                } else if current != .symbol("]") {
                    throw error("expected ',' or ']' in the list of '\(field)', got \(tokenText)")
                }
            }
            try advance()
            return .list(items, location: location)
        case .string:
            var text = ""
            while case .string(let s) = current {
                text += s
                try advance()
            }
            return .scalar(text: text, isString: true, location: location)
        case .symbol("-"):
            try advance()
            switch current {
            case .number(let s), .identifier(let s):
                try advance()
                return .scalar(text: "-" + s, isString: false, location: location)
            default:
                throw error("expected a number after '-', got \(tokenText)")
            }
        case .number(let s), .identifier(let s):
            try advance()
            return .scalar(text: s, isString: false, location: location)
        default:
            let what = hadColon ? "a value" : "':' or '{'"
            throw error("expected \(what) after '\(field)', got \(tokenText)")
        }
    }

    private mutating func message() throws(InputError) -> TextMessage {
        let location = currentLocation
        let closing: Character = current == .symbol("<") ? ">" : "}"
        try enter()
        defer { depth -= 1 }
        try advance()
        return TextMessage(location: location, fields: try fields(closing: closing, openedAt: location))
    }

    /// One level deeper, at the opening `{`, `<` or `[`.
    private mutating func enter() throws(InputError) {
        guard depth < Self.maxDepth else {
            throw error("messages and lists are nested more than \(Self.maxDepth) levels deep here; lrlab, like protobuf, reads at most \(Self.maxDepth)")
        }
        depth += 1
    }

    private mutating func expect(_ c: Character) throws(InputError) {
        guard current == .symbol(c) else { throw error("expected '\(c)', got \(tokenText)") }
        try advance()
    }

    // MARK: Tokens

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func bump() {
        if scalars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
        index += 1
    }

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || ("0"..."9").contains(c)
    }

    private mutating func advance() throws(InputError) {
        // Skip whitespace and comments.
        while let c = peek() {
            if c == "#" {
                while let d = peek(), d != "\n" { bump() }
            } else if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0B}" || c == "\u{0C}" {
                bump()
            } else {
                break
            }
        }
        currentLocation = SourceLocation(file: path, line: line, column: column)
        guard let c = peek() else { current = .end; return }
        if Self.isIdentifierStart(c) {
            var s = ""
            while let d = peek(), Self.isIdentifierPart(d) || d == "." || d == "/" { s.unicodeScalars.append(d); bump() }
            current = .identifier(s)
        } else if ("0"..."9").contains(c) || (c == "." && peek(1).map { ("0"..."9").contains($0) } == true) {
            var s = ""
            while let d = peek() {
                let exponentSign = (d == "+" || d == "-") && (s.hasSuffix("e") || s.hasSuffix("E")) && !s.lowercased().hasPrefix("0x")
                guard Self.isIdentifierPart(d) || d == "." || exponentSign else { break }
                s.unicodeScalars.append(d)
                bump()
            }
            current = .number(s)
        } else if c == "\"" || c == "'" {
            current = .string(try stringLiteral(quote: c))
        } else {
            bump()
            current = .symbol(Character(c))
        }
    }

    private mutating func stringLiteral(quote: Unicode.Scalar) throws(InputError) -> String {
        let start = currentLocation
        bump()
        var s = ""
        while true {
            guard let c = peek(), c != "\n" else {
                throw error("the string that starts here is not closed on its line", at: start)
            }
            bump()
            if c == quote { return s }
            guard c == "\\" else { s.unicodeScalars.append(c); continue }
            guard let e = peek() else { continue }
            bump()
            switch e {
            case "n": s += "\n"
            case "t": s += "\t"
            case "r": s += "\r"
            case "a": s += "\u{07}"
            case "b": s += "\u{08}"
            case "f": s += "\u{0C}"
            case "v": s += "\u{0B}"
            case "0"..."7":
                var value = e.value - 48
                for _ in 0..<2 { if let d = peek(), ("0"..."7").contains(d) { value = value * 8 + d.value - 48; bump() } }
                if let u = Unicode.Scalar(value) { s.unicodeScalars.append(u) }
            case "x":
                var value: UInt32 = 0
                var digits = 0
                while digits < 2, let d = peek(), let v = UInt32(String(d), radix: 16) { value = value * 16 + v; bump(); digits += 1 }
                if let u = Unicode.Scalar(value) { s.unicodeScalars.append(u) }
            default: s.unicodeScalars.append(e)
            }
        }
    }
}
