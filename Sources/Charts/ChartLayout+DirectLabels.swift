/// A label set right of the plot area, next to its line's last point.
struct DirectLabel {
    var seriesIndex: Int
    var end: Point
    var centreY: Double
}

/// Pushes label centres apart to at least `gap` px, keeping them within `minY...maxY`
/// and as close as possible to their targets (clusters settle on their mean). Order is preserved.
enum Dodge {
    static func positions(_ targets: [Double], gap: Double, minY: Double, maxY: Double) -> [Double] {
        guard !targets.isEmpty else { return [] }
        let order = targets.indices.sorted { (targets[$0], $0) < (targets[$1], $1) }
        // Each block: first index into `order`, member count, top centre.
        var blocks: [(start: Int, count: Int, top: Double)] = []
        func place(_ start: Int, _ count: Int) -> Double {
            var sum = 0.0
            for k in 0..<count { sum += targets[order[start + k]] - Double(k) * gap }
            var top = sum / Double(count)
            let span = Double(count - 1) * gap
            top = min(top, maxY - span)
            top = max(top, minY)
            return top
        }
        for i in order.indices {
            blocks.append((i, 1, place(i, 1)))
            while blocks.count > 1 {
                let b = blocks[blocks.count - 1], a = blocks[blocks.count - 2]
                guard a.top + Double(a.count) * gap > b.top + 1e-9 else { break }
                blocks.removeLast(2)
                blocks.append((a.start, a.count + b.count, place(a.start, a.count + b.count)))
            }
        }
        var out = targets
        for b in blocks {
            for k in 0..<b.count { out[order[b.start + k]] = b.top + Double(k) * gap }
        }
        return out
    }
}

extension ChartLayout {
    /// Widest direct label + 14 px, when the single panel qualifies (≤ 6 labelled series, same end x,
    /// none with an end mark, column ≤ 190 px); nil otherwise.
    func directLabelColumn() -> Double? {
        guard chart.panels.count == 1, let panel = chart.panels.first else { return nil }
        let labelled = panel.series.filter { !$0.label.isEmpty }
        guard (1...6).contains(labelled.count), labelled.allSatisfy({ $0.endMark == nil }) else { return nil }
        let ends = labelled.map { $0.points.last(where: { $0.x.isFinite && $0.y.isFinite })?.x }
        guard let firstEnd = ends.first ?? nil else { return nil }
        let span = max(abs(firstEnd), 1e-12)
        guard ends.allSatisfy({ e in e.map { abs($0 - firstEnd) <= 1e-9 * span } ?? false }) else { return nil }
        let column = (labelled.map(directLabelWidth).max() ?? 0) + 14
        // Long labels would squeeze the plot: keep the column within a quarter of the width.
        return column <= 190 ? column : nil
    }

    func directLabelWidth(_ s: Series) -> Double {
        var w = measurer.measure(s.label, font: Self.labelFont).width
        if let v = s.valueText, !v.isEmpty { w += 6 + measurer.measure(v, font: .book(12)).width }
        return w
    }

    /// Dodged label positions, or nil when a label would sit more than 40 px from its line end.
    func directLabels(in g: Geometry) -> [DirectLabel]? {
        guard let frame = g.frames.first, let paths = g.paths.first, let panel = chart.panels.first else { return nil }
        var labels: [DirectLabel] = []
        for (i, s) in panel.series.enumerated() where !s.label.isEmpty {
            guard i < paths.count, let end = paths[i].end else { return nil }
            let y = min(max(end.y, frame.rect.minY), frame.rect.maxY)
            labels.append(DirectLabel(seriesIndex: i, end: Point(end.x, y), centreY: y))
        }
        let placed = Dodge.positions(labels.map(\.end.y), gap: 16, minY: frame.rect.minY, maxY: frame.rect.maxY)
        for (k, y) in placed.enumerated() {
            guard abs(y - labels[k].end.y) <= 40 else { return nil }
            labels[k].centreY = y
        }
        return labels
    }

    /// The 6 px dot with a 1 px white ring at the end of each direct-labelled line (not over a raw series).
    func drawDirectLabelDots(_ scene: inout Scene, _ labels: [DirectLabel]) {
        guard let panel = chart.panels.first else { return }
        for label in labels where label.seriesIndex < panel.series.count && panel.series[label.seriesIndex].faintPoints.isEmpty {
            scene.add(.circle(center: label.end, radius: 4, Palette.white))
            scene.add(.circle(center: label.end, radius: 3, panel.series[label.seriesIndex].lineColor))
        }
    }

    /// One request per direct label, placed after every other label: the dodged position first, then 4 px steps
    /// away from it while the label stays within 40 px of its line end. A label off its line's end by more than
    /// 2 px gets a leader in the series colour at 80 % opacity.
    func directLabelRequests(_ labels: [DirectLabel], geometry g: Geometry) -> [LabelRequest] {
        guard let frame = g.frames.first, let panel = chart.panels.first else { return [] }
        let right = frame.rect.maxX
        let region = Rect(minX: right + 11, minY: max(frame.rect.minY - 10, Self.canvas.minY),
                          maxX: Self.canvas.maxX, maxY: min(frame.rect.maxY + 10, Self.canvas.maxY))
        return labels.compactMap { label in
            guard label.seriesIndex < panel.series.count else { return nil }
            let s = panel.series[label.seriesIndex]
            let color = s.lineColor
            var parts = [LabelPart(string: s.label, font: Self.labelFont, color: color)]
            if let v = s.valueText, !v.isEmpty { parts.append(LabelPart(string: v, font: .book(12), color: Palette.subtitle)) }
            let shifts = [0.0] + (1...10).flatMap { k in [-4 * Double(k), 4 * Double(k)] }
            let candidates = shifts.map { label.centreY + $0 }.filter { abs($0 - label.end.y) <= 40 }.map { cy in
                let leader: LabelLeader = abs(cy - label.end.y) > 2
                    ? .path([Point(right + 5, label.end.y), Point(right + 11, cy)]) : .none
                return LabelCandidate(x: right + 14, fraction: LabelCandidate.left, centreY: cy, leader: leader)
            }
            return LabelRequest(parts: parts, anchor: label.end, anchorRadius: 4, region: region, priority: .direct,
                                candidates: candidates, leaderStroke: Stroke(color: color.withAlpha(0.8), width: 1),
                                fallback: .note(parts.map(\.string).joined(separator: " ")))
        }
    }
}
