import Testing
@testable import Charts

/// A key point takes the colour of the line it sits on, so several lines can each mark a point.
@Suite struct KeyPointColorTests {
    @Test func keyPointUsesTheNearestLinesColour() {
        let chart = Chart(
            title: "Range test", xAxis: Axis(title: "learning rate", scale: .log), yAxis: Axis(title: "loss"),
            panels: [Panel(series: [
                Series(label: "batch 64", colorIndex: 0, points: [ChartPoint(x: 0.001, y: 2), ChartPoint(x: 1, y: 2)]),
                Series(label: "batch 256", colorIndex: 1, points: [ChartPoint(x: 0.001, y: 1), ChartPoint(x: 1, y: 1)]),
            ])],
            annotations: [.keyPoint(x: 0.1, y: 1, label: "batch 256: 0.1"), .keyPoint(x: 0.01, y: 2, label: "batch 64: 0.01")])
        let canvas = RecordingCanvas()
        ChartLayout(chart: chart, measurer: FixedWidthMeasurer()).scene().draw(on: canvas)
        let dots = canvas.lines.filter { $0.hasPrefix("circle") && $0.contains("r=3.5") }  // key points, not line ends
        #expect(dots.count == 2)
        #expect(dots.first?.hasSuffix("#D55E00") == true)  // on the batch 256 line
        #expect(dots.last?.hasSuffix("#0072B2") == true)   // on the batch 64 line
    }
}
