import Testing
@testable import Charts

/// Chart and panel titles are never clipped: 90 % of the size, then two lines, then "…".
@Suite struct TitleFitTests {
    let m = FixedWidthMeasurer()

    func layout(_ chart: Chart) -> ChartLayout { ChartLayout(chart: chart, measurer: m) }

    /// 18 px Bold is 10.8 px per character here: 760 px hold 70 characters at 18 px, 78 at 16.2 px.
    func title(_ characters: Int) -> String {
        String(repeating: "word ", count: characters / 5 + 1).prefix(characters).trimmingCharacters(in: .whitespaces)
    }

    @Test func titleShrinksBeforeItWraps() {
        let fits = TextWrap.fitted(title(70), font: .bold(18), maxWidth: 760, measurer: m)
        #expect(fits.lines.count == 1 && fits.font == .bold(18))
        let shrunk = TextWrap.fitted(title(76), font: .bold(18), maxWidth: 760, measurer: m)
        #expect(shrunk.lines.count == 1 && abs(shrunk.font.size - 16.2) < 1e-9 && shrunk.font.bold)
        let wrapped = TextWrap.fitted(title(120), font: .bold(18), maxWidth: 760, measurer: m)
        #expect(wrapped.lines.count == 2 && abs(wrapped.font.size - 16.2) < 1e-9)
        #expect(wrapped.lines.allSatisfy { m.measure($0, font: wrapped.font).width <= 760 })
        #expect(wrapped.lines.joined(separator: " ") == title(120))
    }

    @Test func tooLongEndsWithAnEllipsisAtAWordWithoutDanglingSeparators() {
        let text = (1...30).map { "clause \($0)," }.joined(separator: " · ")
        let fit = TextWrap.fitted(text, font: .bold(18), maxWidth: 760, measurer: m)
        #expect(fit.lines.count == 2)
        let last = fit.lines.last ?? ""
        #expect(last.hasSuffix("…"))
        #expect(!last.hasSuffix(",…") && !last.hasSuffix("·…") && !last.hasSuffix(" …"))
        #expect(!(fit.lines.first ?? "").hasSuffix("·") && !last.hasPrefix("·"))
        #expect(fit.lines.allSatisfy { m.measure($0, font: fit.font).width <= 760 })
    }

    @Test func anUnbreakableWordTakesOneLineWithAnEllipsis() {
        let fit = TextWrap.fitted(String(repeating: "x", count: 100), font: .bold(13), maxWidth: 200, measurer: m)
        #expect(fit.lines.count == 1)
        #expect(fit.lines.first?.hasSuffix("…") == true)
        #expect(m.measure(fit.lines.first ?? "", font: fit.font).width <= 200)
    }

    @Test func chartTitleIsDrawnAtItsFittedSize() {
        var chart = PanelGridTests.grid(panels: 2, columns: nil)
        chart.title = title(76)
        let canvas = RecordingCanvas()
        layout(chart).scene().draw(on: canvas)
        #expect(canvas.lines.contains("text 20,34 bold 16.2 #1A1A1A \"\(title(76))\""))
    }

    @Test func twoLinePanelTitlesMakeRoomAboveEveryRow() {
        var chart = PanelGridTests.grid(panels: 6, columns: 3)
        let plain = layout(chart).chooseLayout(headerBottom: 55).0
        chart.panels[4].title = "batch size 1024 · SGD with Nesterov momentum 0.9 · weight decay 5e-4"
        let roomy = layout(chart).chooseLayout(headerBottom: 55).0
        let tops = { (g: ChartLayout.Geometry) in g.frames.map(\.rect.minY) }
        // Both rows move down by one title line (15 px): the first by the reserve, the second by the larger gap.
        #expect(zip(tops(plain), tops(roomy)).allSatisfy { abs($1 - $0 - 15) < 0.51 || abs($1 - $0 - 30) < 0.51 })
        #expect((roomy.frames.first?.rect.minY ?? 0) - (plain.frames.first?.rect.minY ?? 0) == 15)
        let canvas = RecordingCanvas()
        layout(chart).scene().draw(on: canvas)
        let titleLines = canvas.lines.filter { $0.contains("bold 11.7") }
        #expect(titleLines.count == 2)
        let boxes = LayoutChecker.textBoxes(layout(chart).scene(), measurer: m)
        #expect(LayoutChecker.overlaps(boxes).isEmpty)
    }
}
