/// ✕ markers for diverged runs and their "diverged at step N" labels, placed clear of lines and text.
extension ChartLayout {
    static let smallFont = FontSpec.book(11)

    /// Candidate label offsets from the marker, in order (CHARTS.md); a negative dx right-aligns the label.
    static let divergenceOffsets: [(dx: Double, dy: Double)] = [
        (10, 0), (8, -16), (8, 16), (-10, 0), (8, -32), (8, 32), (24, -48), (24, 48), (24, -64), (24, 64),
    ]

    /// The collision box of a label (text extents + 3 px horizontally, 2 px vertically) and its baseline.
    func labelBox(_ text: String, font: FontSpec, left: Double, centreY: Double) -> (box: Rect, baseline: Double) {
        let e = measurer.measure(text, font: font)
        let baseline = Self.centredBaseline(centreY, font: font)
        let box = Rect(minX: left - 3, minY: baseline - max(e.ascent, 0.729 * font.size) - 2,
                       maxX: left + e.width + 3, maxY: baseline + e.descent + 2)
        return (box, baseline)
    }

    func drawDivergence(_ scene: inout Scene, geometry g: Geometry, obstacles initial: [Rect]) {
        var markers: [(Point, Series)] = []
        for (i, panel) in chart.panels.enumerated() where i < g.paths.count {
            for (s, path) in zip(panel.series, g.paths[i]) {
                if let p = path.divergence { markers.append((p, s)) }
            }
        }
        guard !markers.isEmpty else { return }
        var obstacles = initial + markers.map { Rect(x: $0.0.x - 5.5, y: $0.0.y - 5.5, width: 11, height: 11) }
        for (p, s) in markers { addCross(&scene, at: p, color: Palette.color(s.colorIndex), underlay: true) }
        for (p, s) in markers {
            guard let text = s.divergence?.label, !text.isEmpty,
                  let panel = g.frames.first(where: { $0.rect.insetBy(dx: -1, dy: -1).contains(p) }) else { continue }
            let width = measurer.measure(text, font: Self.smallFont).width
            var chosen: (box: Rect, baseline: Double, left: Double, dy: Double)?
            var fallback: (box: Rect, baseline: Double, left: Double, dy: Double)?
            for (dx, dy) in Self.divergenceOffsets {
                let left = dx >= 0 ? p.x + dx : p.x + dx - width
                let (box, baseline) = labelBox(text, font: Self.smallFont, left: left, centreY: p.y + dy)
                let candidate = (box, baseline, left, dy)
                if fallback == nil { fallback = candidate }
                guard box.isInside(panel.rect.insetBy(dx: -3, dy: -2)) else { continue }
                if obstacles.contains(where: { $0.intersects(box) }) { continue }
                if g.samples.contains(where: { box.contains($0) }) { continue }
                chosen = candidate
                break
            }
            guard let place = chosen ?? fallback else { continue }
            obstacles.append(place.box)
            if abs(place.dy) > 20 {
                let target = Point(place.left - 3, p.y + place.dy + (place.dy > 0 ? -4 : 4))
                let dx = target.x - p.x, dy = target.y - p.y
                let len = max((dx * dx + dy * dy).squareRoot(), 1)
                let start = Point(p.x + dx / len * 7, p.y + dy / len * 7)
                scene.add(.polyline([start, target], Stroke(color: Palette.rule, width: 1)))
            }
            scene.add(.text(TextRun(string: text, origin: Point(place.left, place.baseline), font: Self.smallFont,
                                    color: Self.legendText, halo: true)))
        }
    }
}
