/// Schedule-chart annotations: key points, rule labels and phase labels, all set by the label placer.
extension ChartLayout {
    static let annotationFont = FontSpec.book(12)
    /// Key point labels: right 10, diagonals 8 across and 14 up or down, then further out with a leader.
    static let keyPointOffsets = LabelRing.Offsets(side: 10, diagonal: 8, vertical: 14)
    /// Rule labels stack upward from 12 px above the plot's bottom, this far apart.
    static let ruleLevelGap = 16.0

    /// A key point's dot (clamped into the plot), its colour and its label.
    struct KeyPoint {
        var point: Point
        var color: RGBA
        var label: String
    }

    /// Rough zones around key points, kept free of the in-plot legend.
    func keyPointLabelZones(frame: PlotFrame) -> [Rect] {
        chart.annotations.compactMap { a in
            guard case let .keyPoint(x, y, _) = a, let px = frame.px(x), let py = frame.py(y) else { return nil }
            return Rect(x: px - 8, y: py - 8, width: 16, height: 16)
        }
    }

    func keyPoints(frame: PlotFrame) -> [KeyPoint] {
        let r = frame.rect
        let fallback = Palette.color(chart.panels.first?.series.first?.colorIndex ?? 0)
        return chart.annotations.compactMap { a in
            guard case let .keyPoint(x, y, label) = a, let px = frame.px(x), let py = frame.py(y) else { return nil }
            let p = Point(min(max(px, r.minX), r.maxX), min(max(py, r.minY), r.maxY))
            return KeyPoint(point: p, color: nearestSeriesColor(to: Point(px, py), frame: frame) ?? fallback, label: label)
        }
    }

    /// Pixel x of each rule inside the plot, with its label.
    func rules(frame: PlotFrame) -> [(x: Double, label: String)] {
        let r = frame.rect
        return chart.annotations.compactMap { a in
            guard case let .rule(x, label) = a, let px = frame.px(x), px >= r.minX, px <= r.maxX else { return nil }
            return (snapRule(px), label)
        }
    }

    /// A 7 px dot in the series colour with a 1.5 px white ring at each key point.
    func drawKeyPointDots(_ scene: inout Scene, frame: PlotFrame) {
        for k in keyPoints(frame: frame) {
            scene.add(.circle(center: k.point, radius: 5, Palette.white))
            scene.add(.circle(center: k.point, radius: 3.5, k.color))
        }
    }

    /// Label requests of the first panel's annotations: key points (placed with the ✕ labels, first),
    /// then rule labels, then phase labels (dropped when they fit nowhere: the shading and the inset explain them).
    func annotationRequests(frame: PlotFrame) -> [LabelRequest] {
        let font = Self.annotationFont, r = frame.rect, region = labelRegion(r)
        func parts(_ s: String) -> [LabelPart] { [LabelPart(string: s, font: font, color: Self.legendText)] }
        var requests: [LabelRequest] = []
        for k in keyPoints(frame: frame) where !k.label.isEmpty {
            requests.append(LabelRequest(parts: parts(k.label), anchor: k.point, anchorRadius: 5, region: region,
                                         priority: .mark,
                                         candidates: LabelRing.candidates(around: k.point, offsets: Self.keyPointOffsets, rings: 5),
                                         fallback: .note(k.label)))
        }
        for rule in rules(frame: frame) where !rule.label.isEmpty {
            let plain = rule.label.hasPrefix("← ") ? String(rule.label.dropFirst(2)) : rule.label
            let flipped = rule.label.hasPrefix("← ") ? plain + " →" : rule.label
            // The lowest level keeps docs/charts.md's baseline 12 px above the plot's bottom.
            let bottom = r.maxY - 12 - 0.3645 * font.size
            var candidates: [LabelCandidate] = []
            for (level, left) in Self.ruleLevelOrder {
                let cy = bottom - Double(level) * Self.ruleLevelGap
                candidates.append(left ? LabelCandidate(x: rule.x - 6, fraction: LabelCandidate.right, centreY: cy, parts: parts(flipped))
                                       : LabelCandidate(x: rule.x + 6, fraction: LabelCandidate.left, centreY: cy))
            }
            requests.append(LabelRequest(parts: parts(rule.label), anchor: Point(rule.x, bottom), anchorRadius: 0,
                                         region: region, priority: .rule, candidates: candidates, fallback: .note(plain)))
        }
        for case let .phase(from, to, label) in chart.annotations where !label.isEmpty {
            guard let a = frame.px(from), let b = frame.px(to) else { continue }
            let lo = max(min(a, b), r.minX), hi = min(max(a, b), r.maxX)
            guard hi > lo else { continue }
            let phase = Rect(minX: lo, minY: region.minY, maxX: hi, maxY: region.maxY)
            let candidates = (0..<3).map { LabelCandidate(x: lo + 4, fraction: LabelCandidate.left, centreY: r.minY + 10 + 16 * Double($0)) }
            requests.append(LabelRequest(parts: parts(label), anchor: Point(lo, r.minY), anchorRadius: 0, region: phase,
                                         priority: .rule, candidates: candidates, fallback: .drop))
        }
        return requests
    }

    /// Rule label positions in order: (stack level, left of the rule). Right of the rule at the two lowest
    /// levels first, then left, then higher up.
    static let ruleLevelOrder: [(Int, Bool)] = [(0, false), (1, false), (0, true), (1, true), (2, false), (2, true),
                                                (3, false), (3, true), (4, false), (4, true), (5, false), (5, true)]

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
}
