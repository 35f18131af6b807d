import Foundation
import Testing
@testable import Charts

@Suite struct HeatmapTests {
    static let gallery = Heatmap(
        title: "Final test accuracy by batch size and learning rate", subtitle: "digits · after 30 epochs",
        rowLabels: ["64", "256", "1024"], columnLabels: ["0.01", "0.1", "1", "5"],
        cells: [[.value(0.947), .value(0.975), .value(0.671), .diverged(step: 5)],
                [.value(0.903), .value(0.967), .value(0.975), .diverged(step: 4)],
                [.value(0.747), .value(0.942), .value(0.958), .diverged(step: 3)]],
        rowTitle: "batch size", columnTitle: "learning rate", colorBarTitle: "final test accuracy")

    func record(_ h: Heatmap) -> [String] {
        let canvas = RecordingCanvas()
        HeatmapLayout(heatmap: h, measurer: FixedWidthMeasurer()).scene().draw(on: canvas)
        return canvas.lines
    }

    @Test func colourDomainIsExtendedToTicksAndClamped() {
        let axis = HeatmapLayout(heatmap: Self.gallery, measurer: FixedWidthMeasurer()).colorAxis(length: 350)
        #expect(axis.lo == 0.6)
        #expect(axis.hi == 1.0)
        #expect(axis.labels == ["60%", "70%", "80%", "90%", "100%"])
    }

    @Test func tiedBestCellsAreOutlinedAndDivergedHatched() {
        let lines = record(Self.gallery)
        #expect(lines.filter { $0.contains("bold 15") && $0.hasSuffix("\"97.5%\"") }.count == 2)
        #expect(lines.filter { $0.hasSuffix("\"best\"") }.count == 2)
        #expect(lines.filter { $0.hasPrefix("line w=3 #1A1A1A") }.count == 2)
        #expect(lines.filter { $0.hasSuffix("\"diverged\"") }.count == 3)
        #expect(lines.contains { $0.hasSuffix("\"at step 5\"") })
        #expect(lines.contains { $0.hasPrefix("line w=1 #D0D0D0") })
        // Dark cell (67.1 %) gets white text, light cells dark text.
        #expect(lines.contains { $0.contains("#FFFFFF \"67.1%\"") })
        #expect(lines.contains { $0.contains("#1A1A1A \"94.7%\"") })
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
    }

    @Test func rendersPNGAndSVG() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("heatmap-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try renderPNG(Self.gallery, to: dir + "/h.png")
        try renderSVG(Self.gallery, to: dir + "/h.svg")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/h.png")))
        #expect(bytes[16..<20].reduce(0) { $0 << 8 | Int($1) } == 1600)
        #expect(bytes[20..<24].reduce(0) { $0 << 8 | Int($1) } == 1000)
    }
}
