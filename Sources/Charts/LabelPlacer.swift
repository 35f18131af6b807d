/// A label the placer has positioned: its text runs, its collision box and an optional leader.
struct PlacedLabel: Sendable, Equatable {
    var runs: [TextRun]
    /// Text extents + 3 px horizontally and 2 px vertically.
    var box: Rect
    var leader: [Point]
    var leaderStroke: Stroke
}

/// A label that fit nowhere near its anchor: a circled number by the anchor, and the text as a numbered note.
struct LabelNote: Sendable, Equatable {
    var number: Int
    var text: String
    /// Centre of the circled number, in px.
    var marker: Point
}

/// The one placer for every text a chart sets near data: end-mark labels, key points, rule and phase labels
/// and direct labels (docs/charts.md "Any grid: labels that never collide").
///
/// Deterministic greedy search: requests go in priority order; each takes its first candidate whose box
/// (text extents + 3 px, 2 px) stays inside its region, meets no obstacle (legend, header, inset, markers,
/// labels placed before it) and no line segment (series, rules, leaders placed before it), and whose leader
/// crosses no placed label. A request with no such candidate becomes a numbered note, or is dropped when it says so.
struct LabelPlacer {
    static let markerFont = FontSpec.book(10)
    static var noteColor: RGBA { Palette.axisTitle }  // #333333 in the light theme

    /// Radius of a note's circled number, in px: 6.5, or more for a number too wide for it.
    static func markerRadius(_ number: Int, measurer: any TextMeasurer) -> Double {
        max(6.5, measurer.measure(String(number), font: markerFont).width / 2 + 2)
    }

    let measurer: any TextMeasurer
    /// Boxes no label may meet; grows as labels are placed.
    private(set) var obstacles: [Rect]
    private var lines: SegmentIndex
    private var faint: SegmentIndex
    private(set) var placed: [PlacedLabel] = []
    private(set) var notes: [LabelNote] = []

    /// - Parameters:
    ///   - obstacles: boxes labels must avoid (legend, header, inset, markers), px.
    ///   - lines: polylines no label may meet (series lines, rules), px.
    ///   - faintLines: polylines a label may touch, but then gets a white halo (raw series), px.
    init(measurer: any TextMeasurer, obstacles: [Rect], lines: [[Point]], faintLines: [[Point]] = []) {
        self.measurer = measurer
        self.obstacles = obstacles
        self.lines = SegmentIndex(polylines: lines)
        faint = SegmentIndex(polylines: faintLines)
    }

    /// Places `requests` in priority order (stable within one priority).
    mutating func place(_ requests: [LabelRequest]) {
        let ordered = requests.enumerated().sorted { ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset) }
        for (_, request) in ordered { place(request) }
    }

    /// Places one request: the first candidate that fits, else its fallback.
    mutating func place(_ request: LabelRequest) {
        for candidate in request.candidates {
            let layout = slid(self.layout(candidate.parts ?? request.parts, at: candidate), candidate, into: request.region)
            guard Self.fits(layout.box, in: request.region), !obstacles.contains(where: { Self.overlap($0, layout.box) }),
                  !lines.meets(layout.box) else { continue }
            let leader = leaderPath(candidate.leader, anchor: request.anchor, radius: request.anchorRadius, box: layout.box)
            guard leaderIsClear(leader, anchor: request.anchor) else { continue }
            accept(layout, leader: leader, request: request)
            return
        }
        if case let .note(text) = request.fallback { addNote(text, request: request) }
    }

    // MARK: candidates

    /// Boxes that share more than 0.01 px both ways overlap; boxes that only touch do not (labels dodged
    /// exactly one box height apart).
    static func overlap(_ a: Rect, _ b: Rect) -> Bool {
        a.minX < b.maxX - 0.01 && b.minX < a.maxX - 0.01 && a.minY < b.maxY - 0.01 && b.minY < a.maxY - 0.01
    }

    /// Whether `box` lies inside `region`, give or take 0.01 px.
    static func fits(_ box: Rect, in region: Rect) -> Bool {
        box.minX >= region.minX - 0.01 && box.maxX <= region.maxX + 0.01
            && box.minY >= region.minY - 0.01 && box.maxY <= region.maxY + 0.01
    }

    /// Text runs and box of `parts` set at `candidate`.
    func layout(_ parts: [LabelPart], at candidate: LabelCandidate) -> (runs: [TextRun], box: Rect) {
        let extents = parts.map { measurer.measure($0.string, font: $0.font) }
        let width = extents.map(\.width).reduce(0, +) + 6 * Double(max(parts.count - 1, 0))
        let left = candidate.x - candidate.fraction * width
        let size = parts.first?.font.size ?? 12
        let baseline = ChartLayout.centredBaseline(candidate.centreY, font: .book(size))
        var runs: [TextRun] = []
        var x = left, ascent = 0.0, descent = 0.0
        for (part, e) in zip(parts, extents) {
            runs.append(TextRun(string: part.string, origin: Point(x, baseline), font: part.font, color: part.color))
            x += e.width + 6
            ascent = max(ascent, e.ascent, 0.729 * part.font.size)
            descent = max(descent, e.descent)
        }
        let box = Rect(minX: left - 3, minY: baseline - ascent - 2, maxX: left + width + 3, maxY: baseline + descent + 2)
        return (runs, box)
    }

    /// A layout moved sideways into `region` when it sticks out, provided it still spans `candidate.x` (so a
    /// label set beside its anchor never slides over it).
    private func slid(_ layout: (runs: [TextRun], box: Rect), _ candidate: LabelCandidate,
                      into region: Rect) -> (runs: [TextRun], box: Rect) {
        guard candidate.fraction > 0, candidate.fraction < 1, layout.box.width <= region.width else { return layout }
        let dx = layout.box.minX < region.minX ? region.minX - layout.box.minX
            : layout.box.maxX > region.maxX ? region.maxX - layout.box.maxX : 0
        guard dx != 0, layout.box.minX + dx + 3 <= candidate.x, layout.box.maxX + dx - 3 >= candidate.x else { return layout }
        let runs = layout.runs.map { run -> TextRun in
            var run = run
            run.origin.x += dx
            return run
        }
        return (runs, Rect(x: layout.box.minX + dx, y: layout.box.minY, width: layout.box.width, height: layout.box.height))
    }

    private func leaderPath(_ leader: LabelLeader, anchor a: Point, radius: Double, box: Rect) -> [Point] {
        switch leader {
        case .none: return []
        case let .path(points): return points
        case .toBox:
            let near = Point(min(max(a.x, box.minX), box.maxX), min(max(a.y, box.minY), box.maxY))
            let dx = near.x - a.x, dy = near.y - a.y
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > radius + 3 else { return [] }
            let start = Point(a.x + dx / length * (radius + 1), a.y + dy / length * (radius + 1))
            return [start, near]
        }
    }

    /// A leader may not cross a placed label; marks at its own anchor do not count.
    private func leaderIsClear(_ leader: [Point], anchor: Point) -> Bool {
        for (a, b) in zip(leader, leader.dropFirst()) {
            if obstacles.contains(where: { !$0.contains(anchor) && SegmentIndex.segment(a, b, meets: $0) }) { return false }
        }
        return true
    }

    private mutating func accept(_ layout: (runs: [TextRun], box: Rect), leader: [Point], request: LabelRequest) {
        let halo = request.halo || faint.meets(layout.box)
        let runs = layout.runs.map { run -> TextRun in
            var run = run
            run.halo = halo
            return run
        }
        placed.append(PlacedLabel(runs: runs, box: layout.box, leader: leader, leaderStroke: request.leaderStroke))
        obstacles.append(layout.box)
        lines.insert(polyline: leader)
    }

    // MARK: fallback

    /// Numbers the note and puts its circled number next to the anchor: touching the anchor's mark and clear of
    /// labels and lines if possible, else clear of labels up to 16 px further out, else anywhere in the region.
    private mutating func addNote(_ text: String, request: LabelRequest) {
        let number = notes.count + 1
        let r = Self.markerRadius(number, measurer: measurer), a = request.anchor
        // The eight directions at the anchor's edge, then 8 and 16 px further out.
        let centres = (0..<3).flatMap { k -> [Point] in
            let d = request.anchorRadius + r + 1 + 8 * Double(k), diagonal = d * 0.75
            return [Point(a.x + d, a.y), Point(a.x + diagonal, a.y - diagonal), Point(a.x, a.y - d),
                    Point(a.x + diagonal, a.y + diagonal), Point(a.x, a.y + d), Point(a.x - d, a.y),
                    Point(a.x - diagonal, a.y - diagonal), Point(a.x - diagonal, a.y + diagonal)]
        }
        func box(_ c: Point) -> Rect { Rect(x: c.x - r - 1, y: c.y - r - 1, width: 2 * r + 2, height: 2 * r + 2) }
        func inRegion(_ c: Point) -> Bool { Self.fits(box(c), in: request.region) }
        func clear(_ c: Point) -> Bool { inRegion(c) && !obstacles.contains { Self.overlap($0, box(c)) } }
        // The circle is opaque, so being clear of other labels matters more than being clear of lines.
        let centre = centres.prefix(8).first { clear($0) && !lines.meets(box($0)) } ?? centres.first(where: clear)
            ?? centres.first(where: inRegion)
            ?? Point(min(max(a.x, request.region.minX + r + 1), request.region.maxX - r - 1),
                     min(max(a.y, request.region.minY + r + 1), request.region.maxY - r - 1))
        obstacles.append(box(centre))
        notes.append(LabelNote(number: number, text: text, marker: centre))
    }
}

extension ChartLayout {
    /// A circled number: a dark ring, white inside, the number in Book 10 px.
    func addNoteMarker(_ scene: inout Scene, number: Int, at c: Point) {
        let text = String(number)
        let w = measurer.measure(text, font: LabelPlacer.markerFont).width
        let r = LabelPlacer.markerRadius(number, measurer: measurer)
        scene.add(.circle(center: c, radius: r, LabelPlacer.noteColor))
        scene.add(.circle(center: c, radius: r - 1, Palette.white))
        scene.add(.text(TextRun(string: text, origin: Point(c.x - w / 2, Self.centredBaseline(c.y, font: LabelPlacer.markerFont)),
                                font: LabelPlacer.markerFont, color: LabelPlacer.noteColor)))
    }

    /// Leaders, then text, of every placed label, then the circled numbers of notes.
    func drawPlacedLabels(_ scene: inout Scene, placer: LabelPlacer) {
        for label in placer.placed where label.leader.count > 1 {
            scene.add(.polyline(label.leader, label.leaderStroke))
        }
        for label in placer.placed {
            for run in label.runs { scene.add(.text(run)) }
        }
        for note in placer.notes { addNoteMarker(&scene, number: note.number, at: note.marker) }
    }
}
