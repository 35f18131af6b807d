import Diagnostics

/// One field of a CSV record: where its bytes are in the file and where it starts.
struct CSVField {
    /// Byte range of the field's content (inside the quotes for a quoted field).
    var range: Range<Int>
    /// Whether the field was quoted (its content may hold `""` escapes).
    var quoted: Bool
    /// 1-based line of the field's first byte.
    var line: Int
    /// Byte offset of the start of that line, for computing the column.
    var lineStart: Int
}

/// An RFC 4180 reader over bytes: comma-separated fields, optional double quotes around a
/// field (`""` inside stands for `"`; commas and line breaks inside quotes are content),
/// records ending in LF or CRLF. Blank lines are skipped; a UTF-8 byte-order mark is ignored.
struct CSVScanner {
    let bytes: [UInt8]
    /// The file's name, for errors.
    let path: String

    /// The 1-based column (in Unicode scalars) of byte `offset` on a line starting at `lineStart`.
    func column(of offset: Int, lineStart: Int) -> Int {
        var column = 1
        for i in lineStart..<min(offset, bytes.count) where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return column
    }

    func location(_ field: CSVField) -> SourceLocation {
        let start = field.quoted ? field.range.lowerBound - 1 : field.range.lowerBound
        return SourceLocation(file: path, line: field.line, column: column(of: start, lineStart: field.lineStart))
    }

    /// The field's text, quotes removed and `""` unescaped, surrounding spaces kept.
    func text(_ field: CSVField) -> String {
        let content = bytes[field.range]
        guard field.quoted, content.contains(UInt8(ascii: "\"")) else { return String(decoding: content, as: UTF8.self) }
        var unescaped = [UInt8]()
        var previousQuote = false
        for byte in content {
            if byte == UInt8(ascii: "\""), previousQuote { previousQuote = false; continue }
            previousQuote = byte == UInt8(ascii: "\"")
            unescaped.append(byte)
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// Calls `body` with each record's fields (the array is reused between calls).
    func forEachRecord(_ body: ([CSVField]) throws(InputError) -> Void) throws(InputError) {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1, lineStart = i
        var fields: [CSVField] = []
        let n = bytes.count
        func fail(_ message: String, at offset: Int) -> InputError {
            InputError(message, at: SourceLocation(file: path, line: line, column: column(of: offset, lineStart: lineStart)))
        }
        while i < n {
            // At the start of a field.
            let fieldLine = line, fieldLineStart = lineStart
            if bytes[i] == quote {
                let open = i
                i += 1
                let start = i
                while true {
                    guard i < n else {
                        throw InputError("a quoted field is never closed",
                                         at: SourceLocation(file: path, line: fieldLine, column: column(of: open, lineStart: fieldLineStart)))
                    }
                    let byte = bytes[i]
                    if byte == quote {
                        if i + 1 < n, bytes[i + 1] == quote { i += 2; continue }
                        break
                    }
                    if byte == lf { line += 1; lineStart = i + 1 }
                    i += 1
                }
                fields.append(CSVField(range: start..<i, quoted: true, line: fieldLine, lineStart: fieldLineStart))
                i += 1  // closing quote
                guard i >= n || bytes[i] == comma || bytes[i] == lf || (bytes[i] == cr && (i + 1 >= n || bytes[i + 1] == lf)) else {
                    throw fail("unexpected text after a closing quote (a quote inside a quoted field is written \"\")", at: i)
                }
            } else {
                let start = i
                while i < n, bytes[i] != comma, bytes[i] != lf {
                    if bytes[i] == quote { throw fail("a quote inside an unquoted field (quote the whole field, and write \"\" for \")", at: i) }
                    i += 1
                }
                var end = i
                if end > start, bytes[end - 1] == cr, i >= n || bytes[i] == lf { end -= 1 }
                fields.append(CSVField(range: start..<end, quoted: false, line: fieldLine, lineStart: fieldLineStart))
            }
            // After a field: a comma continues the record, a line end or the file's end closes it.
            if i < n, bytes[i] == comma {
                i += 1
                if i >= n || bytes[i] == lf || bytes[i] == cr {
                    fields.append(CSVField(range: i..<i, quoted: false, line: line, lineStart: lineStart))
                } else { continue }
            }
            if i < n, bytes[i] == cr { i += 1 }
            if i < n, bytes[i] == lf { i += 1; line += 1; lineStart = i }
            let blank = fields.count == 1 && !fields[0].quoted && fields[0].range.isEmpty
            if !blank { try body(fields) }
            fields.removeAll(keepingCapacity: true)
        }
    }
}
