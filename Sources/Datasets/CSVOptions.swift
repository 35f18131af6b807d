/// How to read a CSV file as a dataset (`data.dataset: csv`).
public struct CSVOptions: Sendable, Hashable, Codable {
    /// Which column holds the class labels.
    public enum LabelColumn: Sendable, Hashable, Codable {
        /// The column with this header name (requires a header row).
        case name(String)
        /// The 0-based column index.
        case index(Int)
    }

    /// The file, as written in the sweep (relative paths are resolved by the caller).
    public var path: String
    /// nil: the column named `label` when the header has one, else the last column.
    public var label: LabelColumn?
    /// Whether the first record names the columns.
    public var header: Bool

    public init(path: String, label: LabelColumn? = nil, header: Bool = true) {
        self.path = path
        self.label = label
        self.header = header
    }
}
