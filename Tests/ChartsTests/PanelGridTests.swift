import Formatting
import Foundation
import Testing
@testable import Charts

/// Small multiples in a grid: `Chart.columns` panels per row, rows apart enough for tick labels and titles.
@Suite struct PanelGridTests {
    func record(_ chart: Chart) -> [String] {
        let canvas = RecordingCanvas()
        ChartLayout(chart: chart, measurer: FixedWidthMeasurer()).scene().draw(on: canvas)
        return canvas.lines
    }

    static func grid(panels: Int, columns: Int?) -> Chart {
        Chart(title: "T", subtitle: "s", xAxis: Axis(title: "epoch"), yAxis: Axis(title: "test accuracy", format: .percent),
              panels: (0..<panels).map { i in
                  Panel(title: "lr \(i)", series: [
                      Series(label: "64", colorIndex: 0, points: [ChartPoint(x: 0, y: 0.2), ChartPoint(x: 30, y: 0.9)]),
                      Series(label: "256", colorIndex: 1, points: [ChartPoint(x: 0, y: 0.1), ChartPoint(x: 30, y: 0.8 + 0.01 * Double(i))]),
                  ])
              }, legendTitle: "batch size", columns: columns)
    }

    /// Each panel's rectangle, read from its clip (the plot area with 2 px to spare).
    func panelRects(_ lines: [String]) -> [String] {
        lines.filter { $0.hasPrefix("clip ") }.map { line in
            let v = line.split(separator: " ").dropFirst().compactMap { Double($0) }
            guard v.count == 4 else { return line }
            return "\(fmt(v[0] + 2)) \(fmt(v[1] + 2)) \(fmt(v[0] + v[2] - 2)) \(fmt(v[1] + v[3] - 2))"
        }
    }

    private func fmt(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }

    /// Boxes of all unrotated text (extents of the fixed-width measurer), for overlap checks.
    func textBoxes(_ chart: Chart) -> [(String, Rect)] {
        let m = FixedWidthMeasurer()
        return ChartLayout(chart: chart, measurer: m).scene().items.compactMap { item in
            guard case let .text(run) = item, !run.rotated else { return nil }
            let e = m.measure(run.string, font: run.font)
            return (run.string, Rect(minX: run.origin.x, minY: run.origin.y - e.ascent,
                                     maxX: run.origin.x + e.width, maxY: run.origin.y + e.descent))
        }
    }

    @Test func sixPanelsInThreeColumnsMakeTwoRows() {
        let lines = record(Self.grid(panels: 6, columns: 3))
        // Legend baseline 81, panels from 121 to 444; rows 136.5 px tall and 50 px apart
        // (tick 8 + cap 8.75 + descent 2.88 + air 10 + title ascent 9.88 + 10, rounded up); columns 28 px apart.
        #expect(panelRects(lines) == [
            "82 121 296 257.5", "324 121 538 257.5", "566 121 780 257.5",
            "82 307.5 296 444", "324 307.5 538 444", "566 307.5 780 444",
        ])
        // Panel titles 10 px above each panel.
        for (i, at) in ["82,111", "324,111", "566,111", "82,297.5", "324,297.5", "566,297.5"].enumerated() {
            #expect(lines.contains("text \(at) bold 13 #1A1A1A \"lr \(i)\""))
        }
        // Shared y ticks: tick marks on every panel, labels only on the first panel of each row.
        #expect(lines.filter { $0.hasSuffix("\"100%\"") } == ["text 45.2,125.37 book 12 #595959 \"100%\"",
                                                                   "text 45.2,311.87 book 12 #595959 \"100%\""])
        for (x, y) in [(82, "121"), (324, "121"), (566, "121"), (82, "307.5"), (324, "307.5"), (566, "307.5")] {
            #expect(lines.contains("line w=1 #4D4D4D \(x - 4),\(y) \(x),\(y)"))
        }
        #expect(lines.filter { $0.hasPrefix("line w=1 #E5E5E5") }.count == 18)
        // Every panel has its own x tick labels, under its own bottom edge.
        #expect(lines.filter { $0.hasSuffix("\"30\"") }.count == 6)
        #expect(lines.contains("text 530.8,274.25 book 12 #595959 \"30\""))
        #expect(lines.contains("text 530.8,460.75 book 12 #595959 \"30\""))
        // One x title centred under the grid, one y title centred on it, one legend row.
        #expect(lines.filter { $0.hasSuffix("\"epoch\"") } == ["text 411.5,486 book 13 #333333 \"epoch\""])
        #expect(lines.filter { $0.hasSuffix("\"test accuracy\"") } == ["text 30,333.2 book 13 #333333 up \"test accuracy\""])
        #expect(lines.filter { $0.hasSuffix("\"batch size\"") }.count == 1)
    }

    @Test func noTextOverlapsBetweenRows() {
        for (panels, columns) in [(6, 3), (5, 3), (4, 2), (6, 2)] {
            let boxes = textBoxes(Self.grid(panels: panels, columns: columns))
            for (i, a) in boxes.enumerated() {
                for b in boxes[(i + 1)...] {
                    #expect(!a.1.intersects(b.1), "\(panels)/\(columns): \(a.0) overlaps \(b.0)")
                }
            }
        }
    }

    @Test func fivePanelsInThreeColumnsLeaveTheLastSlotEmpty() {
        let lines = record(Self.grid(panels: 5, columns: 3))
        #expect(panelRects(lines) == [
            "82 121 296 257.5", "324 121 538 257.5", "566 121 780 257.5",
            "82 307.5 296 444", "324 307.5 538 444",
        ])
        #expect(lines.filter { $0.hasSuffix("\"100%\"") }.count == 2)
        // The x title stays centred under the whole grid, not under the short last row.
        #expect(lines.contains("text 411.5,486 book 13 #333333 \"epoch\""))
    }

    @Test func columnsAtLeastThePanelCountIsOneRow() {
        let row = record(Self.grid(panels: 5, columns: 5))
        #expect(panelRects(row).count == 5)
        #expect(panelRects(row).allSatisfy { $0.split(separator: " ")[1] == "121" && $0.hasSuffix(" 444") })
        for columns in [6, 1000, Int.max] {
            #expect(record(Self.grid(panels: 5, columns: columns)) == row)
        }
        #expect(row.filter { $0.hasSuffix("\"100%\"") }.count == 1)
    }

    @Test func columnsNilWrapsAtFourPerRow() {
        #expect(record(Self.grid(panels: 4, columns: nil)) == record(Self.grid(panels: 4, columns: 4)))
        #expect(record(Self.grid(panels: 3, columns: nil)) == record(Self.grid(panels: 3, columns: 3)))
        let five = record(Self.grid(panels: 5, columns: nil))
        #expect(five == record(Self.grid(panels: 5, columns: 4)))
        #expect(Set(panelRects(five).map { $0.split(separator: " ")[1] }).count == 2)
        #expect(PanelGrid(count: 9, columns: nil).rows == 3)
    }

    @Test func awkwardColumnCountsDoNotTrap() {
        for columns in [0, -3, Int.min, 1, 2] {
            let lines = record(Self.grid(panels: 5, columns: columns))
            #expect(lines.filter { $0.hasPrefix("clip ") }.count == 5)
        }
        // One column of many panels: rows squeeze to 10 px, never inverted.
        let tall = record(Self.grid(panels: 40, columns: 1))
        let heights = tall.filter { $0.hasPrefix("clip ") }.compactMap { Double($0.split(separator: " ")[4]) }
        #expect(heights.count == 40 && heights.allSatisfy { $0 >= 14 })
        _ = record(Chart(title: "", xAxis: Axis(title: ""), yAxis: Axis(title: ""), panels: [], columns: 3))
        _ = record(Self.grid(panels: 1, columns: 3))
        #expect(PanelGrid(count: 7, columns: 3).rows == 3)
        #expect(PanelGrid(count: 0, columns: 3) == PanelGrid(count: 1, columns: nil))
    }

    /// A 2 × 3 grid as `lrlab-bench chart --kind multiples` would draw it, with bands and a diverged run,
    /// written to $LRLAB_GALLERY_OUT for looking at. Skipped unless that variable is set.
    @Test(.enabled(if: GalleryRenderTests.outDir != nil)) func renderGrid() throws {
        let dir = try #require(GalleryRenderTests.outDir)
        let lrs = [0.01, 0.03, 0.1, 0.3, 1, 3]
        let panels = lrs.map { lr in
            Panel(title: "learning rate \(NumberText.learningRate(lr))", series: [64, 256, 1024].enumerated().map { i, b in
                let rate = lr * 20 / Double(b) * 64 / 10
                let mean = (1...30).map { e in ChartPoint(x: Double(e), y: 0.95 * (1 - exp(-rate * Double(e)))) }
                if lr == 3, b == 64 {
                    return Series(label: "\(b)", colorIndex: i, points: Array(mean.prefix(2)),
                                  endMark: EndMark(x: 2.4, y: 0.1, label: "diverged at step 52"))
                }
                let band = mean.map { p in
                    let spread = 0.01 + 0.2 * exp(-rate * p.x)
                    return BandPoint(x: p.x, low: max(p.y - spread, 0), high: min(p.y + spread, 1))
                }
                return Series(label: "\(b)", colorIndex: i, points: mean, band: band)
            })
        }
        let chart = Chart(title: "Test accuracy per epoch, by learning rate and batch size",
                          subtitle: "synthetic curves · mean ± std over 5 seeds", xAxis: Axis(title: "epoch"),
                          yAxis: Axis(title: "test accuracy", format: .percent), panels: panels,
                          legendTitle: "batch size", columns: 3, endMarkKey: "diverged")
        try render(chart, png: dir + "/small-multiples-grid.png")
        try render(chart, svg: dir + "/small-multiples-grid.svg")
    }
}
