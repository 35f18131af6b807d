/// Schedule-chart annotations: phase labels, rule labels and key points with their labels.
extension ChartLayout {
    static let annotationFont = FontSpec.book(12)

    /// Rough zones around key points, kept free of the in-plot legend.
    func keyPointLabelZones(frame: PlotFrame) -> [Rect] {
        chart.annotations.compactMap { a in
            guard case let .keyPoint(x, y, _) = a, let px = frame.px(x), let py = frame.py(y) else { return nil }
            return Rect(x: px - 8, y: py - 8, width: 16, height: 16)
        }
    }

    func drawAnnotations(_ scene: inout Scene, frame: PlotFrame, geometry g: Geometry, obstacles: inout [Rect]) {
        let r = frame.rect
        let font = Self.annotationFont
        let color = Palette.color(chart.panels.first?.series.first?.colorIndex ?? 0)
        for a in chart.annotations {
            switch a {
            case let .phase(from, to, label):
                guard !label.isEmpty, let a = frame.px(from), let b = frame.px(to) else { continue }
                let lo = max(min(a, b), r.minX), hi = min(max(a, b), r.maxX)
                let w = measurer.measure(label, font: font).width
                guard hi - lo >= w + 8 else { continue }
                let (box, baseline) = labelBox(label, font: font, left: lo + 4, centreY: r.minY + 10)
                obstacles.append(box)
                scene.add(.text(TextRun(string: label, origin: Point(lo + 4, baseline), font: font,
                                        color: Self.legendText)))
            case let .rule(x, label):
                guard !label.isEmpty, let px = frame.px(x), px >= r.minX, px <= r.maxX else { continue }
                let w = measurer.measure(label, font: font).width
                let left = px + 6 + w <= r.maxX ? px + 6 : px - 6 - w
                let baseline = r.maxY - 12
                let (box, _) = labelBox(label, font: font, left: left, centreY: baseline - 0.3645 * font.size)
                obstacles.append(box)
                let touches = g.samples.contains { box.contains($0) }
                scene.add(.text(TextRun(string: label, origin: Point(left, baseline), font: font,
                                        color: Self.legendText, halo: touches)))
            case let .keyPoint(x, y, label):
                guard let px = frame.px(x), let py = frame.py(y) else { continue }
                let p = Point(min(max(px, r.minX), r.maxX), min(max(py, r.minY), r.maxY))
                scene.add(.circle(center: p, radius: 5, Palette.white))
                scene.add(.circle(center: p, radius: 3.5, nearestSeriesColor(to: Point(px, py), frame: frame) ?? color))
                guard !label.isEmpty else { continue }
                placeKeyPointLabel(&scene, label, at: p, frame: frame, geometry: g, obstacles: &obstacles)
            }
        }
    }

    /// The colour of the series whose line passes closest to `p` (pixels), so a key point on
    /// one of several lines takes that line's colour.
    private func nearestSeriesColor(to p: Point, frame: PlotFrame) -> RGBA? {
        var best: (distance: Double, colorIndex: Int)?
        for series in chart.panels.first?.series ?? [] {
            for point in series.points {
                guard let x = frame.px(point.x), let y = frame.py(point.y) else { continue }
                let d = (x - p.x) * (x - p.x) + (y - p.y) * (y - p.y)
                if d < (best?.distance ?? .infinity) { best = (d, series.colorIndex) }
            }
        }
        return best.map { Palette.color($0.colorIndex) }
    }

    /// Above-right of the dot; right-aligned when it would leave the plot; lifted with a vertical
    /// leader while the curve runs under it.
    private func placeKeyPointLabel(_ scene: inout Scene, _ label: String, at p: Point, frame: PlotFrame,
                                    geometry g: Geometry, obstacles: inout [Rect]) {
        let font = Self.annotationFont
        let w = measurer.measure(label, font: font).width
        let left = p.x + 10 + w <= frame.rect.maxX + 6 ? p.x + 10 : p.x + 4 - w
        let near = g.samples.filter { abs($0.x - p.x) < w + 30 }
        var lift = 0.0
        var chosen = labelBox(label, font: font, left: left, centreY: p.y - 9 - 0.3645 * font.size)
        while lift <= 80 {
            let candidate = labelBox(label, font: font, left: left, centreY: p.y - 9 - lift - 0.3645 * font.size)
            chosen = candidate
            let clear = !near.contains { candidate.box.contains($0) } && !obstacles.contains { $0.intersects(candidate.box) }
            if clear { break }
            lift += 4
        }
        if lift > 0 {
            scene.add(.polyline([Point(snapRule(p.x), chosen.box.maxY + 1), Point(snapRule(p.x), p.y - 6)],
                                Stroke(color: Palette.rule, width: 1)))
        }
        obstacles.append(chosen.box)
        // Still over a line after lifting (several key points crowd together): a white halo keeps it legible.
        let touches = near.contains { chosen.box.contains($0) }
        scene.add(.text(TextRun(string: label, origin: Point(left, chosen.baseline), font: font, color: Self.legendText,
                                halo: touches)))
    }
}
