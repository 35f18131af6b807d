import Formatting

extension HeatmapLayout {
    /// Cell value sizes tried, largest first; below 9 px the value is dropped and only the colour stays.
    static let valueSizes: [Double] = [15, 14, 13, 12, 11, 10, 9]
    /// Text keeps this far from a cell's edges (the best outline is 3 px inside the cell).
    static let cellPadding = 4.0
    static let smallFont = FontSpec.book(11)

    /// A cell's value as printed: a percentage with one decimal.
    static func valueText(_ v: Double) -> String { NumberText.percent(v) }

    /// The largest value font (15 → 9 px) at which every value, in Bold, fits a cell of this size; nil when
    /// even 9 px does not fit.
    func valueFont(cell: Rect) -> FontSpec? {
        let texts = Set(finiteValues.map(Self.valueText))
        let room = cell.insetBy(dx: Self.cellPadding, dy: Self.cellPadding)
        for size in Self.valueSizes {
            let bold = FontSpec.bold(size)
            let fits = texts.allSatisfy { text in
                let e = measurer.measure(text, font: bold)
                return e.width <= room.width && e.ascent + e.descent <= room.height
            }
            if fits { return .book(size) }
        }
        return nil
    }

    /// Every cell of one facet: colour and value, best outline, hatched cells with their lines, empty missing cells.
    func drawCells(_ scene: inout Scene, facet: HeatmapFacet, grid: Rect, geometry g: Geometry) {
        let rows = rowCount, columns = columnCount
        guard rows > 0, columns > 0 else { return }
        let dark = Palette.title, grey = Palette.subtitle
        for r in 0..<rows {
            for c in 0..<columns {
                let cell = cellRect(grid, row: r, column: c, rows: rows, columns: columns)
                switch facet.cell(r, c) {
                case let .value(v, best, detail) where v.isFinite:
                    let fill = Palette.viridis(colorPosition(v, axis: g.axis))
                    scene.add(.fillRect(cell, fill))
                    let ink = fill.contrast(with: Palette.white) >= fill.contrast(with: dark) ? Palette.white : dark
                    if best {
                        let o = cell.insetBy(dx: 1.5, dy: 1.5)
                        scene.add(.polyline([Point(o.minX, o.minY), Point(o.maxX, o.minY), Point(o.maxX, o.maxY),
                                             Point(o.minX, o.maxY), Point(o.minX, o.minY - 1.5)],
                                            Stroke(color: dark, width: 3)))
                    }
                    if let font = g.valueFont {
                        drawStack(&scene, main: Self.valueText(v), font: FontSpec(size: font.size, bold: best),
                                  extras: [detail, best ? "best" : nil].compactMap { $0 }, cell: cell, color: ink,
                                  keepCentred: true)
                    }
                case let .hatched(label, detail):
                    drawHatched(&scene, cell)
                    if let font = shrunk(label, from: 13, cell: cell) {
                        drawStack(&scene, main: label, font: font, extras: [detail].compactMap { $0 },
                                  cell: cell, color: grey, keepCentred: false)
                    }
                default:
                    scene.add(.fillRect(cell, Palette.phase))
                    if let font = shrunk("—", from: 13, cell: cell) {
                        drawStack(&scene, main: "—", font: font, extras: [], cell: cell, color: grey, keepCentred: true)
                    }
                }
            }
        }
    }

    /// The largest Book size from `size` down to 9 px at which `text` fits inside `cell`'s padding.
    private func shrunk(_ text: String, from size: Double, cell: Rect) -> FontSpec? {
        let room = cell.insetBy(dx: Self.cellPadding, dy: Self.cellPadding)
        for s in stride(from: size, through: 9, by: -1) {
            let e = measurer.measure(text, font: .book(s))
            if e.width <= room.width, e.ascent + e.descent <= room.height { return .book(s) }
        }
        return nil
    }

    /// Draws `main` centred in `cell` and as many `extras` (11 px, or the main size when smaller, in order)
    /// under it as fit with 3 px to spare above and below. With
    /// `keepCentred` the main line stays on the cell's centre while the lines under it fit; otherwise (or when
    /// they do not) the whole stack is centred.
    private func drawStack(_ scene: inout Scene, main: String, font: FontSpec, extras: [String], cell: Rect,
                           color: RGBA, keepCentred: Bool) {
        let inner = cell.insetBy(dx: Self.cellPadding, dy: Self.cellPadding)
        let small = FontSpec.book(min(Self.smallFont.size, font.size))
        let half = 0.3645 * font.size
        let firstGap = 0.3645 * (font.size + small.size) + 4 + font.size / 3
        let lineStep = small.size * 13 / 11
        var shown = extras
        while !shown.isEmpty {
            let below = firstGap + lineStep * Double(shown.count - 1) + 0.3645 * small.size + 0.24 * small.size
            let wide = shown.contains { measurer.measure($0, font: small).width > inner.width }
            if !wide, half + below <= inner.height - 6 { break }
            shown.removeLast()
        }
        var centre = cell.midY
        if !shown.isEmpty {
            let below = firstGap + lineStep * Double(shown.count - 1) + 0.3645 * small.size + 0.24 * small.size
            if !keepCentred || centre + below > inner.maxY { centre = cell.midY - (below - half) / 2 }
        }
        centred(&scene, main, font: font, cx: cell.midX, cy: centre, color: color)
        for (i, line) in shown.enumerated() {
            centred(&scene, line, font: small, cx: cell.midX, cy: centre + firstGap + lineStep * Double(i), color: color)
        }
    }

    private func centred(_ scene: inout Scene, _ text: String, font: FontSpec, cx: Double, cy: Double, color: RGBA) {
        let w = measurer.measure(text, font: font).width
        scene.add(.text(TextRun(string: text, origin: Point(cx - w / 2, ChartLayout.centredBaseline(cy, font: font)),
                                font: font, color: color)))
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
}
