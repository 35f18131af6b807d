import Testing
@testable import Charts

/// Bands: a filled area per series, 18 % of the series colour, above the grid and under every line.
@Suite struct BandTests {
    func record(_ chart: Chart) -> [String] {
        let canvas = RecordingCanvas()
        ChartLayout(chart: chart, measurer: FixedWidthMeasurer()).scene().draw(on: canvas)
        return canvas.lines
    }

    func chart(_ band: [BandPoint], points: [ChartPoint]? = nil, y: Axis = Axis(title: "loss")) -> Chart {
        var chart = LayoutTests.small
        chart.yAxis = y
        if let points { chart.panels[0].series[0].points = points }
        chart.panels[0].series[0].band = band
        return chart
    }

    @Test func bandIsDrawnUnderTheLinesWithSeriesColourAt18Percent() {
        let band = [BandPoint(x: 0, low: 0, high: 0.2), BandPoint(x: 5, low: 0.7, high: 0.3),
                    BandPoint(x: 10, low: 0.8, high: 1)]
        let lines = record(chart(band))
        // Same frame as LayoutTests.small: x 0…10 → 74.5…759, y 0…1 → 444…56 (388 px).
        // Upper edge left → right, then lower edge right → left; low/high may come in either order.
        let polygon = "polygon #0072B2@0.18 74.5,366.4 416.75,172.4 759,56 759,133.6 416.75,327.6 74.5,444"
        let index = lines.firstIndex(of: polygon)
        #expect(index != nil, "missing: \(polygon)")
        let grid = lines.firstIndex(of: "line w=1 #E5E5E5 74.5,56 759,56") ?? .max
        let line = lines.firstIndex { $0.hasPrefix("line w=2 #0072B2") } ?? -1
        #expect(grid < (index ?? -1) && (index ?? .max) < line)
        // Clipped exactly to the plot area, in its own clip.
        let i = index ?? 1
        #expect(lines[i - 1] == "clip 74.5 56 684.5 388")
        #expect(lines[i + 1] == "unclip")
        #expect(lines.filter { $0.hasPrefix("polygon") }.count == 1)
    }

    @Test func bandsOfSeveralSeriesComeBeforeAnyLine() {
        var c = chart([BandPoint(x: 0, low: 0, high: 0.1), BandPoint(x: 10, low: 0.9, high: 1)])
        c.panels[0].series.append(Series(label: "b", colorIndex: 1, points: [ChartPoint(x: 0, y: 1), ChartPoint(x: 10, y: 0)],
                                         faintPoints: [ChartPoint(x: 0, y: 0.9), ChartPoint(x: 10, y: 0.1)],
                                         band: [BandPoint(x: 0, low: 0.8, high: 1), BandPoint(x: 10, low: 0, high: 0.2)]))
        let lines = record(c)
        let polygons = lines.indices.filter { lines[$0].hasPrefix("polygon") }
        let strokes = lines.indices.filter { lines[$0].hasPrefix("line w=2") || lines[$0].contains("@0.28") }
        #expect(polygons.count == 2)
        #expect(lines[polygons[1]].hasPrefix("polygon #D55E00@0.18"))
        #expect((polygons.max() ?? .max) < (strokes.min() ?? -1))
    }

    @Test func bandCountsForTheAutomaticYDomain() {
        let lines = record(chart([BandPoint(x: 0, low: -1, high: 0.5), BandPoint(x: 10, low: 0.5, high: 3)]))
        #expect(lines.contains { $0.hasSuffix("\"3\"") || $0.hasSuffix("\"3.0\"") })
        #expect(lines.contains { $0.hasSuffix("\"\u{2212}1\"") || $0.hasSuffix("\"\u{2212}1.0\"") })
    }

    @Test func chartWithoutBandIsUnchanged() {
        #expect(record(chart([])) == record(LayoutTests.small))
    }

    @Test func awkwardBandsDoNotTrap() {
        // A NaN splits the area in two; a single point has no area.
        let split = polygons(chart([BandPoint(x: 0, low: 0, high: 0.2), BandPoint(x: 2, low: 0.1, high: 0.3),
                                    BandPoint(x: 4, low: .nan, high: 0.5),
                                    BandPoint(x: 6, low: 0.4, high: 0.6), BandPoint(x: 8, low: 0.5, high: 0.9)]))
        #expect(split.count == 2)
        #expect(split.allSatisfy { $0.split(separator: " ").count == 2 + 4 })
        #expect(polygons(chart([BandPoint(x: 3, low: 0.2, high: 0.4)])).isEmpty)
        let isolated = polygons(chart([BandPoint(x: 0, low: 0, high: 1), BandPoint(x: .infinity, low: 0, high: 1),
                                       BandPoint(x: 5, low: 0, high: 1)]))
        #expect(isolated.isEmpty)
        // Nothing but bad values, with or without a line.
        let bad = [BandPoint(x: .nan, low: .nan, high: .nan), BandPoint(x: 1, low: -.infinity, high: .infinity)]
        #expect(polygons(chart(bad)).isEmpty)
        #expect(polygons(chart(bad, points: [])).isEmpty)
        // Huge values stay within 2,000 px of the plot and are clipped.
        let huge = polygons(chart([BandPoint(x: 0, low: -1e300, high: 1e300), BandPoint(x: 1e300, low: 0, high: 1)],
                                  y: Axis(title: "y", domain: 0...1)))
        #expect(huge.count == 1)
        #expect(huge.allSatisfy { !$0.contains("nan") && !$0.contains("e") })
    }

    @Test func logAxisSkipsValuesAtOrBelowZero() {
        let log = Axis(title: "loss (log scale)", scale: .log)
        let line = [ChartPoint(x: 0, y: 1), ChartPoint(x: 5, y: 0.1), ChartPoint(x: 10, y: 0.01)]
        let band = [BandPoint(x: 0, low: 0.5, high: 2), BandPoint(x: 2.5, low: 0.2, high: 0.6), BandPoint(x: 5, low: 0, high: 0.2),
                    BandPoint(x: 7.5, low: 0.02, high: 0.06), BandPoint(x: 10, low: 0.005, high: 0.02)]
        let lines = record(chart(band, points: line, y: log))
        let drawn = lines.filter { $0.hasPrefix("polygon #0072B2@0.18") }
        #expect(drawn.count == 2)
        // The band's 0.005 extends the log domain below the line's 0.01, so the line no longer ends on the bottom edge.
        let end = { (lines: [String]) in lines.first { $0.hasPrefix("line w=2 #0072B2") }?.split(separator: " ").last }
        #expect(end(record(chart([], points: line, y: log))) == "759,444")
        #expect(end(lines) != "759,444")
        let none = polygons(chart([BandPoint(x: 0, low: -1, high: 0), BandPoint(x: 1, low: 0, high: 0)], y: log))
        #expect(none.isEmpty)
    }

    /// The band polygons (edge markers are opaque polygons too).
    private func polygons(_ c: Chart) -> [String] { record(c).filter { $0.hasPrefix("polygon") && $0.contains("@0.18") } }
}
