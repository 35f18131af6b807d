import Testing
@testable import Charts

/// Series styles for any count of key values: Okabe–Ito up to 7, viridis (no yellow) above.
@Suite struct SeriesStyleTests {
    @Test func upToSevenKeepOkabeItoWithDashesFromTheFifth() {
        for count in [nil, 3, 7] as [Int?] {
            #expect(Palette.color(0, count: count).hexString == "#0072B2")
            #expect(Palette.color(6, count: count).hexString == "#000000")
            #expect(Palette.dash(3, count: count).isEmpty)
            #expect(Palette.dash(4, count: count) == [6, 3])
            #expect(Palette.dash(6, count: count) == [6, 2, 2, 2])
        }
        // Without a count, indices wrap (the old behaviour, never trapping).
        #expect(Palette.color(7, count: nil) == Palette.color(0, count: nil))
        #expect(Palette.color(-1, count: nil).hexString == "#000000")
    }

    @Test func aboveSevenSpreadsViridisStopsWithoutYellow() {
        #expect(Palette.color(0, count: 12).hexString == "#440154")
        #expect(Palette.color(11, count: 12).hexString == "#7AD151")
        #expect(Palette.color(99, count: 12).hexString == "#7AD151")
        #expect(Palette.color(-3, count: 12).hexString == "#440154")
        // Steps are even in perceived colour (CIE76 ΔE), not in stop index.
        let steps = (1..<12).map { SeriesStyleCheck.deltaE(Palette.color($0 - 1, count: 12), Palette.color($0, count: 12)) }
        #expect((steps.max() ?? 0) / (steps.min() ?? 1) < 1.1, "\(steps)")
        #expect((0..<12).allSatisfy { Palette.dash($0, count: 12).isEmpty })
    }

    /// Perceptually even steps keep neighbours at least ΔE 8 apart up to 20 values; past that, neighbours in
    /// one chart look alike and the checker says so (a key that long belongs in small multiples).
    @Test func neighboursStayApartUpToTwentyValues() {
        for count in 8...20 {
            for i in 1..<count {
                let d = SeriesStyleCheck.deltaE(Palette.color(i - 1, count: count), Palette.color(i, count: count))
                #expect(d >= SeriesStyleCheck.minimumDeltaE, "\(count) values: ΔE \(d) between \(i - 1) and \(i)")
            }
        }
        let close = SeriesStyleCheck.deltaE(Palette.color(0, count: 40), Palette.color(1, count: 40))
        #expect(close < SeriesStyleCheck.minimumDeltaE)
        // Okabe–Ito's solid four are far apart too.
        for i in 0..<4 {
            for j in (i + 1)..<4 {
                #expect(SeriesStyleCheck.deltaE(Palette.series[i], Palette.series[j]) >= SeriesStyleCheck.minimumDeltaE)
            }
        }
    }

    func record(_ chart: Chart) -> [String] {
        let canvas = RecordingCanvas()
        ChartLayout(chart: chart, measurer: FixedWidthMeasurer()).scene().draw(on: canvas)
        return canvas.lines
    }

    @Test func aValueKeepsItsColourInEveryChartOfAReport() {
        // Two charts of a report with 12 rates: one shows rates 3 and 9 only; both draw rate 9 the same.
        var few = ChartZoo.twelveRates()
        few.panels = [Panel(series: [3, 9].compactMap { k in few.panels.first?.series[k] })]
        let all = record(ChartZoo.twelveRates()), some = record(few)
        let colour = Palette.color(9, count: 12).hexString
        #expect(all.contains { $0.hasPrefix("line w=2 \(colour) round") })
        #expect(some.contains { $0.hasPrefix("line w=2 \(colour) round") })
        // Without the report-wide count, the chart infers 10 values from its largest index.
        few.colorCount = nil
        #expect(record(few).contains { $0.hasPrefix("line w=2 \(Palette.color(9, count: 10).hexString) round") })
    }

    @Test func legendFollowsTheKeyOrder() throws {
        var chart = ChartZoo.twelveRates()
        chart.panels = [Panel(series: (chart.panels.first?.series ?? []).reversed())]
        let labels = record(chart).filter { $0.hasPrefix("text") && $0.contains("\"lr ") }.map { $0.split(separator: "\"")[1] }
        #expect(labels == ChartZoo.rates.map { "lr " + ChartZoo.rateLabel($0) }.map { Substring($0) })
    }

    @Test(arguments: [("ten rates", ChartZoo.tenRates()), ("twelve rates", ChartZoo.twelveRates()),
                      ("eight panels", ChartZoo.eightPanels())])
    func noTwoSeriesLookAlike(name: String, chart: Chart) throws {
        let problems = try layoutProblems(chart).filter { $0.contains("look alike") || $0.contains("swatch") }
        #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "; "))")
    }
}
