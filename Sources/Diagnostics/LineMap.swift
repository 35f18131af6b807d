/// Where the lines of a parsed document came from when values from the command line
/// (`--set KEY=VALUE`) are spliced into a file.
///
/// A `--set` value is parsed as if it stood past the end of the file (its text preceded by
/// blank lines), so every node made from it, and every node a grid expands it into, keeps a
/// mark that tells it apart from the file's own. `location` turns such a mark back into a place
/// in the argument: the pseudo file `--set KEY=VALUE`, line and column counted in the argument.
public struct LineMap: Sendable, Hashable {
    public struct Splice: Sendable, Hashable {
        /// The first line the text was parsed at.
        public var firstLine: Int
        public var lineCount: Int
        /// The name of the place: `--set KEY=VALUE`.
        public var name: String
        /// Added to columns of the text's first line (the length of `KEY=`).
        public var firstColumnOffset: Int
    }

    public private(set) var splices: [Splice] = []
    /// The first line past the file (and past every splice so far).
    public private(set) var nextLine: Int

    /// A map for a file of `fileLineCount` lines with nothing spliced in yet.
    public init(fileLineCount: Int = 0) {
        nextLine = fileLineCount + 1
    }

    /// Parses `text`, given on the command line as `name` (e.g. `--set train.epochs=5`), at the
    /// next free lines; `columnOffset` is where `text` starts in `name`'s argument. Syntax errors
    /// point into the argument.
    public mutating func parse(_ text: String, name: String, columnOffset: Int) throws(InputError) -> ConfigNode {
        let lines = text.reduce(1) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 }
        do {
            _ = try YAMLDocument(text: text, path: name)
        } catch {
            var located = error
            if var location = error.location {
                if location.line > lines {  // the end of the text: after its last character
                    location.line = lines
                    location.column = (text.split(separator: "\n", omittingEmptySubsequences: false).last?.unicodeScalars.count ?? 0) + 1
                }
                if location.line == 1 { location.column += columnOffset }
                located.location = location
            }
            throw located
        }
        let padded = String(repeating: "\n", count: nextLine - 1) + text
        let document = try YAMLDocument(text: padded, path: name)
        splices.append(Splice(firstLine: nextLine, lineCount: lines, name: name, firstColumnOffset: columnOffset))
        nextLine += lines
        return document.root
    }

    /// The place of a mark at `line`, `column` of `file`: in the file, or in a `--set` argument.
    public func location(file: String, line: Int, column: Int) -> SourceLocation {
        guard let splice = splice(at: line) else { return SourceLocation(file: file, line: line, column: column) }
        let local = line - splice.firstLine + 1
        return SourceLocation(file: splice.name, line: local, column: column + (local == 1 ? splice.firstColumnOffset : 0))
    }

    /// The splice holding `line`, if it is not the file's.
    public func splice(at line: Int) -> Splice? {
        splices.last { line >= $0.firstLine && line < $0.firstLine + $0.lineCount }
    }
}
