import Testing
@testable import Charts

/// The label placer on its own: candidate order, segment tests, priorities, the note fallback, merged texts.
@Suite struct LabelPlacerTests {
    let measurer = FixedWidthMeasurer()
    static let region = Rect(x: 0, y: 0, width: 400, height: 300)

    func request(_ text: String, at anchor: Point, priority: LabelRequest.Priority = .mark,
                 region: Rect = Self.region) -> LabelRequest {
        LabelRequest(parts: [LabelPart(string: text, font: .book(11), color: Palette.rule)], anchor: anchor,
                     anchorRadius: 5.5, region: region, priority: priority,
                     candidates: LabelRing.candidates(around: anchor, offsets: ChartLayout.endMarkOffsets, rings: 3),
                     fallback: .note("note " + text))
    }

    @Test func segmentsAreTestedNotSamples() {
        let box = Rect(x: 10, y: 10, width: 20, height: 10)
        // Crosses the box with both ends far outside it.
        #expect(SegmentIndex.segment(Point(0, 0), Point(60, 40), meets: box))
        #expect(SegmentIndex.segment(Point(20, -500), Point(20, 500), meets: box))
        #expect(!SegmentIndex.segment(Point(0, 25), Point(60, 25), meets: box))
        #expect(!SegmentIndex.segment(Point(0, 5), Point(60, -40), meets: box))
        #expect(SegmentIndex.segment(Point(15, 15), Point(15, 15), meets: box))
        var index = SegmentIndex(polylines: [[Point(-3000, 15), Point(3000, 15)]])
        #expect(index.meets(box))
        #expect(!index.meets(Rect(x: 700, y: 30, width: 50, height: 50)))
        index.insert(Point(720, 0), Point(720, 500))
        #expect(index.meets(Rect(x: 700, y: 30, width: 50, height: 50)))
    }

    @Test func ringFollowsImhofsOrderThenGrowsWithLeaders() {
        let c = LabelRing.candidates(around: Point(100, 100), offsets: ChartLayout.endMarkOffsets, rings: 2)
        #expect(c.count == 32)
        let first = c.prefix(8).map { "\($0.x),\($0.centreY),\($0.fraction)" }
        #expect(first == ["110.0,100.0,0.0", "108.0,84.0,0.0", "100.0,84.0,0.5", "108.0,116.0,0.0",
                          "100.0,116.0,0.5", "90.0,100.0,1.0", "92.0,84.0,1.0", "92.0,116.0,1.0"])
        // Then the slid variants of ring 0, still without a leader.
        #expect(c.dropFirst(8).prefix(2).map { "\($0.x),\($0.centreY),\($0.fraction)" } == ["100.0,84.0,0.25", "100.0,84.0,0.75"])
        #expect(c.prefix(16).allSatisfy { $0.leader == .none })
        // Ring 1: 16 px further out at the sides and vertically, 8 px across on the diagonals, with a leader.
        #expect(c.dropFirst(16).map { "\($0.x),\($0.centreY)" }.prefix(2) == ["126.0,100.0", "116.0,68.0"])
        #expect(c.dropFirst(16).allSatisfy { $0.leader == .toBox })
    }

    @Test func firstFreeCandidateWins() {
        // A line through the right-hand position and a box over the above-right and above ones: the label
        // goes below-right, (8, +16), without a leader.
        var placer = LabelPlacer(measurer: measurer, obstacles: [Rect(x: 104, y: 76, width: 20, height: 10)],
                                 lines: [[Point(0, 100), Point(400, 101)]])
        placer.place([request("diverged at step 3", at: Point(100, 100))])
        let label = placer.placed.first
        #expect(placer.notes.isEmpty)
        #expect(label?.runs.first?.origin.x == 108)
        #expect(abs((label?.runs.first?.origin.y ?? 0) - (116 + 0.3645 * 11)) < 1e-9)
        #expect(label?.leader.isEmpty == true)
    }

    @Test func higherPriorityIsPlacedFirst() {
        var placer = LabelPlacer(measurer: measurer, obstacles: [], lines: [])
        let anchor = Point(100, 100)
        placer.place([request("direct", at: anchor, priority: .direct), request("mark", at: anchor, priority: .mark)])
        #expect(placer.placed.map { $0.runs.first?.string } == ["mark", "direct"])
        // Both wanted the right-hand position; the later one moved on and does not overlap the first.
        if let a = placer.placed.first?.box, let b = placer.placed.last?.box { #expect(!LabelPlacer.overlap(a, b)) }
    }

    @Test func leaderJoinsAFarLabelAndAvoidsPlacedLabels() {
        // Lines block ring 0 everywhere: horizontal and vertical lines through the anchor's neighbourhood.
        let lines = [[Point(0, 100), Point(400, 100)], [Point(100, 0), Point(100, 300)], [Point(0, 84), Point(400, 84)],
                     [Point(0, 116), Point(400, 116)], [Point(0, 92), Point(400, 92)], [Point(0, 108), Point(400, 108)]]
        var placer = LabelPlacer(measurer: measurer, obstacles: [], lines: lines)
        placer.place([request("far", at: Point(100, 100))])
        let label = placer.placed.first
        #expect(label != nil)
        #expect(label?.leader.count == 2)
        if let start = label?.leader.first { #expect(abs(start.y - 100) + abs(start.x - 100) >= 6.5) }
    }

    @Test func nothingFitsGivesANumberedNote() {
        var placer = LabelPlacer(measurer: measurer, obstacles: [], lines: [])
        let tiny = Rect(x: 0, y: 0, width: 60, height: 60)
        placer.place([request("diverged at step 12", at: Point(30, 30), region: tiny),
                      request("diverged at step 13", at: Point(30, 30), region: tiny)])
        #expect(placer.placed.isEmpty)
        #expect(placer.notes.map(\.number) == [1, 2])
        #expect(placer.notes.map(\.text) == ["note diverged at step 12", "note diverged at step 13"])
        // The two circled numbers are inside the region and apart.
        let boxes = placer.notes.map { Rect(x: $0.marker.x - 7.5, y: $0.marker.y - 7.5, width: 15, height: 15) }
        #expect(boxes.allSatisfy { $0.within(tiny) })
        if let a = boxes.first, let b = boxes.last { #expect(!LabelPlacer.overlap(a, b)) }
        var dropped = LabelPlacer(measurer: measurer, obstacles: [], lines: [])
        var phase = request("warmup phase label", at: Point(30, 30), region: tiny)
        phase.fallback = .drop
        dropped.place(phase)
        #expect(dropped.placed.isEmpty && dropped.notes.isEmpty)
    }

    @Test func mergedEndMarkTexts() {
        #expect(ChartLayout.mergedEndMarkText(names: ["lr 5", "lr 10"], texts: ["diverged at step 2", "diverged at step 2"])
            == "lr 5, 10 diverged at step 2")
        #expect(ChartLayout.mergedEndMarkText(names: ["lr 5", "lr 10"], texts: ["diverged at step 2", "diverged at step 3"])
            == "diverged: lr 5 at step 2, 10 at step 3")
        #expect(ChartLayout.mergedEndMarkText(names: ["5", "batch 64"], texts: ["diverged at step 2", "diverged at step 2"])
            == "5, batch 64 diverged at step 2")
        #expect(ChartLayout.mergedEndMarkText(names: ["", "b"], texts: ["diverged at step 2", "diverged at step 2"])
            == "diverged at step 2")
        #expect(ChartLayout.mergedEndMarkText(names: ["a", "b"], texts: ["blew up", "diverged at step 2"])
            == "a blew up; b diverged at step 2")
    }
}
