import Diagnostics
import Foundation

/// A CSV file of numbers with a header row, as Keras' and Lightning's `CSVLogger`s write it:
/// every cell keeps its line and column, so a bad one is a located error.
struct CSVTable: Sendable {
    /// One cell: its text (quotes removed) and 1-based column in its line.
    struct Cell: Sendable {
        var text: String
        var column: Int
    }

    let path: String
    let header: [Cell]
    /// The header's 1-based line number.
    let headerLine: Int
    /// The data rows with their 1-based line numbers (blank lines skipped).
    let rows: [(line: Int, cells: [Cell])]

    /// Reads `path` (lines end in LF or CRLF: Python's csv module writes CRLF); an empty file, a row with more cells than the header is an error.
    init(path: String) throws(InputError) {
        self.path = path
        let text = try UserFile.text(path)
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated().map { (number: $0.offset + 1, text: $0.element) }
        lines = lines.map { ($0.number, $0.text.hasSuffix("\r") ? $0.text.dropLast() : $0.text) }
        guard let first = lines.first(where: { !$0.text.allSatisfy(\.isWhitespace) }) else {
            throw InputError("the file is empty: expected a header row of metric names",
                             at: SourceLocation(file: path, line: 1, column: 1))
        }
        header = Self.split(first.text)
        headerLine = first.number
        var rows: [(Int, [Cell])] = []
        for line in lines where line.number > first.number && !line.text.allSatisfy(\.isWhitespace) {
            let cells = Self.split(line.text)
            if cells.count > header.count {
                throw InputError("\(cells.count) cells, but the header on line \(first.number) names \(header.count) columns",
                                 at: SourceLocation(file: path, line: line.number, column: cells[header.count].column))
            }
            rows.append((line.number, cells))
        }
        self.rows = rows
    }

    /// The header's names.
    var names: [String] { header.map(\.text) }

    /// The index of column `name`, if the header has it.
    func index(of name: String) -> Int? { header.firstIndex { $0.text == name } }

    /// Where column `name` is named in the header (the header's start when it is not there).
    func headerLocation(_ name: String? = nil) -> SourceLocation {
        let column = name.flatMap(index(of:)).map { header[$0].column } ?? 1
        return SourceLocation(file: path, line: headerLine, column: column)
    }

    /// Where cell `index` of `row` is: its column, or the line's end when the row is shorter.
    func location(row: (line: Int, cells: [Cell]), index: Int) -> SourceLocation {
        let column = index < row.cells.count ? row.cells[index].column
            : (row.cells.last.map { $0.column + $0.text.count } ?? 1)
        return SourceLocation(file: path, line: row.line, column: column)
    }

    /// The number in row `row`, column `index`: nil for an empty or `NA` cell (a metric not
    /// logged in that row), an error for text that is not a number.
    func number(row: (line: Int, cells: [Cell]), index: Int) throws(InputError) -> Double? {
        guard index < row.cells.count else { return nil }
        let cell = row.cells[index]
        let text = cell.text.trimmingCharacters(in: .whitespaces)
        if text.isEmpty || text == "NA" { return nil }
        if let value = Double(text) { return value }
        let lower = text.lowercased()
        if ["nan", "inf", "+inf", "-inf", "infinity", "-infinity"].contains(lower), let value = Double(lower) { return value }
        throw InputError("\(quoted(text)) in column \(quoted(header[index].text)) is not a number",
                         at: SourceLocation(file: path, line: row.line, column: cell.column))
    }

    /// Splits one line at commas outside double quotes, keeping each cell's 1-based column.
    static func split(_ line: Substring) -> [Cell] {
        var cells: [Cell] = []
        var text = ""
        var start = 1
        var column = 1
        var inQuotes = false
        var previousQuote = false
        for character in line {
            defer { column += 1 }
            if character == "\"" {
                if inQuotes, previousQuote { text.append("\""); previousQuote = false; continue }
                inQuotes.toggle()
                previousQuote = !inQuotes
                continue
            }
            previousQuote = false
            if character == ",", !inQuotes {
                cells.append(Cell(text: text, column: start))
                text = ""
                start = column + 1
                continue
            }
            text.append(character)
        }
        cells.append(Cell(text: text, column: start))
        return cells
    }
}
