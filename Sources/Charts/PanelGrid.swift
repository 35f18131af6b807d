/// Where the panels of small multiples go: `columns` panels per row, rows from top to bottom, all equal in
/// size, 28 px apart across and `rowGap` apart down (docs/charts.md "Small multiples").
struct PanelGrid: Equatable {
    /// Panels laid out (at least 1).
    let count: Int
    /// Panels per row: `Chart.columns`, kept within 1…count; nil means up to `defaultColumns`.
    let columns: Int
    let rows: Int

    init(count: Int, columns: Int?) {
        let n = max(count, 1)
        let c = min(max(columns ?? Self.defaultColumns, 1), n)
        self.count = n
        self.columns = c
        rows = (n + c - 1) / c
    }

    /// Panels per row when the chart does not say: a row of 5 or more would squeeze the panels and their titles.
    static let defaultColumns = 4

    func row(_ i: Int) -> Int { i / columns }
    func column(_ i: Int) -> Int { i % columns }

    /// The panel rectangles, in panel order, filling `left…right` × `top…bottom`; rules snapped to the device grid.
    /// The last column ends exactly at `right` and the last row at `bottom`.
    func rects(left: Double, right: Double, top: Double, bottom: Double, gap: Double, rowGap: Double) -> [Rect] {
        let width = max((right - left - gap * Double(columns - 1)) / Double(columns), 10)
        let (height, vGap) = rowLayout(top: top, bottom: bottom, rowGap: rowGap)
        return (0..<count).map { i in
            let (r, c) = (row(i), column(i))
            let pl = snapRule(left + Double(c) * (width + gap))
            let pr = c == columns - 1 ? right : snapRule(pl + width)
            let pt = r == 0 ? top : snapRule(top + Double(r) * (height + vGap))
            let pb = r == rows - 1 ? max(bottom, pt + 10) : snapRule(pt + height)
            return Rect(minX: pl, minY: pt, maxX: pr, maxY: pb)
        }
    }

    /// The height of one panel (at least 10 px), which sets the y tick count.
    func panelHeight(top: Double, bottom: Double, rowGap: Double) -> Double {
        rowLayout(top: top, bottom: bottom, rowGap: rowGap).height
    }

    /// Panel height and the gap between rows; the gap shrinks when the rows would otherwise be under 10 px tall.
    private func rowLayout(top: Double, bottom: Double, rowGap: Double) -> (height: Double, gap: Double) {
        let room = bottom - top
        guard rows > 1 else { return (max(room, 10), 0) }
        let n = Double(rows)
        let gap = min(max(rowGap, 0), max((room - 10 * n) / (n - 1), 0))
        return (max((room - gap * (n - 1)) / n, 10), gap)
    }
}

extension ChartLayout {
    /// The panel grid of this chart.
    var grid: PanelGrid { PanelGrid(count: chart.panels.count, columns: chart.columns) }

    /// Vertical room between grid rows, rounded up to whole px: the x tick labels (tick 4, gap 4, then DejaVu's
    /// cap height 0.729 em and descent 0.24 em at 12 px), 10 px of air, then the next row's panel titles (their
    /// measured ascent, baseline 10 px above the panel). About 50 px.
    var rowGap: Double {
        let tick = 8 + 0.729 * Self.tickFont.size + 0.24 * Self.tickFont.size
        let titles = chart.panels.compactMap(\.title).filter { !$0.isEmpty }
        let ascent = titles.map { measurer.measure($0, font: .bold(13)).ascent }.max() ?? 0
        return (tick + 10 + (titles.isEmpty ? 0 : ascent + 10)).rounded(.up)
    }
}

/// Panel titles (docs/charts.md "Small multiples" and "Any grid"): 13 px Bold, left-aligned to the panel, the last
/// line's baseline 10 px above it; never clipped.
extension ChartLayout {
    static let panelTitleFont = FontSpec.bold(13)
    /// Baseline distance between the two lines of a wrapped panel title, logical px.
    static let panelTitlePitch = 15.0

    /// The lines and font of a panel title in a panel `width` px wide: shrunk to 90 %, then wrapped, then "…".
    func panelTitleFit(_ title: String, width: Double) -> (lines: [String], font: FontSpec) {
        TextWrap.fitted(title, font: Self.panelTitleFont, maxWidth: width, measurer: measurer)
    }

    /// Whether any panel title needs two lines in the panel rectangles `rects` (in panel order).
    func panelTitlesNeedTwoLines(_ rects: [Rect]) -> Bool {
        zip(chart.panels, rects).contains { panel, rect in
            guard let title = panel.title else { return false }
            return panelTitleFit(title, width: rect.width).lines.count > 1
        }
    }

    /// Draws a panel title above `panel`, on one or two lines.
    func drawPanelTitle(_ scene: inout Scene, _ title: String, panel: Rect) {
        let (lines, font) = panelTitleFit(title, width: panel.width)
        for (k, line) in lines.enumerated() {
            let baseline = panel.minY - 10 - Self.panelTitlePitch * Double(lines.count - 1 - k)
            scene.add(.text(TextRun(string: line, origin: Point(panel.minX, baseline), font: font, color: Palette.title)))
        }
    }
}
