/// Lists what is wrong with a figure's layout, as one human-readable sentence per problem: text that overlaps
/// other text, leaves the canvas or its clip, or is crossed by a line; series without a legend entry or direct
/// label; series that look alike. An empty list means the figure holds (docs/charts.md "Any grid: labels that never
/// collide").
///
/// Opens the DejaVu fonts with Cairo to measure text, as `render` does. Throws `ChartError` when Cairo fails.
public func layoutProblems(_ figure: some Figure) throws -> [String] {
    let fonts = try CairoFonts()
    let laidOut = figure.scene(measurer: TextMetrics(fonts))
    return LayoutChecker.problems(scene: laidOut.scene, measurer: fonts, labelledSeries: laidOut.labelledSeries)
}

/// Checks a laid-out scene: text boxes against each other, the canvas, active clips and the data lines,
/// series identification (legend or direct label) and series styles. Pure: it reads the scene and
/// measures text, nothing else. All coordinates are logical px on the scene's canvas, y down.
enum LayoutChecker {
    /// Overlaps and overruns up to this many logical px count as touching, not as a problem.
    static let slack = 0.5

    /// A run of text and the box of its measured extents (ink ascent and descent, advance width) in px.
    struct TextBox {
        var item: Int
        var run: TextRun
        var rect: Rect
        /// The clip active when the text was drawn, if any.
        var clip: Rect?
    }

    /// The problems of `scene`, each a sentence; empty when the layout holds.
    ///
    /// - Parameter labelledSeries: the labels that must each appear in a legend or as a direct label; nil
    ///   takes every non-empty label of the scene's data lines.
    static func problems(scene: Scene, measurer: any TextMeasurer, labelledSeries: [String]? = nil) -> [String] {
        let boxes = textBoxes(scene, measurer: measurer)
        return overlaps(boxes) + overruns(boxes, canvas: Rect(x: 0, y: 0, width: scene.width, height: scene.height))
            + crossings(scene, boxes: boxes)
            + missingLabels(scene, boxes: boxes, canvas: Rect(x: 0, y: 0, width: scene.width, height: scene.height),
                            expected: labelledSeries)
            + SeriesStyleCheck.problems(scene)
    }

    /// Every non-empty text run with its measured box; rotated runs read upward from their origin.
    static func textBoxes(_ scene: Scene, measurer: any TextMeasurer) -> [TextBox] {
        var clips: [Rect] = []
        var out: [TextBox] = []
        for (i, item) in scene.items.enumerated() {
            switch item {
            case let .pushClip(r): clips.append(r)
            case .popClip: _ = clips.popLast()
            case let .text(run) where !run.string.isEmpty:
                let e = measurer.measure(run.string, font: run.font)
                let o = run.origin
                let rect = run.rotated
                    ? Rect(minX: o.x - e.ascent, minY: o.y - e.width, maxX: o.x + e.descent, maxY: o.y)
                    : Rect(minX: o.x, minY: o.y - e.ascent, maxX: o.x + e.width, maxY: o.y + e.descent)
                out.append(TextBox(item: i, run: run, rect: rect, clip: clips.last))
            default: break
            }
        }
        return out
    }

    /// Pairs of text boxes that overlap by more than `slack` in both directions.
    static func overlaps(_ boxes: [TextBox]) -> [String] {
        var out: [String] = []
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] {
                let dx = min(a.rect.maxX, b.rect.maxX) - max(a.rect.minX, b.rect.minX)
                let dy = min(a.rect.maxY, b.rect.maxY) - max(a.rect.minY, b.rect.minY)
                if dx > slack && dy > slack {
                    out.append("text \(describe(a)) overlaps text \(describe(b))")
                }
            }
        }
        return out
    }

    /// Text that leaves the canvas, or the clip it is drawn in (and so is cut).
    static func overruns(_ boxes: [TextBox], canvas: Rect) -> [String] {
        boxes.compactMap { b in
            if !b.rect.isInside(canvas.insetBy(dx: -slack, dy: -slack)) {
                return "text \(describe(b)) leaves the \(num(canvas.width)) × \(num(canvas.height)) canvas"
            }
            if let clip = b.clip, !b.rect.isInside(clip.insetBy(dx: -slack, dy: -slack)) {
                return "text \(describe(b)) is cut by its clip (x \(num(clip.minX))–\(num(clip.maxX)), "
                    + "y \(num(clip.minY))–\(num(clip.maxY)))"
            }
            return nil
        }
    }

    /// Text without a halo that a visible part of a data line passes through. A line part is hidden when
    /// it lies outside the clip the line was drawn in, or under an opaque rectangle (or disc) drawn after the line.
    static func crossings(_ scene: Scene, boxes: [TextBox]) -> [String] {
        let plain = boxes.filter { !$0.run.halo }
        guard !plain.isEmpty else { return [] }
        var backings: [(item: Int, rect: Rect)] = []
        for (i, item) in scene.items.enumerated() {
            if case let .fillRect(r, c) = item, c.alpha >= 1 { backings.append((i, r)) }
            // An opaque disc (a note's numbered marker) hides what lies under its inscribed square.
            if case let .circle(center, radius, c) = item, c.alpha >= 1, radius > 1 {
                let h = radius / 2.0.squareRoot()
                backings.append((i, Rect(x: center.x - h, y: center.y - h, width: 2 * h, height: 2 * h)))
            }
        }
        var clips: [Rect] = []
        var found: [Int: SeriesTag] = [:]
        for (i, item) in scene.items.enumerated() {
            switch item {
            case let .pushClip(r): clips.append(r)
            case .popClip: _ = clips.popLast()
            case let .polyline(points, _):
                guard i < scene.roles.count, case let .dataLine(tag) = scene.roles[i], points.count > 1 else { continue }
                let covers = backings.filter { $0.item > i }.map(\.rect)
                let xs = points.map(\.x), ys = points.map(\.y)
                let extent = Rect(minX: xs.min() ?? 0, minY: ys.min() ?? 0, maxX: xs.max() ?? 0, maxY: ys.max() ?? 0)
                for (k, box) in plain.enumerated() where found[k] == nil {
                    guard box.rect.maxX >= extent.minX, box.rect.minX <= extent.maxX,
                          box.rect.maxY >= extent.minY, box.rect.minY <= extent.maxY else { continue }
                    let inner = box.rect.insetBy(dx: slack, dy: slack)
                    guard inner.width > 0, inner.height > 0 else { continue }
                    for (p, q) in zip(points, points.dropFirst()) {
                        var piece: (Point, Point)? = (p, q)
                        if let clip = clips.last { piece = piece.flatMap { clipSegment($0.0, $0.1, to: clip) } }
                        guard let visible = piece, let inside = clipSegment(visible.0, visible.1, to: inner) else { continue }
                        let hidden = covers.contains { $0.contains(inside.0) && $0.contains(inside.1) }
                        if !hidden {
                            found[k] = tag
                            break
                        }
                    }
                }
            default: break
            }
        }
        return found.keys.sorted().compactMap { k in
            guard let tag = found[k] else { return nil }
            return "text \(describe(plain[k])) is crossed by the line of \(tag.identity)"
        }
    }

    /// Labelled series with no legend entry and no direct label (a text run with exactly the label, tagged
    /// as a legend label or in the colour of the series' line), or whose only such text leaves the canvas.
    static func missingLabels(_ scene: Scene, boxes: [TextBox], canvas: Rect, expected: [String]?) -> [String] {
        var lineColors: [String: [RGBA]] = [:]
        var tagged: [String] = []
        for (item, role) in zip(scene.items, scene.roles) {
            guard case let .dataLine(tag) = role, !tag.label.isEmpty, case let .polyline(_, stroke) = item else { continue }
            lineColors[tag.label, default: []].append(stroke.color)
            if !tagged.contains(tag.label) { tagged.append(tag.label) }
        }
        let labels = expected ?? tagged
        let whole = canvas.insetBy(dx: -slack, dy: -slack)
        return labels.filter { !$0.isEmpty }.compactMap { label in
            let shown = boxes.contains { b in
                guard b.run.string == label, b.rect.isInside(whole) else { return false }
                if b.item < scene.roles.count, case .legendLabel = scene.roles[b.item] { return true }
                return lineColors[label]?.contains(b.run.color) ?? false
            }
            return shown ? nil : "series \"\(label)\" has no legend entry or direct label"
        }
    }

    static func describe(_ b: TextBox) -> String {
        "\"\(b.run.string)\" (x \(num(b.rect.minX))–\(num(b.rect.maxX)), y \(num(b.rect.minY))–\(num(b.rect.maxY)))"
    }

    /// A coordinate rounded to 0.1 px for messages.
    static func num(_ v: Double) -> String {
        guard v.isFinite else { return "\(v)" }
        let r = (v * 10).rounded() / 10
        return r == r.rounded() && abs(r) < 9e18 ? String(Int(r)) : String(r)
    }

    /// The part of segment p–q inside `r` (Liang–Barsky), or nil when it misses `r`.
    static func clipSegment(_ p: Point, _ q: Point, to r: Rect) -> (Point, Point)? {
        let dx = q.x - p.x, dy = q.y - p.y
        var t0 = 0.0, t1 = 1.0
        for (edgeP, edgeQ) in [(-dx, p.x - r.minX), (dx, r.maxX - p.x), (-dy, p.y - r.minY), (dy, r.maxY - p.y)] {
            if edgeP == 0 {
                if edgeQ < 0 { return nil }
                continue
            }
            let t = edgeQ / edgeP
            if edgeP < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
            if t0 > t1 { return nil }
        }
        return (Point(p.x + t0 * dx, p.y + t0 * dy), Point(p.x + t1 * dx, p.y + t1 * dy))
    }
}
