/// Drawing of one plot area: phase shading, gridlines, lines, axes, ticks and edge markers.
extension ChartLayout {
    /// Phase shading (behind the grid) and gridlines at major y ticks.
    func drawPanelBack(_ scene: inout Scene, frame: PlotFrame, annotated: Bool) {
        let r = frame.rect
        if annotated {
            for case let .phase(from, to, _) in chart.annotations {
                guard let a = frame.px(from), let b = frame.px(to) else { continue }
                let lo = max(min(a, b), r.minX), hi = min(max(a, b), r.maxX)
                if hi > lo { scene.add(.fillRect(Rect(minX: lo, minY: r.minY, maxX: hi, maxY: r.maxY), Palette.phase)) }
            }
        }
        for v in frame.y.major {
            guard let y = frame.py(v), y >= r.minY - 0.01, y <= r.maxY + 0.01 else { continue }
            let sy = snapRule(y)
            scene.add(.polyline([Point(r.minX, sy), Point(r.maxX, sy)], Stroke(color: Palette.grid, width: 1)))
        }
        if annotated {
            for case let .rule(x, _) in chart.annotations {
                guard let px = frame.px(x), px >= r.minX, px <= r.maxX else { continue }
                let sx = snapRule(px)
                scene.add(.polyline([Point(sx, r.minY), Point(sx, r.maxY)],
                                    Stroke(color: Palette.rule, width: 1, dash: [4, 3])))
            }
        }
    }

    /// Bands (clipped to the plot area), then faint raw series, then the 2 px lines, clipped to the plot area
    /// (with 2 px to spare at the edges).
    /// `panel` is the panel's index in the chart, recorded on the lines for the layout checker.
    func drawLines(_ scene: inout Scene, series: [Series], paths: [SeriesPath], frame: PlotFrame, panel: Int = 0) {
        drawBands(&scene, series: series, paths: paths, frame: frame)
        scene.add(.pushClip(frame.rect.insetBy(dx: -2, dy: -2)))
        func tag(_ i: Int, _ s: Series) -> SeriesTag {
            SeriesTag(label: s.label, colorIndex: s.colorIndex, panel: panel, index: i)
        }
        for (i, (s, path)) in zip(series, paths).enumerated() {
            let stroke = Stroke(color: s.lineColor.withAlpha(0.28), width: 1, cap: .round)
            for seg in path.faintSegments where !seg.isEmpty {
                scene.add(.polyline(seg.count == 1 ? [seg[0], seg[0]] : seg, stroke), role: .faintLine(tag(i, s)))
            }
        }
        for (i, (s, path)) in zip(series, paths).enumerated() {
            let stroke = Stroke(color: s.lineColor, width: s.lineWidth, dash: s.strokeDash, cap: .round)
            for seg in path.segments where !seg.isEmpty {
                scene.add(.polyline(seg.count == 1 ? [seg[0], seg[0]] : seg, stroke), role: .dataLine(tag(i, s)))
            }
        }
        scene.add(.popClip)
    }

    /// Left and bottom axis lines, outward ticks (4 px, minor 2 px) and tick labels.
    func drawAxes(_ scene: inout Scene, frame: PlotFrame, yLabels: Bool, tickFont: FontSpec) {
        let r = frame.rect
        let axisStroke = Stroke(color: Palette.axis, width: 1)
        let left = snapRule(r.minX), bottom = snapRule(r.maxY)
        scene.add(.polyline([Point(left, r.minY), Point(left, bottom)], axisStroke))
        scene.add(.polyline([Point(left, bottom), Point(r.maxX, bottom)], axisStroke))
        let capHeight = 0.729 * tickFont.size
        for (v, label) in zip(frame.x.major, frame.x.labels) {
            guard let x = frame.px(v), x >= r.minX - 0.01, x <= r.maxX + 0.01 else { continue }
            let sx = snapRule(x)
            scene.add(.polyline([Point(sx, bottom), Point(sx, bottom + 4)], axisStroke))
            let w = measurer.measure(label, font: tickFont).width
            // Centred on its tick, but never past the canvas's right edge (a wide last label, "0.0200").
            scene.add(.text(TextRun(string: label, origin: Point(min(x - w / 2, Self.canvas.maxX - 2 - w), bottom + 8 + capHeight),
                                    font: tickFont, color: Palette.tickLabel)))
        }
        for v in frame.x.minor {
            guard let x = frame.px(v), x >= r.minX - 0.01, x <= r.maxX + 0.01 else { continue }
            scene.add(.polyline([Point(snapRule(x), bottom), Point(snapRule(x), bottom + 2)], axisStroke))
        }
        for (v, label) in zip(frame.y.major, frame.y.labels) {
            guard let y = frame.py(v), y >= r.minY - 0.01, y <= r.maxY + 0.01 else { continue }
            let sy = snapRule(y)
            scene.add(.polyline([Point(left - 4, sy), Point(left, sy)], axisStroke))
            guard yLabels else { continue }
            let w = measurer.measure(label, font: tickFont).width
            scene.add(.text(TextRun(string: label, origin: Point(left - 8 - w, Self.centredBaseline(y, font: tickFont)),
                                    font: tickFont, color: Palette.tickLabel)))
        }
        for v in frame.y.minor {
            guard let y = frame.py(v), y >= r.minY - 0.01, y <= r.maxY + 0.01 else { continue }
            scene.add(.polyline([Point(left - 2, snapRule(y)), Point(left, snapRule(y))], axisStroke))
        }
    }

    /// 9 px ▲ on the top edge for non-finite or too-large values, ▼ on the bottom edge for too-small ones.
    func drawEdgeMarkers(_ scene: inout Scene, series: [Series], paths: [SeriesPath]) {
        for (s, path) in zip(series, paths) {
            let color = s.lineColor
            for m in path.edgeMarkers {
                let p = m.at
                let h = 7.8
                let tri = m.up
                    ? [Point(p.x, p.y), Point(p.x - 4.5, p.y + h), Point(p.x + 4.5, p.y + h)]
                    : [Point(p.x, p.y), Point(p.x - 4.5, p.y - h), Point(p.x + 4.5, p.y - h)]
                scene.add(.polygon(tri, color))
            }
        }
    }
}
