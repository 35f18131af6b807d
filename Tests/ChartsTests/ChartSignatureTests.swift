import Charts
import Foundation
import TestSupport
import Testing

@Suite struct ChartSignatureTests {
    @Test func lrlabsChartsAreRecognisedOthersNot() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let chart = Chart(title: "t", xAxis: Axis(title: "x"), yAxis: Axis(title: "y"),
                          panels: [Panel(series: [Series(label: "a", colorIndex: 0,
                                                         points: [ChartPoint(x: 0, y: 0), ChartPoint(x: 1, y: 1)])])])
        try render(chart, png: folder + "/c.png")
        try render(chart, svg: folder + "/c.svg")
        let png = try Data(contentsOf: URL(fileURLWithPath: folder + "/c.png"))
        let svg = try Data(contentsOf: URL(fileURLWithPath: folder + "/c.svg"))
        #expect(ChartSignature.isLrlabChart(png))
        #expect(ChartSignature.isLrlabChart(svg))
        #expect(try pngData(chart) == png)
        #expect(try svgData(chart) == svg)
        // Written atomically: nothing but the two files.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["c.png", "c.svg"])

        // Earlier versions' charts: no tEXt chunk, no comment.
        var old = [UInt8](png)
        old.removeSubrange(33..<(33 + 12 + 14))
        #expect(ChartSignature.isLrlabChart(Data(old)))
        let oldSVG = String(decoding: svg, as: UTF8.self).replacingOccurrences(of: "<!-- Generator: lrlab -->\n", with: "")
        #expect(ChartSignature.isLrlabChart(Data(oldSVG.utf8)))

        // Anyone else's.
        #expect(!ChartSignature.isLrlabChart(Data("hello".utf8)))
        #expect(!ChartSignature.isLrlabChart(Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg width=\"10\">".utf8)))
        var other = [UInt8](png)
        other.replaceSubrange(41..<49, with: Array("Software".utf8).map { $0 ^ 0x20 })
        #expect(!ChartSignature.isLrlabChart(Data(other)))
    }
}
