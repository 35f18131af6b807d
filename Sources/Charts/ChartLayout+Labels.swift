/// Gathers every text a chart places near data and runs them through one `LabelPlacer`.
extension ChartLayout {
    /// Places end-mark labels, key points, rule and phase labels and direct labels, in that priority.
    func placeLabels(geometry g: Geometry, mode: LegendMode, inset: ZoomInset?, headerBottom hb: Double) -> LabelPlacer {
        var placer = LabelPlacer(measurer: measurer,
                                 obstacles: labelObstacles(geometry: g, mode: mode, inset: inset, headerBottom: hb),
                                 lines: labelLines(geometry: g), faintLines: g.paths.flatMap { $0.flatMap(\.faintSegments) })
        var requests = endMarkRequests(g)
        if let first = g.frames.first { requests += annotationRequests(frame: first) }
        if case let .direct(labels) = mode { requests += directLabelRequests(labels, geometry: g) }
        placer.place(requests)
        return placer
    }

    /// Lines no label may cross: every series line, and the dashed rules of the first panel.
    func labelLines(geometry g: Geometry) -> [[Point]] {
        var lines = g.paths.flatMap { $0.flatMap(\.segments) }
        if let frame = g.frames.first {
            lines += rules(frame: frame).map { [Point($0.x, frame.rect.minY), Point($0.x, frame.rect.maxY)] }
        }
        return lines
    }

    /// Boxes no label may meet: the header (titles, subtitle, legend row), panel titles, the in-plot legend,
    /// the zoom inset, and the marks drawn at data points (✕, key-point dots, line-end dots, ▲/▼).
    func labelObstacles(geometry g: Geometry, mode: LegendMode, inset: ZoomInset?, headerBottom hb: Double) -> [Rect] {
        var boxes = [Rect(minX: Self.canvas.minX, minY: Self.canvas.minY, maxX: Self.canvas.maxX,
                          maxY: max(hb, g.legendBaseline ?? hb) + 5)]
        for (i, frame) in g.frames.enumerated() where i < chart.panels.count {
            guard let title = chart.panels[i].title, !title.isEmpty else { continue }
            let e = measurer.measure(title, font: .bold(13))
            let baseline = frame.rect.minY - 10
            boxes.append(Rect(minX: frame.rect.minX, minY: baseline - max(e.ascent, 0.729 * 13),
                              maxX: frame.rect.minX + e.width, maxY: baseline + e.descent))
        }
        if case let .inPlot(box) = mode { boxes.append(box) }
        if let inset { boxes.append(inset.backing) }
        boxes += endMarkers(g).map { Rect(x: $0.point.x - 5.5, y: $0.point.y - 5.5, width: 11, height: 11) }
        if let first = g.frames.first {
            boxes += keyPoints(frame: first).map { Rect(x: $0.point.x - 5, y: $0.point.y - 5, width: 10, height: 10) }
        }
        if case let .direct(labels) = mode {
            boxes += labels.map { Rect(x: $0.end.x - 4, y: $0.end.y - 4, width: 8, height: 8) }
        }
        for path in g.paths.joined() {
            boxes += path.edgeMarkers.map { m in
                Rect(x: m.at.x - 4.5, y: m.up ? m.at.y : m.at.y - 7.8, width: 9, height: 7.8)
            }
        }
        return boxes
    }
}
