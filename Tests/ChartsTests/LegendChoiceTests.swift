import Testing
@testable import Charts

/// Which legend a chart gets, and where divergence labels go.
@Suite struct LegendChoiceTests {
    func layout(_ series: [Series], y: Axis = Axis(title: "y", domain: 0...1)) -> (ChartLayout.LegendMode, [String]) {
        let chart = Chart(title: "t", subtitle: "s", xAxis: Axis(title: "x"), yAxis: y, panels: [Panel(series: series)],
                          legendTitle: "key", endMarkKey: "diverged")
        let l = ChartLayout(chart: chart, measurer: FixedWidthMeasurer())
        let hb = l.header.bottom
        let canvas = RecordingCanvas()
        l.scene().draw(on: canvas)
        return (l.chooseLayout(headerBottom: hb).1, canvas.lines)
    }

    func line(_ y0: Double, _ y1: Double, n: Int = 20) -> [ChartPoint] {
        (0...n).map { ChartPoint(x: Double($0), y: y0 + (y1 - y0) * Double($0) / Double(n)) }
    }

    @Test func directLabelsWhenEndsShareX() {
        let (mode, _) = layout([Series(label: "a", colorIndex: 0, points: line(0.1, 0.9)),
                                Series(label: "b", colorIndex: 1, points: line(0.1, 0.5))])
        guard case .direct(let labels) = mode else { Issue.record("expected direct labels"); return }
        #expect(labels.count == 2)
    }

    @Test func longLabelsOnConvergingLinesUseInPlotLegend() {
        let long = "a rather long series label"
        let (mode, lines) = layout([Series(label: long + " 1", colorIndex: 0, points: line(0.2, 0.01)),
                                    Series(label: long + " 2", colorIndex: 1, points: line(0.3, 0.0)),
                                    Series(label: long + " 3", colorIndex: 2, points: line(0.25, 0.02))])
        guard case .inPlot(let box) = mode else { Issue.record("expected in-plot legend"); return }
        #expect(box.minY < 100)  // top-right corner is free: the lines stay low
        #expect(lines.contains { $0.hasSuffix("\"\(long) 1\"") })
    }

    @Test func noFreeCornerFallsBackToLegendRow() {
        // Lines sweep all four corners; a diverged run rules out direct labels.
        let (mode, lines) = layout([Series(label: "up", colorIndex: 0, points: line(0, 1)),
                                    Series(label: "down", colorIndex: 1, points: line(1, 0),
                                           endMark: EndMark(x: 20, y: 0, label: "diverged at step 9"))])
        guard case .row = mode else { Issue.record("expected legend row"); return }
        #expect(lines.contains("text 20,81 bold 12 #333333 \"key\""))
    }

    @Test func divergenceLabelAvoidsLines() {
        // A flat line through the marker's right-hand side pushes the label to (8, −16).
        let flat = Series(label: "flat", colorIndex: 0, points: line(0.5, 0.5))
        let div = Series(label: "div", colorIndex: 1, points: [],
                         endMark: EndMark(x: 2, y: 0.5, label: "diverged at step 3"))
        let (_, lines) = layout([flat, div])
        let label = lines.first { $0.hasSuffix("\"diverged at step 3\"") }
        let cross = lines.first { $0.hasPrefix("line w=2 #D55E00") }
        #expect(label != nil && cross != nil)
        // Marker at y = 0.5 → 260 px (plot 77...444 → 0.5 at 260.5); label centre 16 px above, baseline + 4.01.
        #expect(label?.contains(",248.5") == true, "\(label ?? "")")
    }
}
