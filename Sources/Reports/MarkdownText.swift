/// Text made safe to put in Markdown (CommonMark and GitHub's flavour): it shows as the same
/// characters, never as markup. `report.md` passes every string of its view model through here, as
/// `index.html` HTML-escapes them, so a title such as `<img src=x onerror=…>` or
/// `[click](javascript:…)` is text on GitHub, not an element or a link.
public enum MarkdownText {
    /// ASCII punctuation that starts or ends markup anywhere in a line: emphasis (`*`, `_`, `~`),
    /// code (`` ` ``), links and images (`[`, `]`, `!`), raw HTML and autolinks (`<`, `>`), entities
    /// (`&`), table cells (`|`), math (`$`), heading closers (`#`) and the escape itself (`\`).
    static let escaped: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "~", "[", "]", "!", "<", ">", "&", "|", "$", "#"]

    /// `text` on one line (line breaks become spaces, other control characters are dropped, leading
    /// and trailing spaces trimmed) with Markdown's punctuation backslash-escaped, for a place inside
    /// a line (after a heading's `#`, in a table cell, after other text).
    public static func escape(_ text: String) -> String {
        var line = ""
        line.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\t", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                line.unicodeScalars.append(" ")
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                continue
            case _ where escaped.contains(scalar):
                line.unicodeScalars.append("\\")
                line.unicodeScalars.append(scalar)
            default:
                line.unicodeScalars.append(scalar)
            }
        }
        return line.trimmingSpaces()
    }

    /// `escape(text)` for text that starts a line: a list or block marker there (`-`, `+`, `=`, `1.`,
    /// `1)`) is escaped too, so the text cannot start a list, a heading or a rule.
    public static func escapeLineStart(_ text: String) -> String {
        let trimmed = escape(text)
        // A list item, setext underline or thematic break at the start of a line.
        if let first = trimmed.unicodeScalars.first, ["-", "+", "="].contains(first) {
            return "\\" + trimmed
        }
        // An ordered list item: digits then '.' or ')'.
        let digits = trimmed.unicodeScalars.prefix { ("0"..."9").contains($0) }
        if !digits.isEmpty, digits.count < 10 {
            let rest = trimmed.unicodeScalars.dropFirst(digits.count)
            // Only a marker followed by a space or the end starts a list ("1.47 s" does not).
            if let marker = rest.first, marker == "." || marker == ")",
               rest.dropFirst().first.map({ $0 == " " }) ?? true {
                return String(String.UnicodeScalarView(digits)) + "\\" + String(String.UnicodeScalarView(rest))
            }
        }
        return trimmed
    }
}

extension MarkdownText {
    /// `text` as a fenced code block, shown exactly as it is: the fence is a run of backticks
    /// longer than any in the text (at least three), so no line of the text can close it.
    /// `info` names the language ("yaml"); it must not contain a backtick.
    public static func fenced(_ text: String, info: String = "") -> String {
        var longest = 0, run = 0
        for scalar in text.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return fence + info.filter { $0 != "`" && !$0.isNewline } + "\n" + body + "\n" + fence
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var scalars = unicodeScalars[...]
        while scalars.first == " " { scalars = scalars.dropFirst() }
        while scalars.last == " " { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
