/// One cell of a heatmap.
public enum HeatmapCell: Sendable, Equatable {
    /// A fraction 0...1, shown as a percentage with one decimal ("97.5%"). `best` marks a best cell, chosen by
    /// the caller (every tied cell may be marked): a 3 px outline, the value in Bold and "best" under it when
    /// it fits. `detail` is an optional 11 px line under the value, e.g. "± 0.4" for the spread over seeds.
    case value(Double, best: Bool = false, detail: String? = nil)
    /// A cell outside the colour scale: `#F2F2F2` with 45° hatch lines, `label` centred at 13 px `#595959` (shrunk to
    /// fit) and `detail` at 11 px under it when it fits.
    case hatched(label: String, detail: String? = nil)
    /// No run: a light empty cell with "—".
    case missing
}

/// One small-multiple grid of a faceted heatmap: its panel title and `cells[row][column]`, sharing the
/// heatmap's row and column labels, colour domain and colour bar.
public struct HeatmapFacet: Sendable, Equatable {
    /// Panel title, e.g. "adam"; 13 px Bold, left-aligned 10 px above the grid, shrunk to fit.
    public var title: String
    /// `cells[row][column]`; missing entries are drawn as `.missing`.
    public var cells: [[HeatmapCell]]

    public init(title: String, cells: [[HeatmapCell]]) {
        self.title = title
        self.cells = cells
    }

    /// The cell at (row, column), `.missing` when out of bounds.
    public func cell(_ row: Int, _ column: Int) -> HeatmapCell {
        guard row >= 0, row < cells.count, column >= 0, column < cells[row].count else { return .missing }
        return cells[row][column]
    }
}

/// A grid of values over two keys (800 × 500 logical px): viridis cells with their values, the best
/// cell(s) outlined, hatched cells outside the scale, and a colour bar. With `facets`, small multiples over a third key.
public struct Heatmap: Sendable {
    public var title: String
    /// Clauses joined by " · ", wrapped like a chart's subtitle.
    public var subtitle: String
    /// Rows, top to bottom, as values only (the key is `rowTitle`), e.g. ["64", "256", "1024"].
    public var rowLabels: [String]
    /// Columns, left to right, as values only (the key is `columnTitle`), e.g. ["0.01", "0.1", "1", "5"].
    public var columnLabels: [String]
    /// `cells[row][column]`, drawn when `facets` is empty; missing entries are drawn as `.missing`.
    public var cells: [[HeatmapCell]]
    /// Small multiples, at most 3 per row, sharing one colour domain and one colour bar; when empty, `cells`
    /// is drawn as a single grid.
    public var facets: [HeatmapFacet]
    /// Rotated title left of the rows, e.g. "batch size".
    public var rowTitle: String
    /// Title under the columns, e.g. "learning rate".
    public var columnTitle: String
    /// Rotated title right of the colour bar, e.g. "final test accuracy".
    public var colorBarTitle: String
    /// The narrowest colour domain, in value units (0.05 = 5 percentage points): the domain spans the
    /// finite values and is widened symmetrically to at least this span, so small differences stay small.
    public var minimumSpan: Double

    public init(title: String, subtitle: String = "", rowLabels: [String], columnLabels: [String],
                cells: [[HeatmapCell]], rowTitle: String, columnTitle: String, colorBarTitle: String,
                facets: [HeatmapFacet] = [], minimumSpan: Double = 0.05) {
        self.title = title
        self.subtitle = subtitle
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.cells = cells
        self.facets = facets
        self.rowTitle = rowTitle
        self.columnTitle = columnTitle
        self.colorBarTitle = colorBarTitle
        self.minimumSpan = minimumSpan
    }

    /// The cell at (row, column) of `cells`, `.missing` when out of bounds.
    public func cell(_ row: Int, _ column: Int) -> HeatmapCell {
        HeatmapFacet(title: "", cells: cells).cell(row, column)
    }
}
