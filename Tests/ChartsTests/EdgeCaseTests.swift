import Foundation
import Testing
@testable import Charts

/// Awkward data must render without trapping; out-of-range values become ▲/▼ markers.
@Suite struct EdgeCaseTests {
    func scene(_ series: [Series], y: Axis = Axis(title: "y"), x: Axis = Axis(title: "x"),
               panels: Int = 1) -> [String] {
        let chart = Chart(title: "Edge case", subtitle: "a · b", xAxis: x, yAxis: y,
                          panels: Array(repeating: Panel(title: "p", series: series), count: panels), endMarkKey: "diverged")
        let canvas = RecordingCanvas()
        ChartLayout(chart: chart, measurer: FixedWidthMeasurer()).scene().draw(on: canvas)
        return canvas.lines
    }

    func pts(_ ys: [Double]) -> [ChartPoint] { ys.enumerated().map { ChartPoint(x: Double($0.offset), y: $0.element) } }

    @Test func emptyChartAndEmptyPanel() {
        #expect(!scene([]).isEmpty)
        #expect(!scene([Series(label: "a", colorIndex: 0, points: [])]).isEmpty)
        let chart = Chart(title: "", xAxis: Axis(title: ""), yAxis: Axis(title: ""), panels: [])
        let canvas = RecordingCanvas()
        ChartLayout(chart: chart, measurer: FixedWidthMeasurer()).scene().draw(on: canvas)
        #expect(canvas.lines.first == "rect 0 0 800 500 #FFFFFF")
    }

    @Test func singlePointDrawsADot() {
        let lines = scene([Series(label: "a", colorIndex: 0, points: [ChartPoint(x: 3, y: 0.5)])])
        #expect(lines.contains { $0.hasPrefix("line w=2 #0072B2") })
    }

    @Test func nonFiniteValuesBecomeEdgeMarkers() {
        let lines = scene([Series(label: "a", colorIndex: 1, points: pts([0.1, .nan, 0.3, .infinity, -.infinity, 0.2]))])
        let markers = lines.filter { $0.hasPrefix("polygon #D55E00") }
        #expect(markers.count == 3)
        // Non-finite x is skipped, not drawn at a bogus place.
        _ = scene([Series(label: "a", colorIndex: 0, points: [ChartPoint(x: .nan, y: 1), ChartPoint(x: 1, y: 1)])])
    }

    @Test func outOfDomainValuesAreMarked() {
        let y = Axis(title: "y", domain: 0...1)
        let lines = scene([Series(label: "a", colorIndex: 0, points: pts([0.5, 3, 0.5, -2]))], y: y)
        #expect(lines.filter { $0.hasPrefix("polygon") }.count == 2)
    }

    @Test func allEqualValues() {
        for v in [0.0, 5.0, -3.0, 1e-12] {
            let lines = scene([Series(label: "a", colorIndex: 0, points: pts([v, v, v]))])
            #expect(lines.contains { $0.hasPrefix("line w=2") })
        }
        _ = scene([Series(label: "a", colorIndex: 0, points: [ChartPoint(x: 2, y: 2), ChartPoint(x: 2, y: 2)])])
    }

    @Test func logAxisWithTinyZeroAndNegativeValues() {
        let y = Axis(title: "loss (log scale)", scale: .log)
        let lines = scene([Series(label: "a", colorIndex: 0, points: pts([1e-300, 1e-12, 0, -1, 2]))], y: y)
        #expect(lines.filter { $0.hasPrefix("polygon") }.count >= 1)
        _ = scene([Series(label: "a", colorIndex: 0, points: pts([0, 0]))], y: y)
        _ = scene([], y: Axis(title: "", scale: .log, domain: -1...0))
    }

    @Test func hugeValuesAndManySeries() {
        let many = (0..<12).map { Series(label: "s\($0)", colorIndex: $0, points: pts([Double($0), 1e300, -1e300])) }
        #expect(!scene(many).isEmpty)
        #expect(!scene(many, panels: 3).isEmpty)
        #expect(Palette.color(-1) == Palette.color(6))
        #expect(Palette.dash(4) == [6, 3])
    }

    @Test func divergenceEdgeCases() {
        let d = [
            Series(label: "a", colorIndex: 0, points: [], endMark: EndMark(x: 0.2, y: nil, label: "diverged at step 0")),
            Series(label: "b", colorIndex: 1, points: pts([0.5]), endMark: EndMark(x: .nan, y: .nan, label: "x")),
            Series(label: "c", colorIndex: 2, points: pts([0.5, 0.6]), endMark: EndMark(x: 1.5, y: 99, label: "")),
        ]
        let lines = scene(d)
        #expect(lines.contains { $0.contains("\"diverged at step 0\"") })
    }

    @Test func annotationsOutsideData() {
        let chart = Chart(title: "t", xAxis: Axis(title: "step", format: .count), yAxis: Axis(title: "lr", domain: 0...0.09),
                          panels: [Panel(series: [])],
                          annotations: [.phase(from: 5, to: 1, label: "warmup"), .rule(x: .nan, label: "r"),
                                        .keyPoint(x: 1e9, y: -5, label: "far")])
        let canvas = RecordingCanvas()
        ChartLayout(chart: chart, measurer: FixedWidthMeasurer()).scene().draw(on: canvas)
        #expect(!canvas.lines.isEmpty)
    }
}
