/// A place in a user's file: 1-based line and column (columns count Unicode scalars).
///
/// A value given on the command line has the pseudo file `--set KEY=VALUE` (the argument as
/// typed), its line and column counted in that argument.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COLUMN`, the form compilers and editors understand (control characters in
    /// the file name escaped, so the location stays on one line).
    public var description: String { "\(escaped(file)):\(line):\(column)" }

    /// By file name, then line, then column.
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
