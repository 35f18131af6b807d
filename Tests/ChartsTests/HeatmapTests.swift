import Foundation
import TestSupport
import Testing
@testable import Charts

@Suite struct HeatmapTests {
    static let gallery = Heatmap(
        title: "Final test accuracy by batch size and learning rate", subtitle: "digits · after 30 epochs",
        rowLabels: ["64", "256", "1024"], columnLabels: ["0.01", "0.1", "1", "5"],
        cells: [[.value(0.947), .value(0.975, best: true), .value(0.671), .diverged(step: 5)],
                [.value(0.903), .value(0.967), .value(0.975, best: true), .diverged(step: 4)],
                [.value(0.747), .value(0.942), .value(0.958), .diverged(step: 3)]],
        rowTitle: "batch size", columnTitle: "learning rate", colorBarTitle: "final test accuracy")

    func record(_ h: Heatmap) -> [String] {
        let canvas = RecordingCanvas()
        HeatmapLayout(heatmap: h, measurer: FixedWidthMeasurer()).scene().draw(on: canvas)
        return canvas.lines
    }

    func domain(_ values: [Double], minimumSpan: Double = 0.05) -> ClosedRange<Double> {
        var h = Self.gallery
        h.cells = [values.map { .value($0) }]
        h.minimumSpan = minimumSpan
        return HeatmapLayout(heatmap: h, measurer: FixedWidthMeasurer()).colorDomain()
    }

    @Test func colourDomainSpansTheData() {
        let layout = HeatmapLayout(heatmap: Self.gallery, measurer: FixedWidthMeasurer())
        #expect(layout.colorDomain() == 0.671...0.975)
        let axis = layout.colorAxis(length: 330)
        #expect(axis.labels == ["70%", "75%", "80%", "85%", "90%", "95%"])
        #expect(axis.major.allSatisfy { $0 >= axis.lo && $0 <= axis.hi })
    }

    @Test func narrowDomainIsWidenedSymmetricallyToTheMinimumSpan() {
        let d = domain([0.955, 0.962, 0.975])
        #expect(abs(d.lowerBound - 0.94) < 1e-12 && abs(d.upperBound - 0.99) < 1e-12)
        // Near 100 % the widened domain is shifted to stay inside 0...1, keeping its span.
        let top = domain([0.985, 0.999])
        #expect(abs(top.lowerBound - 0.95) < 1e-12 && top.upperBound == 1)
        #expect(domain([0.01, 0.02]) == 0...0.05)
        let wide = domain([0.955, 0.975], minimumSpan: 0.2)
        #expect(abs(wide.upperBound - wide.lowerBound - 0.2) < 1e-12)
        #expect(domain([0, 0.5, 1]) == 0...1)
        // Not fractions: no clamping; all-equal with no minimum span still gives a non-empty domain.
        #expect(domain([3, 3.01]).lowerBound < 3)
        #expect(domain([0.5, 0.5], minimumSpan: 0).upperBound > 0.5)
    }

    @Test func bestCellsAreTheCallersChoice() {
        let lines = record(Self.gallery)
        #expect(lines.filter { $0.contains("bold 15") && $0.hasSuffix("\"97.5%\"") }.count == 2)
        #expect(lines.filter { $0.hasSuffix("\"best\"") }.count == 2)
        #expect(lines.filter { $0.hasPrefix("line w=3 #1A1A1A") }.count == 2)
        #expect(lines.filter { $0.hasSuffix("\"diverged\"") }.count == 3)
        #expect(lines.contains { $0.hasSuffix("\"at step 5\"") })
        #expect(lines.contains { $0.hasPrefix("line w=1 #D0D0D0") })
        // The darkest cell (67.1 %) gets white text, light cells dark text.
        #expect(lines.contains { $0.contains("#FFFFFF \"67.1%\"") })
        #expect(lines.contains { $0.contains("#1A1A1A \"94.7%\"") })

        var h = Self.gallery
        h.cells = [[.value(0.5, best: true), .value(0.9)]]
        let flagged = record(h)
        #expect(flagged.contains { $0.contains("bold 15") && $0.hasSuffix("\"50.0%\"") })
        #expect(flagged.contains { $0.contains("book 15") && $0.hasSuffix("\"90.0%\"") })
        #expect(flagged.filter { $0.hasPrefix("line w=3 #1A1A1A") }.count == 1)
    }

    @Test func detailLineSitsUnderTheValue() throws {
        var h = Self.gallery
        h.cells = [[.value(0.975, best: true, detail: "± 0.4"), .value(0.9, detail: "± 1.2")]]
        let lines = record(h)
        let value = try #require(lines.firstIndex { $0.hasSuffix("\"97.5%\"") })
        let detail = try #require(lines.firstIndex { $0.hasSuffix("\"± 0.4\"") })
        let best = try #require(lines.firstIndex { $0.hasSuffix("\"best\"") })
        #expect(value < detail && detail < best)
        #expect(lines[detail].contains("book 11"))
        #expect(lines.contains { $0.hasSuffix("\"± 1.2\"") })
    }

    @Test func facetsShareOneColourBarAndWrapAtThree() throws {
        var h = Self.gallery
        h.facets = ["sgd", "adam", "adamw", "rmsprop", "lion"].enumerated().map { i, name in
            HeatmapFacet(title: name, cells: Self.gallery.cells.map { row in
                row.map { cell in
                    if case let .value(v, _, _) = cell { return .value(v - 0.01 * Double(i)) }
                    return cell
                }
            })
        }
        let scene = HeatmapLayout(heatmap: h, measurer: FixedWidthMeasurer()).scene()
        let texts = scene.items.compactMap { item -> TextRun? in
            if case let .text(run) = item { return run }
            return nil
        }
        let titles = texts.filter { $0.font == .bold(13) && ["sgd", "adam", "adamw", "rmsprop", "lion"].contains($0.string) }
        try #require(titles.count == 5)
        // Three on the first row, two on the second, left-aligned to the same columns.
        #expect(Set(titles.prefix(3).map(\.origin.y)).count == 1)
        #expect(Set(titles.suffix(2).map(\.origin.y)).count == 1)
        #expect(titles[3].origin.y > titles[0].origin.y)
        #expect(titles[3].origin.x == titles[0].origin.x && titles[4].origin.x == titles[1].origin.x)
        // Row labels on the first facet of each row only; column labels under every facet.
        #expect(texts.filter { $0.string == "1024" }.count == 2)
        #expect(texts.filter { $0.string == "0.01" }.count == 5)
        #expect(texts.filter { $0.string == "final test accuracy" }.count == 1)
        #expect(scene.items.filter { if case .pushClip = $0 { return true } else { return false } }.count == 15)
    }

    @Test func awkwardGridsDoNotTrap() {
        var h = Self.gallery
        h.cells = []
        #expect(!record(h).isEmpty)
        h.cells = [[.diverged(step: 0)], [.value(.nan), .value(2)], [.missing, .value(-1), .value(0.5)]]
        #expect(!record(h).isEmpty)
        h.rowLabels = []
        h.columnLabels = []
        h.cells = [[.value(0.5), .value(0.5)]]
        #expect(!record(h).isEmpty)
        h.minimumSpan = .nan
        h.facets = [HeatmapFacet(title: "", cells: []), HeatmapFacet(title: String(repeating: "x", count: 300), cells: [[]])]
        #expect(!record(h).isEmpty)
        h.rowLabels = (0..<200).map(String.init)
        h.columnLabels = (0..<300).map(String.init)
        #expect(!record(h).isEmpty)
    }

    @Test func rendersPNGAndSVG() throws {
        let dir = try temporaryFolder("heatmap")
        try renderPNG(Self.gallery, to: dir + "/h.png")
        try renderSVG(Self.gallery, to: dir + "/h.svg")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/h.png")))
        #expect(bytes.count > 24)
        #expect(bytes.dropFirst(16).prefix(4).reduce(0) { $0 << 8 | Int($1) } == 1600)
        #expect(bytes.dropFirst(20).prefix(4).reduce(0) { $0 << 8 | Int($1) } == 1000)
    }
}
