/// Title and subtitle wrapping per docs/charts.md: one line when it fits, otherwise two balanced lines,
/// breaking at " · " first (the separator is dropped), then at spaces; line 2 ends with "…" if needed.
enum TextWrap {
    static let separator = " \u{00B7} "

    static func lines(_ text: String, font: FontSpec, maxWidth: Double, measurer: any TextMeasurer) -> [String] {
        guard !text.isEmpty else { return [] }
        let width = { (s: String) in measurer.measure(s, font: font).width }
        if width(text) <= maxWidth { return [text] }

        let clauses = text.components(separatedBy: separator)
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var candidates: [(String, String)] = []
        if clauses.count > 1 { candidates += splits(clauses, joiner: separator) }
        var best = balanced(candidates, maxWidth: maxWidth, width: width)
        if best == nil { best = balanced(splits(words, joiner: " "), maxWidth: maxWidth, width: width) }
        if let best { return [best.0, best.1] }

        // Two lines are not enough: the longest fitting first line, then line 2 cut at a word with "…". A clause
        // separator at a break is dropped, and no line ends in a separator or punctuation before "…".
        var first = ""
        var rest = words
        for i in stride(from: words.count - 1, through: 1, by: -1) {
            let head = trimmedEnd(words[0..<i].joined(separator: " "), dropping: " \u{00B7}")
            if !head.isEmpty, width(head) <= maxWidth {
                first = head
                rest = Array(words[i...])
                break
            }
        }
        if first.isEmpty {
            first = truncate(words.first ?? text, maxWidth: maxWidth, width: width)
            rest = Array(words.dropFirst())
        }
        rest = Array(rest.drop { $0 == "\u{00B7}" || $0.isEmpty })
        let second = rest.joined(separator: " ")
        if second.isEmpty { return [first] }
        if width(second) <= maxWidth { return [first, second] }
        for i in stride(from: rest.count - 1, through: 1, by: -1) {
            let head = trimmedEnd(rest[0..<i].joined(separator: " "))
            if !head.isEmpty, width(head + "…") <= maxWidth { return [first, head + "…"] }
        }
        return [first, truncate(second, maxWidth: maxWidth, width: width)]
    }

    /// `s` without the trailing characters in `dropping`: by default spaces, clause separators and the
    /// punctuation that would dangle before "…"; at a line break only spaces and separators.
    static func trimmedEnd(_ s: String, dropping: String = " \u{00B7},;:") -> String {
        var chars = Substring(s)
        while let last = chars.last, dropping.contains(last) { chars.removeLast() }
        return String(chars)
    }

    /// A title that is never clipped (docs/charts.md "Any grid"): one line at `font` when it fits in `maxWidth` px,
    /// else one line at 90 % of the size, else two balanced lines at 90 % (`lines`), the second ending with
    /// "…" when two are not enough.
    static func fitted(_ text: String, font: FontSpec, maxWidth: Double,
                       measurer: any TextMeasurer) -> (lines: [String], font: FontSpec) {
        guard !text.isEmpty else { return ([], font) }
        if measurer.measure(text, font: font).width <= maxWidth { return ([text], font) }
        let small = FontSpec(size: font.size * 0.9, bold: font.bold)
        return (lines(text, font: small, maxWidth: maxWidth, measurer: measurer).filter { !$0.isEmpty }, small)
    }

    private static func splits(_ parts: [String], joiner: String) -> [(String, String)] {
        guard parts.count > 1 else { return [] }
        return (1..<parts.count).map {
            (parts[0..<$0].joined(separator: joiner), parts[$0...].joined(separator: joiner))
        }
    }

    private static func balanced(_ candidates: [(String, String)], maxWidth: Double,
                                 width: (String) -> Double) -> (String, String)? {
        var best: (String, String)?
        var bestDiff = Double.infinity
        for (a, b) in candidates {
            let wa = width(a), wb = width(b)
            guard wa <= maxWidth, wb <= maxWidth, !a.isEmpty, !b.isEmpty else { continue }
            if abs(wa - wb) < bestDiff {
                bestDiff = abs(wa - wb)
                best = (a, b)
            }
        }
        return best
    }

    /// `text` when it fits in `maxWidth` px, otherwise cut from the end and ended with "…" so it fits.
    static func truncated(_ text: String, font: FontSpec, maxWidth: Double, measurer: any TextMeasurer) -> String {
        let width = { (s: String) in measurer.measure(s, font: font).width }
        return width(text) <= maxWidth ? text : truncate(text, maxWidth: maxWidth, width: width)
    }

    /// Cuts characters from the end until `text` + "…" fits.
    private static func truncate(_ text: String, maxWidth: Double, width: (String) -> Double) -> String {
        var chars = Array(text)
        while !chars.isEmpty {
            chars.removeLast()
            let s = trimmedEnd(String(chars)) + "…"
            if width(s) <= maxWidth { return s }
        }
        return "…"
    }
}
