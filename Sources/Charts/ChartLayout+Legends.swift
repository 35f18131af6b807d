/// The in-plot legend (first free corner) and the legend row under the subtitle.
extension ChartLayout {
    static let legendFont = FontSpec.book(12)
    static var legendText: RGBA { Palette.axisTitle }  // #333333 in the light theme

    /// Size of the in-plot legend box: 8 px left padding, 20 × 2.5 swatch, 6 px gap, label; rows 20 px apart.
    func inPlotLegendSize() -> (width: Double, height: Double) {
        let labelled = labelledSeries
        let w = labelled.map { measurer.measure($0.label, font: Self.legendFont).width }.max() ?? 0
        return (8 + 20 + 6 + w + 2, 8 + 20 * Double(labelled.count))
    }

    /// The first corner (top-right, top-left, bottom-right, bottom-left) where no line sample falls under the box.
    func freeLegendCorner(in g: Geometry) -> Rect? {
        guard let frame = g.frames.first else { return nil }
        let r = frame.rect
        let (w, h) = inPlotLegendSize()
        guard w < r.width, h < r.height else { return nil }
        let corners = [
            Rect(x: r.maxX - w, y: r.minY, width: w, height: h),
            Rect(x: r.minX + 4, y: r.minY, width: w, height: h),
            Rect(x: r.maxX - w, y: r.maxY - 4 - h, width: w, height: h),
            Rect(x: r.minX + 4, y: r.maxY - 4 - h, width: w, height: h),
        ]
        let keyRects = keyPointLabelZones(frame: frame) + [zoomInsetFootprint(main: frame)].compactMap { $0 }
        return corners.first { box in
            !g.samples.contains(where: { box.contains($0) }) && !keyRects.contains(where: { $0.intersects(box) })
        }
    }

    /// Where the zoom inset will go, with its tick labels and title (as `drawZoomInset` backs it), or nil.
    func zoomInsetFootprint(main frame: PlotFrame) -> Rect? {
        guard let (_, to, _) = narrowPhase(in: frame), let inset = insetFrame(main: frame, phaseEnd: to) else { return nil }
        let r = inset.rect
        let tickW = inset.y.labels.map { measurer.measure($0, font: Self.insetFont).width }.max() ?? 0
        return Rect(minX: r.minX - 8 - tickW - 6, minY: r.minY - 30, maxX: frame.rect.maxX, maxY: r.maxY + 26)
    }

    /// Opaque white backing, then a swatch and a label per series.
    func drawInPlotLegend(_ scene: inout Scene, box: Rect) {
        scene.add(.fillRect(box, Palette.white))
        for (i, s) in labelledSeries.enumerated() {
            let cy = box.minY + 4 + 10 + 20 * Double(i)
            let x = box.minX + 8
            let tag = legendTag(s)
            scene.add(.polyline([Point(x, cy), Point(x + 20, cy)],
                                Stroke(color: s.lineColor, width: 2.5, dash: s.strokeDash, cap: s.swatchCap)),
                      role: .legendSwatch(tag))
            scene.add(.text(TextRun(string: s.label, origin: Point(x + 26, Self.centredBaseline(cy, font: Self.legendFont)),
                                    font: Self.legendFont, color: Self.legendText)), role: .legendLabel(tag))
        }
    }

    /// Draws the legend row: Bold title, swatch + label entries and the "✕ `endMarkKey`" key, on as many rows as
    /// `legendRowLayout()` needs; row `r` has its baseline at `baseline` + 18 r.
    func drawLegendRow(_ scene: inout Scene, baseline: Double) {
        for item in legendRowLayout() {
            let y = baseline + Self.legendRowPitch * Double(item.row)
            let cy = y - 0.3645 * 12
            switch item.kind {
            case let .title(title):
                scene.add(.text(TextRun(string: title, origin: Point(item.x, y), font: .bold(12), color: Self.legendText)))
            case let .entry(s, text):
                scene.add(.polyline([Point(item.x, cy), Point(item.x + 20, cy)],
                                    Stroke(color: s.lineColor, width: 2.5, dash: s.strokeDash, cap: s.swatchCap)),
                          role: .legendSwatch(legendTag(s)))
                scene.add(.text(TextRun(string: text, origin: Point(item.x + 26, y), font: Self.legendFont,
                                        color: Self.legendText)), role: .legendLabel(legendTag(s)))
            case let .endMarkKey(text):
                addCross(&scene, at: Point(item.x + 4.5, cy), color: Self.legendText, underlay: false)
                scene.add(.text(TextRun(string: text, origin: Point(item.x + 9 + 6, y), font: Self.legendFont,
                                        color: Self.legendText)))
            }
        }
    }

    /// The checker's tag of a legend entry: labelled series are one series across panels.
    func legendTag(_ s: Series) -> SeriesTag { SeriesTag(label: s.label, colorIndex: s.colorIndex, panel: 0, index: 0) }

    /// The ✕: 9 px across, 2 px stroke, optionally over a white ✕ 11 px across with a 5 px stroke.
    func addCross(_ scene: inout Scene, at p: Point, color: RGBA, underlay: Bool) {
        if underlay {
            let u = 5.5
            let white = Stroke(color: Palette.white, width: 5, cap: .round)
            scene.add(.polyline([Point(p.x - u, p.y - u), Point(p.x + u, p.y + u)], white))
            scene.add(.polyline([Point(p.x - u, p.y + u), Point(p.x + u, p.y - u)], white))
        }
        let h = 4.5
        let stroke = Stroke(color: color, width: 2)
        scene.add(.polyline([Point(p.x - h, p.y - h), Point(p.x + h, p.y + h)], stroke))
        scene.add(.polyline([Point(p.x - h, p.y + h), Point(p.x + h, p.y - h)], stroke))
    }
}
