import Foundation

extension HeatmapLayout {
    /// Row or column labels fitted to their pitch: the texts (ellipsised where needed), the font, upright or
    /// rotated 90° (reading bottom to top), every `stride`-th label drawn, and the room they take beside the
    /// grid, gap included.
    struct AxisLabels {
        var texts: [String]
        var font: FontSpec
        var rotated = false
        var stride = 1
        var extent: Double
    }

    /// Ascent plus descent of a line of `font`.
    func lineHeight(_ font: FontSpec) -> Double {
        let e = measurer.measure("Ag0", font: font)
        return e.ascent + e.descent
    }

    /// `text`, or as much of it as fits in `maxWidth` followed by "…".
    func ellipsised(_ text: String, font: FontSpec, maxWidth: Double) -> String {
        if measurer.measure(text, font: font).width <= maxWidth { return text }
        var chars = Array(text)
        while !chars.isEmpty {
            chars.removeLast()
            while chars.last == " " { chars.removeLast() }
            let s = String(chars) + "…"
            if measurer.measure(s, font: font).width <= maxWidth { return s }
        }
        return "…"
    }

    /// Column labels for cells `pitch` px apart (cell plus gutter): upright at 12 px, else 11 px, else rotated
    /// 90° at 11 px (10 or 9 px, or every n-th label, when even that is too thick), cut with "…" beyond
    /// `maxRotatedLength`.
    func fitColumnLabels(pitch: Double, maxRotatedLength: Double) -> AxisLabels {
        let texts = heatmap.columnLabels
        for size in [12.0, 11] {
            let font = FontSpec.book(size)
            if texts.allSatisfy({ measurer.measure($0, font: font).width <= pitch - 4 }) {
                return AxisLabels(texts: texts, font: font, extent: Self.labelGap + size)
            }
        }
        let font = thinnestFitting(pitch: pitch, sizes: [11, 10, 9])
        let cut = texts.map { ellipsised($0, font: font, maxWidth: maxRotatedLength) }
        let longest = cut.map { measurer.measure($0, font: font).width }.max() ?? 0
        return AxisLabels(texts: cut, font: font, rotated: true, stride: labelStride(font, pitch: pitch, count: texts.count),
                          extent: Self.labelGap + longest)
    }

    /// Row labels for rows `pitch` px apart: 12 px, smaller (down to 9) or every n-th when rows are thin;
    /// wider than `maxRowLabelWidth` they end with "…".
    func fitRowLabels(pitch: Double) -> AxisLabels {
        let font = thinnestFitting(pitch: pitch, sizes: [12, 11, 10, 9])
        let texts = heatmap.rowLabels.map { ellipsised($0, font: font, maxWidth: Self.maxRowLabelWidth) }
        return AxisLabels(texts: texts, font: font, stride: labelStride(font, pitch: pitch, count: texts.count),
                          extent: Self.labelGap + Self.maxRowLabelWidth)
    }

    /// The first of `sizes` whose line (plus 2 px) fits in `pitch`, else the last.
    private func thinnestFitting(pitch: Double, sizes: [Double]) -> FontSpec {
        for size in sizes where lineHeight(.book(size)) + 2 <= pitch { return .book(size) }
        return .book(sizes.last ?? 9)
    }

    /// Draw every n-th label so that lines of `font` never touch.
    private func labelStride(_ font: FontSpec, pitch: Double, count: Int) -> Int {
        let n = ((lineHeight(font) + 2) / max(pitch, 1e-9)).rounded(.up)
        return n.isFinite ? max(1, min(Int(n), max(count, 1))) : 1
    }

    /// Row labels right-aligned 8 px left of `grid`, centred on their rows.
    func drawRowLabels(_ scene: inout Scene, grid: Rect, labels: AxisLabels) {
        let rows = max(rowCount, 1), columns = max(columnCount, 1)
        for (r, label) in labels.texts.enumerated() where r % labels.stride == 0 {
            let cell = cellRect(grid, row: r, column: 0, rows: rows, columns: columns)
            let w = measurer.measure(label, font: labels.font).width
            scene.add(.text(TextRun(string: label, origin: Point(grid.minX - Self.labelGap - w,
                                                                 ChartLayout.centredBaseline(cell.midY, font: labels.font)),
                                    font: labels.font, color: Palette.tickLabel)))
        }
    }

    /// Column labels 8 px under `grid`, centred on their columns; rotated ones end 8 px under the grid.
    func drawColumnLabels(_ scene: inout Scene, grid: Rect, labels: AxisLabels) {
        let rows = max(rowCount, 1), columns = max(columnCount, 1)
        let font = labels.font
        for (c, label) in labels.texts.enumerated() where c % labels.stride == 0 {
            let cell = cellRect(grid, row: 0, column: c, rows: rows, columns: columns)
            let w = measurer.measure(label, font: font).width
            let origin = labels.rotated
                ? Point(ChartLayout.centredBaseline(cell.midX, font: font), grid.maxY + Self.labelGap + w)
                : Point(cell.midX - w / 2, grid.maxY + Self.labelGap + 0.729 * font.size)
            scene.add(.text(TextRun(string: label, origin: origin, font: font, color: Palette.tickLabel,
                                    rotated: labels.rotated)))
        }
    }

    /// A facet's title: 13 px Bold, left-aligned, baseline 10 px above `grid`; 12 or 11 px when too wide,
    /// then cut with "…".
    func drawPanelTitle(_ scene: inout Scene, _ title: String, grid: Rect) {
        guard !title.isEmpty else { return }
        var font = FontSpec.bold(11)
        for size in [13.0, 12] where measurer.measure(title, font: .bold(size)).width <= grid.width {
            font = .bold(size)
            break
        }
        scene.add(.text(TextRun(string: ellipsised(title, font: font, maxWidth: grid.width),
                                origin: Point(grid.minX, grid.minY - 10), font: font, color: Palette.title)))
    }
}
