/// Numbered notes under the plot, for labels that fit nowhere near their anchor: "① lr 5 stopped at step 3".
/// They sit between the x tick labels and the x-axis title; the plot's bottom moves up to make room.
extension ChartLayout {
    static let noteFont = FontSpec.book(11)
    /// Distance between the centres of two rows of notes, px.
    static let noteRowHeight = 15.0
    /// The plot's bottom moves up by at most this much; notes beyond it are cut with "…".
    static let maxNoteReserve = 120.0

    /// One note set in a row: its circled number's centre and its text.
    struct NoteItem: Equatable {
        var number: Int
        var marker: Point
        var text: TextRun
    }

    /// Left and right edge of the notes: the row (or grid) of panels.
    func noteSpan(_ g: Geometry) -> (left: Double, right: Double) {
        let left = g.frames.map(\.rect.minX).min() ?? Self.margin
        let right = g.frames.map(\.rect.maxX).max() ?? Self.rightEdge
        return (left, max(right, left + 100))
    }

    /// Centre y of the first row of notes: 4 px below the x tick labels of the lowest panel.
    func firstNoteRowCentre(_ g: Geometry) -> Double {
        let bottom = g.frames.map(\.rect.maxY).max() ?? Self.plotBottom
        return bottom + 8 + (0.729 + 0.24) * Self.tickFont.size + 4 + LabelPlacer.markerRadius(1, measurer: measurer)
    }

    /// Lowest y a note may reach: 3 px above the x-axis title, or the canvas's bottom margin without one.
    var noteLimit: Double {
        guard !chart.xAxis.title.isEmpty else { return Self.canvas.maxY - 3 }
        let font = FontSpec.book(13)
        return 486 - max(measurer.measure(chart.xAxis.title, font: font).ascent, 0.729 * font.size) - 3
    }

    /// Notes flowed left to right, 14 px apart, wrapping within the panels' width. Row 0 is centred on `top`.
    func noteItems(_ notes: [LabelNote], span: (left: Double, right: Double), top: Double) -> [NoteItem] {
        var items: [NoteItem] = []
        var x = span.left, row = 0
        for note in notes {
            let r = LabelPlacer.markerRadius(note.number, measurer: measurer)
            let room = span.right - span.left - 2 * r - 4
            let text = Self.truncated(note.text, width: room, font: Self.noteFont, measurer: measurer)
            let width = 2 * r + 4 + measurer.measure(text, font: Self.noteFont).width
            if x > span.left, x + width > span.right {
                row += 1
                x = span.left
            }
            let cy = top + Double(row) * Self.noteRowHeight
            items.append(NoteItem(number: note.number, marker: Point(x + r, cy),
                                  text: TextRun(string: text, origin: Point(x + 2 * r + 4, Self.centredBaseline(cy, font: Self.noteFont)),
                                                font: Self.noteFont, color: LabelPlacer.noteColor)))
            x += width + 14
        }
        return items
    }

    /// How far the plot's bottom must move up so that the notes end above `noteLimit` (0 without notes).
    func noteReserve(_ notes: [LabelNote], geometry g: Geometry) -> Double {
        guard !notes.isEmpty else { return 0 }
        let top = firstNoteRowCentre(g)
        let items = noteItems(notes, span: noteSpan(g), top: top)
        let lowest = (items.map(\.marker.y).max() ?? top) + LabelPlacer.markerRadius(notes.count, measurer: measurer)
        let need = bottomReserve + lowest - noteLimit
        return min(max((need * 2).rounded(.up) / 2, 0), Self.maxNoteReserve)
    }

    /// Circled numbers and texts of the notes, keeping only the rows above `noteLimit`.
    func drawNotes(_ scene: inout Scene, _ notes: [LabelNote], geometry g: Geometry) {
        for item in noteItems(notes, span: noteSpan(g), top: firstNoteRowCentre(g))
        where item.marker.y + LabelPlacer.markerRadius(item.number, measurer: measurer) <= noteLimit + 0.01 {
            addNoteMarker(&scene, number: item.number, at: item.marker)
            scene.add(.text(item.text))
        }
    }

    /// `text`, or its longest word-boundary prefix ending in "…" that fits in `width`.
    static func truncated(_ text: String, width: Double, font: FontSpec, measurer: any TextMeasurer) -> String {
        guard measurer.measure(text, font: font).width > width else { return text }
        var words = text.split(separator: " ").map(String.init)
        while words.count > 1 {
            words.removeLast()
            let candidate = words.joined(separator: " ") + "…"
            if measurer.measure(candidate, font: font).width <= width { return candidate }
        }
        var characters = Array(words.first ?? "")
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters) + "…"
            if measurer.measure(candidate, font: font).width <= width { return candidate }
        }
        return "…"
    }
}
