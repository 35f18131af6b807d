import Testing
@testable import Charts

/// The legend row wraps onto as many rows as it needs and never cuts an entry.
@Suite struct LegendRowTests {
    func layout(_ chart: Chart) -> ChartLayout { ChartLayout(chart: chart, measurer: FixedWidthMeasurer()) }

    func record(_ chart: Chart) -> [String] {
        let canvas = RecordingCanvas()
        layout(chart).scene().draw(on: canvas)
        return canvas.lines
    }

    @Test func shortLegendStaysOnOneRow() {
        let chart = PanelGridTests.grid(panels: 3, columns: nil)
        #expect(layout(chart).legendRowCount == 1)
        #expect(layout(chart).legendRowExtraHeight == 0)
    }

    @Test func tenEntriesWrapIntoEvenColumnsUnderTheFirstEntry() {
        let l = layout(ChartZoo.eightPanels())
        let items = l.legendRowLayout()
        let entries = items.filter { if case .entry = $0.kind { return true } else { return false } }
        #expect(entries.count == 10)
        #expect(l.legendRowCount == 2)
        // 5 entries per row, columns aligned: the second row starts under the first entry.
        #expect(entries.filter { $0.row == 0 }.count == 5)
        #expect(entries[5].x == entries[0].x && entries[6].x == entries[1].x)
        #expect(items.allSatisfy { $0.x >= 20 })
        // The plot moves down by 18 px per extra row.
        // Subtitle baseline 55, legend baselines 81 and 99, panels from 81 + 18 + 40 = 139 (clip 2 px outside).
        let lines = record(ChartZoo.eightPanels())
        #expect(lines.first { $0.hasPrefix("clip ") }?.split(separator: " ")[2] == "137")
        #expect(lines.contains { $0.hasPrefix("text ") && $0.contains(",99 book 12") && $0.hasSuffix("\"lr 10\"") })
    }

    @Test func divergedKeyIsTheLastCell() {
        let items = layout(ChartZoo.eightPanels(diverged: true)).legendRowLayout()
        guard case .endMarkKey("diverged") = items.last?.kind else {
            Issue.record("the ✕ diverged key should come last")
            return
        }
    }

    @Test func entriesNeverLeaveTheRow() {
        for chart in [ChartZoo.eightPanels(diverged: true), ChartZoo.longLegendLabels(panels: 2),
                      ChartZoo.twelveRates()] {
            let l = layout(chart)
            let m = FixedWidthMeasurer()
            for item in l.legendRowLayout() {
                let width: Double
                switch item.kind {
                case let .title(t): width = m.measure(t, font: .bold(12)).width
                case let .entry(_, text): width = 26 + m.measure(text, font: .book(12)).width
                case let .endMarkKey(key): width = 15 + m.measure(key, font: .book(12)).width
                }
                #expect(item.x + width <= 780.01)
            }
        }
    }

    @Test func aLabelWiderThanTheRowIsCutWithAnEllipsis() {
        var chart = PanelGridTests.grid(panels: 2, columns: nil)
        chart.panels[0].series[0].label = String(repeating: "w", count: 120)
        chart.panels[1].series[0].label = chart.panels[0].series[0].label
        let items = layout(chart).legendRowLayout()
        let texts = items.compactMap { item -> String? in
            if case let .entry(_, text) = item.kind { return text }
            return nil
        }
        #expect(texts.contains { $0.hasSuffix("…") })
        #expect(layout(chart).legendRowCount >= 2)
    }

    @Test func inPlotLegendFitsOrFallsBackToTheRow() {
        // Six long labels on converging lines: the in-plot box fits the plot, or the chart takes the row.
        let l = ChartLayout(chart: ChartZoo.longLegendLabels(), measurer: FixedWidthMeasurer())
        let (g, mode) = l.chooseLayout(headerBottom: FigureHeader.bottom(titles: 1, subtitles: 1))
        switch mode {
        case let .inPlot(box):
            let plot = g.frames.first?.rect ?? Rect(x: 0, y: 0, width: 0, height: 0)
            #expect(box.isInside(plot.insetBy(dx: -0.01, dy: -0.01)))
        case .row: break
        default: Issue.record("expected a legend")
        }
    }
}
