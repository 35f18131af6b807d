import Testing
@testable import Charts

/// The layout checker must be able to fail: each rule is shown catching a deliberately broken scene.
@Suite struct LayoutCheckerTests {
    let m = FixedWidthMeasurer()

    func text(_ s: String, _ x: Double, _ y: Double, halo: Bool = false, rotated: Bool = false) -> Primitive {
        .text(TextRun(string: s, origin: Point(x, y), font: .book(12), color: RGBA(hex: 0x333333), rotated: rotated,
                      halo: halo))
    }

    func tag(_ label: String, _ color: Int, panel: Int = 0, index: Int = 0) -> SeriesTag {
        SeriesTag(label: label, colorIndex: color, panel: panel, index: index)
    }

    func line(_ points: [Point], color: Int, dash: [Double] = []) -> Primitive {
        .polyline(points, Stroke(color: Palette.series[color], width: 2, dash: dash, cap: .round))
    }

    @Test func cleanSceneHasNoProblems() {
        var scene = Scene()
        scene.add(.fillRect(Rect(x: 0, y: 0, width: 800, height: 500), RGBA(hex: 0xFFFFFF)))
        scene.add(text("left", 100, 100))
        scene.add(text("right", 200, 100))
        scene.add(line([Point(100, 200), Point(300, 200)], color: 0), role: .dataLine(tag("a", 0)))
        scene.add(text("a", 310, 204), role: .legendLabel(tag("a", 0)))
        #expect(LayoutChecker.problems(scene: scene, measurer: m).isEmpty)
    }

    @Test func catchesOverlappingTexts() {
        var scene = Scene()
        scene.add(text("first label", 100, 100))
        scene.add(text("second", 130, 104))
        let problems = LayoutChecker.problems(scene: scene, measurer: m)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("\"first label\"") == true && problems.first?.contains("overlaps") == true)
        // Touching within 0.5 px is fine: "ab" is 14.4 px wide at 12 px.
        var touching = Scene()
        touching.add(text("ab", 100, 100))
        touching.add(text("cd", 114.2, 100))
        #expect(LayoutChecker.problems(scene: touching, measurer: m).isEmpty)
    }

    @Test func catchesRotatedTextOverlap() {
        var scene = Scene()
        // Reads upward from (30, 300): covers x 20.9…32.9, y 228…300.
        scene.add(text("test accuracy", 30, 300, rotated: true))
        scene.add(text("0.5", 25, 280))
        #expect(LayoutChecker.problems(scene: scene, measurer: m).count == 1)
    }

    @Test func catchesTextOffCanvasAndCutByClip() {
        var scene = Scene()
        scene.add(text("too far right", 760, 100))
        scene.add(text("above", 100, 5))
        scene.add(.pushClip(Rect(x: 0, y: 0, width: 120, height: 500)))
        scene.add(text("clipped", 100, 200))
        scene.add(.popClip)
        let problems = LayoutChecker.problems(scene: scene, measurer: m)
        #expect(problems.count == 3)
        #expect(problems.filter { $0.contains("leaves the 800 × 500 canvas") }.count == 2)
        #expect(problems.contains { $0.contains("\"clipped\"") && $0.contains("cut by its clip") })
    }

    @Test func catchesTextCrossedByADataLineUnlessHaloed() {
        var scene = Scene()
        scene.add(text("crossed", 100, 100))
        scene.add(text("haloed", 100, 200, halo: true))
        scene.add(line([Point(90, 96), Point(200, 96)], color: 0), role: .dataLine(tag("", 0)))
        scene.add(line([Point(90, 196), Point(200, 196)], color: 1), role: .dataLine(tag("", 1, index: 1)))
        // A gridline and a leader through text are not data lines.
        scene.add(text("grid", 300, 100))
        scene.add(.polyline([Point(290, 96), Point(400, 96)], Stroke(color: RGBA(hex: 0xE5E5E5), width: 1)))
        let problems = LayoutChecker.problems(scene: scene, measurer: m)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("\"crossed\"") == true && problems.first?.contains("crossed by the line") == true)
    }

    @Test func linesHiddenByClipOrBackingDoNotCross() {
        var scene = Scene()
        scene.add(.pushClip(Rect(x: 0, y: 0, width: 95, height: 500)))
        scene.add(line([Point(50, 96), Point(200, 96)], color: 0), role: .dataLine(tag("", 0)))
        scene.add(.popClip)
        scene.add(text("outside the clip", 100, 100))
        scene.add(line([Point(250, 196), Point(400, 196)], color: 1), role: .dataLine(tag("", 1, index: 1)))
        scene.add(.fillRect(Rect(x: 280, y: 180, width: 100, height: 30), RGBA(hex: 0xFFFFFF)))
        scene.add(text("on a backing", 290, 200))
        #expect(LayoutChecker.problems(scene: scene, measurer: m).isEmpty)
    }

    @Test func catchesTwoSeriesWithTheSameStyle() {
        var scene = Scene()
        scene.add(line([Point(100, 300), Point(200, 300)], color: 0), role: .dataLine(tag("lr 0.1", 0)))
        scene.add(line([Point(100, 320), Point(200, 320)], color: 0), role: .dataLine(tag("lr 1", 7)))
        // The same series in a second panel is not a second series.
        scene.add(line([Point(300, 300), Point(400, 300)], color: 0), role: .dataLine(tag("lr 0.1", 0, panel: 1)))
        scene.add(text("lr 0.1", 500, 100), role: .legendLabel(tag("lr 0.1", 0)))
        scene.add(text("lr 1", 600, 100), role: .legendLabel(tag("lr 1", 7)))
        let problems = LayoutChecker.problems(scene: scene, measurer: m)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("look alike") == true)
        // A different dash tells them apart.
        var dashed = Scene()
        dashed.add(line([Point(100, 300), Point(200, 300)], color: 0), role: .dataLine(tag("", 0)))
        dashed.add(line([Point(100, 320), Point(200, 320)], color: 0, dash: [6, 3]), role: .dataLine(tag("", 0, index: 1)))
        #expect(LayoutChecker.problems(scene: dashed, measurer: m).isEmpty)
        // Unlabelled lines in different panels (one schedule per panel) are not confused.
        var panels = Scene()
        panels.add(line([Point(100, 300), Point(200, 300)], color: 0), role: .dataLine(tag("", 0, panel: 0)))
        panels.add(line([Point(300, 300), Point(400, 300)], color: 0), role: .dataLine(tag("", 0, panel: 1)))
        #expect(LayoutChecker.problems(scene: panels, measurer: m).isEmpty)
    }

    @Test func catchesSeriesWithoutLegendEntryAndMismatchedSwatch() {
        var scene = Scene()
        scene.add(line([Point(100, 300), Point(200, 300)], color: 0), role: .dataLine(tag("batch 64", 0)))
        scene.add(line([Point(100, 320), Point(200, 320)], color: 1), role: .dataLine(tag("batch 256", 1)))
        // A direct label in the series colour identifies "batch 64"; grey text of the same words would not.
        scene.add(.text(TextRun(string: "batch 64", origin: Point(210, 304), font: .bold(12), color: Palette.series[0])))
        scene.add(text("batch 256", 210, 330))
        scene.add(line([Point(20, 50), Point(40, 50)], color: 2), role: .legendSwatch(tag("batch 64", 0)))
        let problems = LayoutChecker.problems(scene: scene, measurer: m)
        #expect(problems.contains("series \"batch 256\" has no legend entry or direct label"))
        #expect(problems.contains { $0.hasPrefix("legend swatch of \"batch 64\"") })
        #expect(problems.count == 2)
        // A legend entry cut off the canvas does not count.
        let cut = LayoutChecker.problems(scene: Scene(), measurer: m, labelledSeries: ["lr 5"])
        #expect(cut == ["series \"lr 5\" has no legend entry or direct label"])
    }

    @Test func clipSegmentFindsThePartInside() {
        let r = Rect(x: 0, y: 0, width: 10, height: 10)
        let inside = LayoutChecker.clipSegment(Point(-5, 5), Point(15, 5), to: r)
        #expect(inside?.0 == Point(0, 5) && inside?.1 == Point(10, 5))
        #expect(LayoutChecker.clipSegment(Point(-5, 20), Point(15, 20), to: r) == nil)
        #expect(LayoutChecker.clipSegment(Point(12, 0), Point(12, 10), to: r) == nil)
    }

    @Test(arguments: [("golden lines", GoldenImageTests.lines), ("golden multiples", GoldenImageTests.multiples),
                      ("golden band", GoldenImageTests.band), ("schedule", GalleryRenderTests.scheduleChart()),
                      ("compare", GalleryRenderTests.compareChart())])
    func referenceChartsHold(name: String, chart: Chart) throws {
        let problems = try layoutProblems(chart)
        #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "; "))")
    }
}
