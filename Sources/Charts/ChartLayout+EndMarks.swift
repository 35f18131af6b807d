/// ✕ end marks of series that stop early, and their labels. Marks of one panel within 6 px of each other share
/// one label that names their series ("lr 5, 10 stopped at step 2").
extension ChartLayout {
    static let smallFont = FontSpec.book(11)
    /// Right 10; (8, ∓16); left 10; then the same 16 px further out with a leader (docs/charts.md).
    static let endMarkOffsets = LabelRing.Offsets(side: 10, diagonal: 8, vertical: 16)
    /// Markers closer than this (px) share a label.
    static let mergeDistance = 6.0

    /// ✕ markers of one panel that share a label; members are in legend (colour) order.
    struct EndMarkGroup {
        var panel: Int
        var members: [(point: Point, series: Series)]
        /// The first member's marker.
        var anchor: Point { members.first?.point ?? Point(0, 0) }
    }

    /// The collision box of a label (text extents + 3 px horizontally, 2 px vertically) and its baseline.
    func labelBox(_ text: String, font: FontSpec, left: Double, centreY: Double) -> (box: Rect, baseline: Double) {
        let e = measurer.measure(text, font: font)
        let baseline = Self.centredBaseline(centreY, font: font)
        let box = Rect(minX: left - 3, minY: baseline - max(e.ascent, 0.729 * font.size) - 2,
                       maxX: left + e.width + 3, maxY: baseline + e.descent + 2)
        return (box, baseline)
    }

    /// Every ✕ marker, by panel, in series order.
    func endMarkers(_ g: Geometry) -> [(panel: Int, point: Point, series: Series)] {
        var markers: [(panel: Int, point: Point, series: Series)] = []
        for (i, panel) in chart.panels.enumerated() where i < g.paths.count {
            for (s, path) in zip(panel.series, g.paths[i]) {
                if let p = path.endMark { markers.append((i, p, s)) }
            }
        }
        return markers
    }

    /// Markers grouped per panel: a marker joins the first group holding a marker within `mergeDistance`.
    func endMarkGroups(_ g: Geometry) -> [EndMarkGroup] {
        var groups: [EndMarkGroup] = []
        for m in endMarkers(g) {
            let near = groups.firstIndex { group in
                group.panel == m.panel && group.members.contains { distance($0.point, m.point) <= Self.mergeDistance }
            }
            if let k = near {
                groups[k].members.append((m.point, m.series))
            } else {
                groups.append(EndMarkGroup(panel: m.panel, members: [(m.point, m.series)]))
            }
        }
        return groups.map { group in
            var sorted = group
            sorted.members = group.members.enumerated()
                .sorted { ($0.element.series.colorIndex, $0.offset) < ($1.element.series.colorIndex, $1.offset) }
                .map(\.element)
            return sorted
        }
    }

    /// The ✕ of every end mark, over a white ✕.
    func drawEndMarks(_ scene: inout Scene, geometry g: Geometry) {
        for m in endMarkers(g) {
            addCross(&scene, at: m.point, color: m.series.lineColor, underlay: true)
        }
    }

    /// One label request per group: 11 px `#333333` with a halo, in the ring around the marker, inside its panel.
    func endMarkRequests(_ g: Geometry) -> [LabelRequest] {
        endMarkGroups(g).compactMap { group in
            guard group.panel < g.frames.count else { return nil }
            let labelled = group.members.filter { !($0.series.endMark?.label ?? "").isEmpty }
            guard !labelled.isEmpty else { return nil }
            let names = labelled.map(\.series.label)
            let texts = labelled.map { $0.series.endMark?.label ?? "" }
            let single = labelled.count == 1, name = names.first ?? ""
            let text = single ? texts.first ?? "" : Self.mergedEndMarkText(names: names, texts: texts)
            let note = single && !name.isEmpty ? name + " " + text : text
            return LabelRequest(
                parts: [LabelPart(string: text, font: Self.smallFont, color: Self.legendText)],
                anchor: group.anchor, anchorRadius: 5.5, region: labelRegion(g.frames[group.panel].rect),
                priority: .mark,
                candidates: LabelRing.candidates(around: group.anchor, offsets: Self.endMarkOffsets, rings: 4),
                fallback: .note(note), halo: true)
        }
    }

    /// Where a label of a panel may go: its box (text + 3 px, 2 px) inside the panel, so neither the text nor its
    /// halo touches an axis; within the canvas.
    func labelRegion(_ panel: Rect) -> Rect {
        let c = Self.canvas
        return Rect(minX: max(panel.minX, c.minX), minY: max(panel.minY, c.minY),
                    maxX: min(panel.maxX, c.maxX), maxY: min(panel.maxY, c.maxY))
    }

    /// One label for several series: "lr 5, 10 stopped at step 2" when the texts agree, else
    /// "stopped: lr 5 at step 2, 10 at step 3" (a shared first word of the names is said once).
    static func mergedEndMarkText(names: [String], texts: [String]) -> String {
        let named = names.allSatisfy { !$0.isEmpty }
        let shown = named ? factoredNames(names) : names
        if let first = texts.first, texts.allSatisfy({ $0 == first }) {
            return named ? shown.joined(separator: ", ") + " " + first : first
        }
        guard named else { return texts.joined(separator: "; ") }
        let words = texts.map { $0.split(separator: " ", maxSplits: 1).map(String.init) }
        if let lead = words.first?.first, words.allSatisfy({ $0.count == 2 && $0.first == lead }) {
            return lead + ": " + zip(shown, words).map { $0 + " " + ($1.last ?? "") }.joined(separator: ", ")
        }
        return zip(names, texts).map { $0 + " " + $1 }.joined(separator: "; ")
    }

    /// ["lr 5", "lr 10"] → ["lr 5", "10"]: a first word all names share is kept on the first name only.
    static func factoredNames(_ names: [String]) -> [String] {
        let split = names.map { $0.split(separator: " ", maxSplits: 1).map(String.init) }
        guard let lead = split.first?.first, split.count > 1,
              split.allSatisfy({ $0.count == 2 && $0.first == lead }) else { return names }
        return split.enumerated().map { $0.offset == 0 ? $0.element.joined(separator: " ") : ($0.element.last ?? "") }
    }

    private func distance(_ a: Point, _ b: Point) -> Double {
        ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
    }
}
