@testable import Charts

/// A text of a scene with the box its glyphs cover (advance width × ascent + descent), measured by the same
/// measurer that laid the scene out. A small local checker for the label tests.
struct SceneText {
    var run: TextRun
    var box: Rect

    /// Every text run of `scene`, with its box; rotated runs read upward from their origin.
    static func all(_ scene: Scene, measurer: any TextMeasurer) -> [SceneText] {
        scene.items.compactMap { item in
            guard case let .text(run) = item else { return nil }
            let e = measurer.measure(run.string, font: run.font)
            let o = run.origin
            let box = run.rotated
                ? Rect(minX: o.x - e.ascent, minY: o.y - e.width, maxX: o.x + e.descent, maxY: o.y)
                : Rect(minX: o.x, minY: o.y - e.ascent, maxX: o.x + e.width, maxY: o.y + e.descent)
            return SceneText(run: run, box: box)
        }
    }

    /// Pairs of texts whose boxes share more than 0.01 px both ways.
    static func overlaps(_ texts: [SceneText]) -> [(String, String)] {
        var out: [(String, String)] = []
        for (i, a) in texts.enumerated() {
            for b in texts.dropFirst(i + 1) where LabelPlacer.overlap(a.box, b.box) {
                out.append((a.run.string, b.run.string))
            }
        }
        return out
    }

    /// The clip rectangles of the scene in order (each panel's, then the inset's), shrunk back to the plot areas.
    static func panels(_ scene: Scene) -> [Rect] {
        scene.items.compactMap { item in
            guard case let .pushClip(r) = item else { return nil }
            return r.insetBy(dx: 2, dy: 2)
        }
    }

    /// Polylines of the scene that satisfy `keep`.
    static func polylines(_ scene: Scene, _ keep: (Stroke) -> Bool) -> [[Point]] {
        scene.items.compactMap { item in
            guard case let .polyline(points, stroke) = item, keep(stroke) else { return nil }
            return points
        }
    }

    /// Whether any of `lines` has a segment meeting `box`.
    static func crosses(_ lines: [[Point]], _ box: Rect) -> Bool {
        SegmentIndex(polylines: lines).meets(box)
    }
}

extension Rect {
    /// Whether the rectangle lies inside `outer`, give or take 0.01 px.
    func within(_ outer: Rect) -> Bool { LabelPlacer.fits(self, in: outer) }
}
