/// One cell of a heatmap.
public enum HeatmapCell: Sendable, Equatable {
    /// A fraction 0...1, shown as a percentage with one decimal ("97.5%").
    case value(Double)
    /// A diverged run: hatched, labelled "diverged / at step N" (N is the 0-based update index).
    case diverged(step: Int)
    /// No run: a light empty cell with "—".
    case missing
}

/// A batch size × learning rate grid (800 × 500 logical px): viridis cells with their values, the best
/// cell(s) outlined, diverged cells hatched, and a colour bar.
public struct Heatmap: Sendable {
    public var title: String
    /// Clauses joined by " · ", wrapped like a chart's subtitle.
    public var subtitle: String
    /// Rows, top to bottom (ascending batch size), e.g. ["64", "256", "1024"].
    public var rowLabels: [String]
    /// Columns, left to right (ascending learning rate), e.g. ["0.01", "0.1", "1", "5"].
    public var columnLabels: [String]
    /// `cells[row][column]`; missing entries are drawn as `.missing`.
    public var cells: [[HeatmapCell]]
    /// Rotated title left of the rows, e.g. "batch size".
    public var rowTitle: String
    /// Title under the columns, e.g. "learning rate".
    public var columnTitle: String
    /// Rotated title right of the colour bar, e.g. "final test accuracy".
    public var colorBarTitle: String

    public init(title: String, subtitle: String = "", rowLabels: [String], columnLabels: [String],
                cells: [[HeatmapCell]], rowTitle: String, columnTitle: String, colorBarTitle: String) {
        self.title = title
        self.subtitle = subtitle
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.cells = cells
        self.rowTitle = rowTitle
        self.columnTitle = columnTitle
        self.colorBarTitle = colorBarTitle
    }

    /// The cell at (row, column), `.missing` when out of bounds.
    public func cell(_ row: Int, _ column: Int) -> HeatmapCell {
        guard row >= 0, row < cells.count, column >= 0, column < cells[row].count else { return .missing }
        return cells[row][column]
    }

    /// The largest finite value (every tied cell is "best"); nil when there is none.
    public var bestValue: Double? {
        cells.flatMap { $0 }.compactMap { c -> Double? in
            if case let .value(v) = c, v.isFinite { return v }
            return nil
        }.max()
    }
}
