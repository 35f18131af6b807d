import Foundation
import Testing
@testable import Charts

/// Per-series line styles, reference lines, point marks and a y axis per row of panels (the report's
/// lecture figure: accuracy above, loss below, training solid and test dashed).
@Suite struct LineStyleAndRowAxesTests {
    static func curve(_ y0: Double, _ y1: Double) -> [ChartPoint] {
        (0...10).map { ChartPoint(x: Double($0), y: y0 + (y1 - y0) * Double($0) / 10) }
    }

    /// Two columns, accuracy on top and loss (log) below; training solid, test dashed, validation dotted.
    static func lecture() -> Chart {
        func panel(_ title: String?, loss: Bool) -> Panel {
            Panel(title: title, series: [
                Series(label: "training", colorIndex: 0, points: loss ? curve(2, 0.01) : curve(0.2, 1), lineStyle: .solid),
                Series(label: "test", colorIndex: 1, points: loss ? curve(2.1, 0.2) : curve(0.2, 0.9), lineStyle: .dashed),
                Series(label: "validation", colorIndex: 2, points: loss ? curve(2.2, 0.3) : curve(0.15, 0.88), lineStyle: .dotted),
            ])
        }
        var chart = Chart(title: "Training and test accuracy and loss per epoch, by batch size", subtitle: "digits · 10 epochs",
                          xAxis: Axis(title: "epoch", domain: 0...10), yAxis: Axis(title: "unused"),
                          panels: [panel("batch 64", loss: false), panel("batch 1024", loss: false),
                                   panel(nil, loss: true), panel(nil, loss: true)],
                          columns: 2, colorCount: 3)
        chart.rowYAxes = [Axis(title: "accuracy", format: .percent), Axis(title: "loss (log scale)", scale: .log)]
        return chart
    }

    func scene(_ chart: Chart) -> Scene { ChartLayout(chart: chart, measurer: FixedWidthMeasurer()).scene() }

    func texts(_ chart: Chart) -> [TextRun] {
        scene(chart).items.compactMap { if case let .text(run) = $0 { return run } else { return nil } }
    }

    @Test func eachRowHasItsOwnAxisAndTitle() {
        let runs = texts(Self.lecture())
        // The top row reads percentages, the bottom row decades; each row's title is rotated.
        #expect(runs.contains { $0.string == "100%" })
        #expect(runs.contains { $0.string == "0.01" })
        let titles = runs.filter(\.rotated).map(\.string)
        #expect(titles == ["accuracy", "loss (log scale)"])
        #expect(!runs.contains { $0.string == "unused" })
        // The accuracy title sits above the loss title, each centred on its row.
        let ys = runs.filter(\.rotated).map(\.origin.y)
        #expect(ys[0] < ys[1])
    }

    @Test func withoutRowAxesEveryPanelSharesOneAxis() {
        var chart = Self.lecture()
        chart.rowYAxes = []
        chart.yAxis = Axis(title: "value")
        let titles = texts(chart).filter(\.rotated).map(\.string)
        #expect(titles == ["value"])
    }

    @Test func lineStylesDashTheLinesAndTheirSwatches() {
        let s = scene(Self.lecture())
        var lines: [String: [Double]] = [:], swatches: [String: (dash: [Double], cap: Stroke.Cap)] = [:]
        for (item, role) in zip(s.items, s.roles) {
            guard case let .polyline(_, stroke) = item else { continue }
            if case let .dataLine(tag) = role { lines[tag.label] = stroke.dash }
            if case let .legendSwatch(tag) = role { swatches[tag.label] = (stroke.dash, stroke.cap) }
        }
        #expect(lines["training"] == [])
        #expect(lines["test"] == LineStyle.dashed.dash)
        #expect(lines["validation"] == LineStyle.dotted.dash)
        #expect(swatches["test"]?.dash == LineStyle.dashed.dash)
        // A dotted swatch needs round caps to show.
        #expect(swatches["validation"]?.cap == .round)
        #expect(SeriesStyleCheck.problems(s).isEmpty)
    }

    @Test func aPaletteDashStaysWithoutALineStyle() {
        let chart = Chart(title: "T", xAxis: Axis(title: "x"), yAxis: Axis(title: "y"),
                          panels: [Panel(series: (0..<5).map { Series(label: "s\($0)", colorIndex: $0, points: Self.curve(Double($0), 5)) })])
        let dashes = zip(scene(chart).items, scene(chart).roles).compactMap { item, role -> [Double]? in
            guard case let .polyline(_, stroke) = item, case let .dataLine(tag) = role, tag.colorIndex == 4 else { return nil }
            return stroke.dash
        }
        #expect(dashes.first == Palette.dash(4, count: 5))
    }

    @Test func referenceLinesAreGreyDashedAndMarkedPointsGetDots() {
        let chart = Chart(title: "Steps to target", xAxis: Axis(title: "batch size", scale: .log), yAxis: Axis(title: "steps", scale: .log),
                          panels: [Panel(series: [
                              Series(label: "perfect scaling", colorIndex: 0, points: [ChartPoint(x: 64, y: 400), ChartPoint(x: 1024, y: 25)],
                                     reference: true),
                              Series(label: "measured", colorIndex: 0,
                                     points: [ChartPoint(x: 64, y: 400), ChartPoint(x: 256, y: 150), ChartPoint(x: 1024, y: 90)],
                                     marksPoints: true),
                          ])])
        let s = scene(chart)
        let reference = zip(s.items, s.roles).compactMap { item, role -> Stroke? in
            guard case let .polyline(_, stroke) = item, case let .dataLine(tag) = role, tag.label == "perfect scaling" else { return nil }
            return stroke
        }.first
        #expect(reference?.color == Palette.rule)
        #expect(reference?.dash == [4, 3])
        #expect(reference?.width == 1.5)
        let dots = s.items.filter { if case let .circle(_, radius, color) = $0 { return radius == 3 && color == Palette.color(0) } else { return false } }
        #expect(dots.count >= 3)
    }

    @Test func theLectureFigurePassesTheLayoutChecker() throws {
        #expect(try layoutProblems(Self.lecture()) == [])
    }
}
