import Testing
@testable import Charts

/// Layouts pinned exactly with the recording canvas and the fixed-width measurer (0.6 em per character).
@Suite struct LayoutTests {
    func record(_ chart: Chart) -> [String] {
        let canvas = RecordingCanvas()
        ChartLayout(chart: chart, measurer: FixedWidthMeasurer()).scene().draw(on: canvas)
        return canvas.lines
    }

    static let small = Chart(
        title: "Loss", xAxis: Axis(title: "epoch"), yAxis: Axis(title: "loss"),
        panels: [Panel(series: [Series(label: "a", colorIndex: 0, points: [
            ChartPoint(x: 0, y: 0), ChartPoint(x: 5, y: 0.5), ChartPoint(x: 10, y: 1),
        ])])])

    @Test func smallChartIsPinned() {
        let lines = record(Self.small)
        // Plot left = 20 + 15 + 10 + "0.2" (21.6) + 8 → 74.5; right = 780 − ("a" 7.2 + 14) → 759; top = 34 + 22.
        let expected = [
            "rect 0 0 800 500 #FFFFFF",
            "text 20,34 bold 18 #1A1A1A \"Loss\"",
            "line w=1 #E5E5E5 74.5,444 759,444",
            "line w=1 #E5E5E5 74.5,366.5 759,366.5",
            "line w=1 #E5E5E5 74.5,56 759,56",
            "clip 72.5 54 688.5 392",
            "line w=2 #0072B2 round 74.5,444 416.75,250 759,56",
            "unclip",
            "line w=1 #4D4D4D 74.5,56 74.5,444",
            "line w=1 #4D4D4D 74.5,444 759,444",
            "line w=1 #4D4D4D 74.5,444 74.5,448",
            "text 70.9,460.75 book 12 #595959 \"0\"",
            "line w=1 #4D4D4D 759,444 759,448",
            "text 751.8,460.75 book 12 #595959 \"10\"",
            "line w=1 #4D4D4D 70.5,56 74.5,56",
            "text 59.3,448.37 book 12 #595959 \"0\"",
            "text 481.6,460.75 book 12 #595959 \"6\"",
            "text 44.9,60.37 book 12 #595959 \"1.0\"",
            "circle 759,56 r=4 #FFFFFF",
            "circle 759,56 r=3 #0072B2",
            "text 773,60.37 bold 12 #0072B2 \"a\"",
            "text 397.25,486 book 13 #333333 \"epoch\"",
            "text 30,265.6 book 13 #333333 up \"loss\"",
        ]
        for line in expected {
            #expect(lines.contains(line), "missing: \(line)")
        }
        // Gridlines come before the data line, axes after it; the white background is first.
        let grid = lines.firstIndex(of: "line w=1 #E5E5E5 74.5,56 759,56") ?? -1
        let data = lines.firstIndex { $0.hasPrefix("line w=2 #0072B2") } ?? -1
        let axis = lines.firstIndex(of: "line w=1 #4D4D4D 74.5,56 74.5,444") ?? -1
        #expect(lines.first == "rect 0 0 800 500 #FFFFFF")
        #expect(grid < data && data < axis)
    }

    @Test func dodgeKeepsGapAndBounds() {
        let y = Dodge.positions([86.2, 89.1, 98.3], gap: 16, minY: 77, maxY: 444)
        #expect(y == [77, 93, 109])
        let far = Dodge.positions([100, 300, 50], gap: 16, minY: 0, maxY: 500)
        #expect(far == [100, 300, 50])
        let bottom = Dodge.positions([444, 444, 444], gap: 16, minY: 77, maxY: 444)
        #expect(bottom == [412, 428, 444])
        #expect(Dodge.positions([], gap: 16, minY: 0, maxY: 1).isEmpty)
    }

    @Test func titleWrapsBalancedAtClauseSeparator() {
        let m = FixedWidthMeasurer()
        // 13 px × 0.6 = 7.8 px per character: 760 px hold 97 characters.
        let text = String(repeating: "a", count: 40) + " · " + String(repeating: "b", count: 40) + " · "
            + String(repeating: "c", count: 30)
        let lines = TextWrap.lines(text, font: .book(13), maxWidth: 760, measurer: m)
        // "a" | "b · c" (312 vs 569 px) is more balanced than "a · b" | "c" (647 vs 234 px).
        #expect(lines == [String(repeating: "a", count: 40),
                          String(repeating: "b", count: 40) + " · " + String(repeating: "c", count: 30)])
        #expect(TextWrap.lines("short", font: .book(13), maxWidth: 760, measurer: m) == ["short"])
        let words = Array(repeating: "word", count: 60).joined(separator: " ")
        let cut = TextWrap.lines(words, font: .book(13), maxWidth: 760, measurer: m)
        #expect(cut.count == 2)
        #expect(cut.last?.hasSuffix("…") == true)
        #expect(cut.allSatisfy { m.measure($0, font: .book(13)).width <= 760 })
    }

    @Test func longSubtitleMovesPlotDown() {
        var chart = Self.small
        chart.subtitle = String(repeating: "x", count: 60) + " · " + String(repeating: "y", count: 60)
        let lines = record(chart)
        #expect(lines.contains { $0.hasPrefix("text 20,55 book 13 #595959") })
        #expect(lines.contains { $0.hasPrefix("text 20,72 book 13 #595959") })
        #expect(lines.contains("line w=1 #4D4D4D 74.5,94 74.5,444"))
    }

    @Test func smallMultiplesUseLegendRowAndSharedY() {
        let series = { (i: Int) in
            [Series(label: "0.01", colorIndex: 0, points: [ChartPoint(x: 1, y: 0.2), ChartPoint(x: 30, y: 0.9)]),
             Series(label: "5", colorIndex: 3, points: [],
                    endMark: EndMark(x: 0.2, y: 0.1, label: "diverged at step \(i)"))]
        }
        let chart = Chart(title: "T", subtitle: "s", xAxis: Axis(title: "epoch"),
                          yAxis: Axis(title: "test accuracy", format: .percent),
                          panels: [Panel(title: "batch size 64", series: series(5)),
                                   Panel(title: "batch size 256", series: series(4))],
                          legendTitle: "learning rate", endMarkKey: "diverged")
        let lines = record(chart)
        // Legend row at subtitle baseline + 26; panels 40 below it; panel titles 10 above.
        #expect(lines.contains("text 20,81 bold 12 #333333 \"learning rate\""))
        #expect(lines.contains { $0.hasPrefix("text") && $0.hasSuffix("\"diverged\"") })
        #expect(lines.contains { $0.hasPrefix("text") && $0.contains(",111 bold 13 #1A1A1A \"batch size 256\"") })
        // Only the first panel has y tick labels.
        #expect(lines.filter { $0.hasSuffix("\"100%\"") }.count == 1)
        #expect(lines.filter { $0.contains("halo") && $0.contains("diverged at step") }.count == 2)
    }
}
