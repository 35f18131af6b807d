import Formatting
/// Turns a `Heatmap` into a scene (CHARTS.md "Heatmap").
struct HeatmapLayout {
    let heatmap: Heatmap
    let measurer: TextMeasurer

    static let gutter = 2.0
    static let barWidth = 14.0

    /// The colour domain: finite values extended outward to whole colour-bar ticks, clamped at 100 %.
    func colorAxis(length: Double) -> ResolvedAxis {
        let values = heatmap.cells.flatMap { $0 }.compactMap { c -> Double? in
            if case let .value(v) = c, v.isFinite { return v }
            return nil
        }
        let maxCount = NiceTicks.maxCount(length: length, vertical: false)
        var lo = values.min() ?? 0, hi = values.max() ?? 1
        if hi <= lo { (lo, hi) = (lo - 0.05, hi + 0.05) }
        var domain = NiceTicks.niceDomain(lo: lo, hi: hi, maxCount: maxCount)
        if values.allSatisfy({ $0 <= 1 }), domain.upperBound > 1, domain.lowerBound < 1 {
            domain = domain.lowerBound...1
        }
        return ResolvedAxis.resolve(Axis(title: "", format: .percent, domain: domain), values: [], length: length,
                                    vertical: false, maxCount: maxCount)
    }

    func scene() -> Scene {
        var scene = Scene()
        scene.add(.fillRect(ChartLayout.canvas, Palette.background))
        let header = ChartLayout(chart: Chart(title: heatmap.title, subtitle: heatmap.subtitle,
                                              xAxis: Axis(title: ""), yAxis: Axis(title: ""), panels: []),
                                 measurer: measurer)
        let titles = header.titleLines, subtitles = header.subtitleLines
        header.drawHeader(&scene, titles: titles, subtitles: subtitles)
        let top = snapRule(header.headerBottom(titles: titles.count, subtitles: subtitles.count) + 22)
        let bottom = ChartLayout.plotBottom
        let tick = ChartLayout.tickFont
        let axis = colorAxis(length: bottom - top)
        let barLabelW = axis.labels.map { measurer.measure($0, font: tick).width }.max() ?? 0
        let rowLabelW = heatmap.rowLabels.map { measurer.measure($0, font: tick).width }.max() ?? 0
        let left = snapRule(ChartLayout.margin + 15 + 10 + rowLabelW + 8)
        let right = snapRule(ChartLayout.rightEdge - (24 + Self.barWidth + 7 + barLabelW + 15 + 13))
        let grid = Rect(minX: left, minY: top, maxX: right, maxY: bottom)
        drawCells(&scene, grid: grid, axis: axis)
        drawLabels(&scene, grid: grid)
        drawColorBar(&scene, grid: grid, axis: axis)
        return scene
    }

    private func cellRect(_ grid: Rect, row: Int, column: Int, rows: Int, columns: Int) -> Rect {
        let w = (grid.width - Self.gutter * Double(columns - 1)) / Double(columns)
        let h = (grid.height - Self.gutter * Double(rows - 1)) / Double(rows)
        return Rect(x: grid.minX + Double(column) * (w + Self.gutter), y: grid.minY + Double(row) * (h + Self.gutter),
                    width: w, height: h)
    }

    private func centred(_ scene: inout Scene, _ text: String, font: FontSpec, cx: Double, cy: Double, color: RGBA) {
        let w = measurer.measure(text, font: font).width
        scene.add(.text(TextRun(string: text, origin: Point(cx - w / 2, ChartLayout.centredBaseline(cy, font: font)),
                                font: font, color: color)))
    }

    private func drawCells(_ scene: inout Scene, grid: Rect, axis: ResolvedAxis) {
        let rows = max(heatmap.rowLabels.count, heatmap.cells.count)
        let columns = max(heatmap.columnLabels.count, heatmap.cells.map(\.count).max() ?? 0)
        guard rows > 0, columns > 0 else { return }
        let best = heatmap.bestValue
        let dark = Palette.title, grey = Palette.subtitle
        for r in 0..<rows {
            for c in 0..<columns {
                let cell = cellRect(grid, row: r, column: c, rows: rows, columns: columns)
                switch heatmap.cell(r, c) {
                case let .value(v) where v.isFinite:
                    let t = (v - axis.lo) / max(axis.hi - axis.lo, 1e-12)
                    let fill = Palette.viridis(t)
                    scene.add(.fillRect(cell, fill))
                    let text = fill.contrast(with: Palette.white) >= fill.contrast(with: dark) ? Palette.white : dark
                    let isBest = best.map { abs($0 - v) <= 1e-12 } ?? false
                    centred(&scene, NumberText.percent(v), font: FontSpec(size: 15, bold: isBest),
                            cx: cell.midX, cy: cell.midY, color: text)
                    if isBest {
                        let o = cell.insetBy(dx: 1.5, dy: 1.5)
                        scene.add(.polyline([Point(o.minX, o.minY), Point(o.maxX, o.minY), Point(o.maxX, o.maxY),
                                             Point(o.minX, o.maxY), Point(o.minX, o.minY - 1.5)],
                                            Stroke(color: dark, width: 3)))
                        centred(&scene, "best", font: .book(11), cx: cell.midX, cy: cell.midY + 18.5, color: text)
                    }
                case let .diverged(step):
                    drawHatched(&scene, cell)
                    centred(&scene, "diverged", font: .book(13), cx: cell.midX, cy: cell.midY - 7, color: grey)
                    centred(&scene, "at step " + NumberText.count(step), font: .book(11), cx: cell.midX,
                            cy: cell.midY + 11, color: grey)
                default:
                    scene.add(.fillRect(cell, Palette.phase))
                    centred(&scene, "—", font: .book(13), cx: cell.midX, cy: cell.midY, color: grey)
                }
            }
        }
    }

    /// `#F2F2F2` with 45° hatch lines, 1 px `#D0D0D0`, 8 px apart.
    private func drawHatched(_ scene: inout Scene, _ cell: Rect) {
        scene.add(.fillRect(cell, Palette.phase))
        scene.add(.pushClip(cell))
        let step = 8 * 2.0.squareRoot()
        var x = cell.minX - cell.height
        while x < cell.maxX {
            scene.add(.polyline([Point(x, cell.maxY), Point(x + cell.height, cell.minY)],
                                Stroke(color: Palette.hatch, width: 1)))
            x += step
        }
        scene.add(.popClip)
    }

    private func drawLabels(_ scene: inout Scene, grid: Rect) {
        let rows = max(heatmap.rowLabels.count, heatmap.cells.count)
        let columns = max(heatmap.columnLabels.count, heatmap.cells.map(\.count).max() ?? 0)
        let tick = ChartLayout.tickFont
        for (r, label) in heatmap.rowLabels.enumerated() where rows > 0 && columns > 0 {
            let cell = cellRect(grid, row: r, column: 0, rows: rows, columns: columns)
            let w = measurer.measure(label, font: tick).width
            scene.add(.text(TextRun(string: label, origin: Point(grid.minX - 8 - w, ChartLayout.centredBaseline(cell.midY, font: tick)),
                                    font: tick, color: Palette.tickLabel)))
        }
        for (c, label) in heatmap.columnLabels.enumerated() where rows > 0 && columns > 0 {
            let cell = cellRect(grid, row: 0, column: c, rows: rows, columns: columns)
            let w = measurer.measure(label, font: tick).width
            scene.add(.text(TextRun(string: label, origin: Point(cell.midX - w / 2, grid.maxY + 8 + 0.729 * tick.size),
                                    font: tick, color: Palette.tickLabel)))
        }
        let font = FontSpec.book(13)
        let cw = measurer.measure(heatmap.columnTitle, font: font).width
        scene.add(.text(TextRun(string: heatmap.columnTitle, origin: Point(grid.midX - cw / 2, 486), font: font,
                                color: Palette.axisTitle)))
        let rw = measurer.measure(heatmap.rowTitle, font: font).width
        scene.add(.text(TextRun(string: heatmap.rowTitle, origin: Point(ChartLayout.margin + 10, grid.midY + rw / 2),
                                font: font, color: Palette.axisTitle, rotated: true)))
    }

    /// 14 px wide, as tall as the grid, 24 px right of it; 4 px ticks and 12 px labels on its right;
    /// its rotated title at the right margin.
    private func drawColorBar(_ scene: inout Scene, grid: Rect, axis: ResolvedAxis) {
        let x0 = snapRule(grid.maxX + 24), x1 = x0 + Self.barWidth
        var y = grid.minY
        while y < grid.maxY {
            let h = min(1, grid.maxY - y)
            let t = (grid.maxY - (y + h / 2)) / grid.height
            scene.add(.fillRect(Rect(x: x0, y: y, width: Self.barWidth, height: h), Palette.viridis(t)))
            y += h
        }
        let tick = ChartLayout.tickFont
        for (v, label) in zip(axis.major, axis.labels) {
            guard let py = axis.pixel(v, from: grid.maxY, to: grid.minY) else { continue }
            let sy = snapRule(py)
            scene.add(.polyline([Point(x1, sy), Point(x1 + 4, sy)], Stroke(color: Palette.axis, width: 1)))
            scene.add(.text(TextRun(string: label, origin: Point(x1 + 7, ChartLayout.centredBaseline(py, font: tick)),
                                    font: tick, color: Palette.tickLabel)))
        }
        let font = FontSpec.book(13)
        let w = measurer.measure(heatmap.colorBarTitle, font: font).width
        scene.add(.text(TextRun(string: heatmap.colorBarTitle, origin: Point(ChartLayout.rightEdge - 3, grid.midY + w / 2),
                                font: font, color: Palette.axisTitle, rotated: true)))
    }
}
