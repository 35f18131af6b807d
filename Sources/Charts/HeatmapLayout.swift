import Foundation

/// Turns a `Heatmap` into a scene (docs/charts.md "Heatmap"): one grid, or small multiples of its facets (at most 3
/// per row) that share one colour domain and one colour bar. Every size comes from measured text.
struct HeatmapLayout {
    let heatmap: Heatmap
    let measurer: any TextMeasurer

    static let gutter = 2.0
    static let barWidth = 14.0
    static let facetGap = 28.0
    static let facetsPerRow = 3
    /// Row and column labels sit 8 px from the cells.
    static let labelGap = 8.0
    /// Row labels wider than this are ellipsised.
    static let maxRowLabelWidth = 120.0
    /// The lowest y a column label may reach: 8 px above the column title (baseline 486, 13 px).
    static let labelFloor = 468.0
    /// Panel titles: baseline 10 px above the grid, 13 px Bold.
    static let panelTitleBand = 24.0

    /// Everything positioned: one grid per facet, the fitted label and value fonts, the colour bar.
    struct Geometry {
        /// One rectangle per facet, in facet order.
        var grids: [Rect]
        var perRow: Int
        var rowLabels: AxisLabels
        var columnLabels: AxisLabels
        /// The cell value font, nil when even 9 px does not fit.
        var valueFont: FontSpec?
        var bar: Rect
        var axis: ResolvedAxis
    }

    /// The facets drawn: `heatmap.facets`, or the single untitled `cells` grid.
    var facets: [HeatmapFacet] {
        heatmap.facets.isEmpty ? [HeatmapFacet(title: "", cells: heatmap.cells)] : heatmap.facets
    }

    var rowCount: Int { max(heatmap.rowLabels.count, facets.map(\.cells.count).max() ?? 0) }

    var columnCount: Int {
        max(heatmap.columnLabels.count, facets.flatMap(\.cells).map(\.count).max() ?? 0)
    }

    // MARK: colour domain

    /// Every finite value of every facet.
    var finiteValues: [Double] {
        facets.flatMap(\.cells).flatMap { $0 }.compactMap { c -> Double? in
            if case let .value(v, _, _) = c, v.isFinite { return v }
            return nil
        }
    }

    /// From the smallest to the largest finite value, widened symmetrically to at least `minimumSpan`;
    /// kept inside 0...1 when every value is a fraction (shifted, so the span is kept).
    func colorDomain() -> ClosedRange<Double> {
        let values = finiteValues
        guard let dataLo = values.min(), let dataHi = values.max() else { return 0...1 }
        let span = heatmap.minimumSpan.isFinite ? max(heatmap.minimumSpan, 0) : 0
        var lo = dataLo, hi = dataHi
        if hi - lo < span {
            // Halves first: lo + hi overflows near ±greatestFiniteMagnitude.
            let mid = lo / 2 + hi / 2
            (lo, hi) = (max(mid - span / 2, -.greatestFiniteMagnitude), min(mid + span / 2, .greatestFiniteMagnitude))
        }
        if dataLo >= 0, dataHi <= 1 {
            if lo < 0 { (lo, hi) = (0, min(1, hi - lo)) }
            if hi > 1 { (lo, hi) = (max(0, lo - (hi - 1)), 1) }
        }
        if hi <= lo {
            let pad = lo == 0 ? 0.5 : max(abs(lo) * 0.05, .leastNonzeroMagnitude)
            (lo, hi) = (max(lo - pad, -.greatestFiniteMagnitude), min(hi + pad, .greatestFiniteMagnitude))
        }
        return lo...hi
    }

    /// The colour bar's axis: the colour domain with nice ticks inside it, for a bar `length` px tall.
    func colorAxis(length: Double) -> ResolvedAxis {
        ResolvedAxis.resolve(Axis(title: "", format: .percent, domain: colorDomain()), values: [], length: length,
                             vertical: true)
    }

    /// The position of `v` in the colour domain, 0...1.
    func colorPosition(_ v: Double, axis: ResolvedAxis) -> Double {
        let span = axis.hi - axis.lo
        let t = span.isFinite ? (v - axis.lo) / max(span, 1e-12) : (v / 2 - axis.lo / 2) / (axis.hi / 2 - axis.lo / 2)
        return t.isNaN ? 0 : min(max(t, 0), 1)
    }

    // MARK: geometry

    /// Lays out the facets below a header whose last baseline is at `headerBottom`: as many per row (at most 3)
    /// as leave room for the cell values without cutting a column label, else 3 per row with the values
    /// dropped (the colours stay).
    func geometry(headerBottom: Double) -> Geometry {
        let most = max(1, min(Self.facetsPerRow, facets.count))
        let first = geometry(headerBottom: headerBottom, perRow: most)
        if first.valueFont != nil || finiteValues.isEmpty { return first }
        for perRow in Swift.stride(from: most - 1, through: 1, by: -1) {
            let g = geometry(headerBottom: headerBottom, perRow: perRow)
            if g.valueFont != nil, g.columnLabels.texts == heatmap.columnLabels { return g }
        }
        return first
    }

    /// Lays out the facets `perRow` to a row.
    func geometry(headerBottom: Double, perRow: Int) -> Geometry {
        let list = facets
        let facetRows = (list.count + perRow - 1) / perRow
        let titled = list.contains { !$0.title.isEmpty }
        let rows = max(rowCount, 1), columns = max(columnCount, 1)
        let top = snapRule(headerBottom + 22 + (titled ? Self.panelTitleBand : 0))

        // Horizontal: row labels, the facets, then the colour bar with its labels and title.
        let tick = ChartLayout.tickFont
        let provisional = colorAxis(length: ChartLayout.plotBottom - top)
        let barLabelW = provisional.labels.map { measurer.measure($0, font: tick).width }.max() ?? 0
        let rowLabelW = min(heatmap.rowLabels.map { measurer.measure($0, font: tick).width }.max() ?? 0,
                            Self.maxRowLabelWidth)
        let left = snapRule(ChartLayout.margin + 15 + 10 + rowLabelW + Self.labelGap)
        let right = snapRule(ChartLayout.rightEdge - (24 + Self.barWidth + 7 + barLabelW + 15 + 13))
        let facetW = max(1, (right - left - Self.facetGap * Double(perRow - 1)) / Double(perRow))
        let pitchX = (facetW + Self.gutter) / Double(columns)

        // Vertical: the column labels' room below each grid, then the grid height.
        let separation = 10 + (titled ? Self.panelTitleBand : 0)
        let available = Self.labelFloor - top - separation * Double(facetRows - 1)
        let maxRotated = max(30, 0.5 * available / Double(facetRows) - Self.labelGap)
        let columnLabels = fitColumnLabels(pitch: pitchX, maxRotatedLength: maxRotated)
        let lastBottom = min(ChartLayout.plotBottom, Self.labelFloor - columnLabels.extent)
        let rowGap = columnLabels.extent + separation
        let height = max(1, (lastBottom - top - rowGap * Double(facetRows - 1)) / Double(facetRows))
        let grids = list.indices.map { i in
            Rect(x: left + Double(i % perRow) * (facetW + Self.facetGap),
                 y: top + Double(i / perRow) * (height + rowGap), width: facetW, height: height)
        }
        let pitchY = (height + Self.gutter) / Double(rows)
        let rowLabels = fitRowLabels(pitch: pitchY)
        let cell = cellRect(grids.first ?? Rect(x: left, y: top, width: facetW, height: height),
                            row: 0, column: 0, rows: rows, columns: columns)
        let barBottom = grids.map(\.maxY).max() ?? lastBottom
        let bar = Rect(x: snapRule(right + 24), y: top, width: Self.barWidth, height: max(1, barBottom - top))
        return Geometry(grids: grids, perRow: perRow, rowLabels: rowLabels, columnLabels: columnLabels,
                        valueFont: valueFont(cell: cell), bar: bar, axis: colorAxis(length: bar.height))
    }

    func cellRect(_ grid: Rect, row: Int, column: Int, rows: Int, columns: Int) -> Rect {
        let w = (grid.width - Self.gutter * Double(columns - 1)) / Double(columns)
        let h = (grid.height - Self.gutter * Double(rows - 1)) / Double(rows)
        return Rect(x: grid.minX + Double(column) * (w + Self.gutter), y: grid.minY + Double(row) * (h + Self.gutter),
                    width: max(w, 0), height: max(h, 0))
    }

    // MARK: scene

    func scene() -> Scene {
        var scene = Scene()
        scene.add(.fillRect(ChartLayout.canvas, Palette.background))
        var header = FigureHeader(title: heatmap.title, subtitle: heatmap.subtitle, measurer: measurer)
        // A heatmap has always drawn its title at the full 18 px, even when its lines were fitted at 90 %;
        // kept so that every heatmap stays as it was.
        header.titleFont = FigureHeader.fullTitleFont
        header.draw(&scene)
        let g = geometry(headerBottom: header.bottom)
        for (i, (facet, grid)) in zip(facets, g.grids).enumerated() {
            drawCells(&scene, facet: facet, grid: grid, geometry: g)
            drawPanelTitle(&scene, facet.title, grid: grid)
            if i % g.perRow == 0 { drawRowLabels(&scene, grid: grid, labels: g.rowLabels) }
            drawColumnLabels(&scene, grid: grid, labels: g.columnLabels)
        }
        drawAxisTitles(&scene, geometry: g)
        drawColorBar(&scene, geometry: g)
        return scene
    }

    /// 14 px wide, as tall as the grids, 24 px right of them; 4 px ticks and 12 px labels on its right;
    /// its rotated title at the right margin.
    private func drawColorBar(_ scene: inout Scene, geometry g: Geometry) {
        let bar = g.bar, axis = g.axis
        let x1 = bar.maxX
        var y = bar.minY
        while y < bar.maxY {
            let h = min(1, bar.maxY - y)
            let t = (bar.maxY - (y + h / 2)) / bar.height
            scene.add(.fillRect(Rect(x: bar.minX, y: y, width: Self.barWidth, height: h), Palette.viridis(t)))
            y += h
        }
        let tick = ChartLayout.tickFont
        for (v, label) in zip(axis.major, axis.labels) {
            guard let py = axis.pixel(v, from: bar.maxY, to: bar.minY) else { continue }
            let sy = snapRule(py)
            scene.add(.polyline([Point(x1, sy), Point(x1 + 4, sy)], Stroke(color: Palette.axis, width: 1)))
            scene.add(.text(TextRun(string: label, origin: Point(x1 + 7, ChartLayout.centredBaseline(py, font: tick)),
                                    font: tick, color: Palette.tickLabel)))
        }
        let font = FontSpec.book(13)
        let title = ellipsised(heatmap.colorBarTitle, font: font, maxWidth: max(bar.height + 40, 60))
        let w = measurer.measure(title, font: font).width
        scene.add(.text(TextRun(string: title, origin: Point(ChartLayout.rightEdge - 3, bar.midY + w / 2),
                                font: font, color: Palette.axisTitle, rotated: true)))
    }

    /// The column title centred under the facets at baseline 486; the row title rotated at the left margin.
    private func drawAxisTitles(_ scene: inout Scene, geometry g: Geometry) {
        let font = FontSpec.book(13)
        let minX = g.grids.map(\.minX).min() ?? 0, maxX = g.grids.map(\.maxX).max() ?? 0
        if !heatmap.columnTitle.isEmpty {
            let cw = measurer.measure(heatmap.columnTitle, font: font).width
            scene.add(.text(TextRun(string: heatmap.columnTitle, origin: Point((minX + maxX) / 2 - cw / 2, 486),
                                    font: font, color: Palette.axisTitle)))
        }
        if !heatmap.rowTitle.isEmpty {
            let title = ellipsised(heatmap.rowTitle, font: font, maxWidth: max(g.bar.height + 40, 60))
            let rw = measurer.measure(title, font: font).width
            scene.add(.text(TextRun(string: title, origin: Point(ChartLayout.margin + 10, g.bar.midY + rw / 2),
                                    font: font, color: Palette.axisTitle, rotated: true)))
        }
    }
}
