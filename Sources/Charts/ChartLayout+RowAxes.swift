/// A y axis per row of panels (`Chart.rowYAxes`): each row's domain and ticks come from its own panels, and its
/// title is centred on the row.
extension ChartLayout {
    /// The y axis of row `row`: `rowYAxes[row]` when the chart gives one, else `yAxis`.
    func yAxis(row: Int) -> Axis {
        row >= 0 && row < chart.rowYAxes.count ? chart.rowYAxes[row] : chart.yAxis
    }

    /// The resolved y axis of every row of panels for panels `height` px tall: one shared axis (repeated) when
    /// the chart has no row axes, else one per row from that row's series (annotations count in the first row).
    func resolvedYAxes(height: Double) -> [ResolvedAxis] {
        let rows = grid.rows
        guard !chart.rowYAxes.isEmpty else {
            let values = chart.panels.flatMap { $0.series.flatMap(Self.domainYs) } + annotationYs
            let axis = ResolvedAxis.resolve(chart.yAxis, values: values, length: height, vertical: true)
            return Array(repeating: axis, count: rows)
        }
        return (0..<rows).map { r in
            let values = chart.panels.enumerated().filter { grid.row($0.offset) == r }
                .flatMap { $0.element.series.flatMap(Self.domainYs) } + (r == 0 ? annotationYs : [])
            return ResolvedAxis.resolve(yAxis(row: r), values: values, length: height, vertical: true)
        }
    }

    /// Each row's y title, rotated and centred on its row of `frames` (in panel order), at the left margin; a
    /// title taller than its row ends with "…".
    func drawRowYTitles(_ scene: inout Scene, frames: [PlotFrame]) {
        let font = FontSpec.book(13)
        for r in 0..<grid.rows {
            let title = yAxis(row: r).title
            let rowFrames = frames.enumerated().filter { grid.row($0.offset) == r }.map(\.element.rect)
            guard !title.isEmpty, let top = rowFrames.map(\.minY).min(), let bottom = rowFrames.map(\.maxY).max() else { continue }
            let text = TextWrap.truncated(title, font: font, maxWidth: bottom - top, measurer: measurer)
            let w = measurer.measure(text, font: font).width
            let cy = (top + bottom) / 2
            scene.add(.text(TextRun(string: text, origin: Point(Self.margin + 10, cy + w / 2),
                                    font: font, color: Palette.axisTitle, rotated: true)))
        }
    }
}
