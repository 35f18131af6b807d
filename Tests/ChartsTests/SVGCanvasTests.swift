import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport
import Testing
@testable import Charts

/// SVG written by `SVGCanvas`: well-formed XML, px size with a viewBox, real text elements.
@Suite struct SVGCanvasTests {
    /// Collects the root's attributes, the content of every `<text>` and the first parse error.
    final class Collector: NSObject, XMLParserDelegate {
        var rootAttributes: [String: String] = [:]
        var texts: [String] = []
        var textAttributes: [[String: String]] = []
        private var current: String?
        var error: (any Error)?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == "svg" { rootAttributes = attributes }
            if name == "text" {
                current = ""
                textAttributes.append(attributes)
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { current?.append(string) }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text", let c = current { texts.append(c) }
            if name == "text" { current = nil }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { error = parseError }
    }

    /// Parses `path`; nil when the document is not well-formed.
    func parse(_ path: String) throws -> Collector? {
        let parser = try #require(XMLParser(contentsOf: URL(fileURLWithPath: path)))
        let collector = Collector()
        parser.delegate = collector
        return parser.parse() && collector.error == nil ? collector : nil
    }

    func tempDir() throws -> String {
        try temporaryFolder("svg")
    }

    @Test func chartIsWellFormedWithPixelSizeAndRealText() throws {
        let path = try tempDir() + "/chart.svg"
        try render(LayoutTests.small, svg: path)
        let svg = try #require(try parse(path))
        #expect(svg.rootAttributes["width"] == "800")
        #expect(svg.rootAttributes["height"] == "500")
        #expect(svg.rootAttributes["viewBox"] == "0 0 800 500")
        #expect(svg.texts.contains(LayoutTests.small.title))
        #expect(svg.textAttributes.allSatisfy { $0["font-family"] == SVGCanvas.fontFamily })
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.range(of: "(?<![#0-9A-Fa-f])[0-9]+(\\.[0-9]+)?[eE][-+]?[0-9]", options: .regularExpression) == nil, "numbers never use an exponent")
        #expect(text.contains("<rect x=\"0\" y=\"0\" width=\"800\" height=\"500\" fill=\"#FFFFFF\"/>"))
    }

    @Test func heatmapTitleIsText() throws {
        let path = try tempDir() + "/heatmap.svg"
        try render(HeatmapTests.gallery, svg: path)
        let svg = try #require(try parse(path))
        #expect(svg.texts.contains(HeatmapTests.gallery.title))
        #expect(svg.texts.contains("97.5%"))
        #expect(svg.textAttributes.contains { $0["font-weight"] == "bold" })
        #expect(svg.textAttributes.contains { $0["transform"]?.hasPrefix("rotate(-90 ") == true })
    }

    @Test func awkwardTextStaysWellFormed() throws {
        var chart = LayoutTests.small
        chart.title = "Tom's <b>\"best\"</b> & co\u{01}\u{1B}\u{7F}\u{FFFE} ✕"
        chart.xAxis.title = "a\u{0}b"
        let path = try tempDir() + "/awkward.svg"
        try render(chart, svg: path)
        let svg = try #require(try parse(path))
        #expect(svg.texts.contains("Tom's <b>\"best\"</b> & co ✕"))
        #expect(svg.texts.contains("ab"))
    }

    @Test func primitivesCarryStrokeFillAndOpacity() {
        let canvas = SVGCanvas()
        canvas.strokePolyline([Point(0, 0), Point(10.005, 1e-7), Point(-3.333, 2)],
                              stroke: Stroke(color: RGBA(hex: 0x0072B2, alpha: 0.8), width: 2, dash: [6, 3], cap: .round))
        canvas.fillCircle(center: Point(5, 5), radius: 3, color: RGBA(hex: 0xD55E00, alpha: 0.28))
        canvas.pushClip(Rect(x: 1, y: 2, width: 3, height: 4))
        canvas.fillPolygon([Point(0, 0), Point(1, 0), Point(0, 1)], color: RGBA(hex: 0x000000))
        canvas.drawText(TextRun(string: "up", origin: Point(30, 40.5), font: .bold(13), color: RGBA(hex: 0x333333),
                                rotated: true, halo: true))
        let doc = canvas.document
        #expect(doc.contains("points=\"0,0 10.01,0 -3.33,2\" fill=\"none\" stroke=\"#0072B2\" stroke-width=\"2\" "
                             + "stroke-opacity=\"0.8\" stroke-linecap=\"round\" stroke-linejoin=\"round\" stroke-dasharray=\"6 3\""))
        #expect(doc.contains("<circle cx=\"5\" cy=\"5\" r=\"3\" fill=\"#D55E00\" fill-opacity=\"0.28\"/>"))
        #expect(doc.contains("<clipPath id=\"clip1\"><rect x=\"1\" y=\"2\" width=\"3\" height=\"4\"/></clipPath>"))
        #expect(doc.contains("<g clip-path=\"url(#clip1)\">"))
        #expect(doc.contains("font-size=\"13\" font-weight=\"bold\" fill=\"#333333\" transform=\"rotate(-90 30 40.5)\" "
                             + "stroke=\"#FFFFFF\" stroke-width=\"4\" stroke-linejoin=\"round\" paint-order=\"stroke\""))
        // The unbalanced clip is closed before </svg>.
        #expect(doc.hasSuffix("</g>\n</svg>\n"))
    }

    @Test func numbersHaveAtMostTwoDecimalsAndNoExponent() {
        #expect(SVGCanvas.number(1e-7) == "0")
        #expect(SVGCanvas.number(-0.001) == "0")
        #expect(SVGCanvas.number(1e21) == "1000000000000000000000")
        #expect(SVGCanvas.number(12.345678) == "12.35")
        #expect(SVGCanvas.number(-2.5) == "-2.5")
        #expect(SVGCanvas.number(.nan) == "0")
    }

    @Test func writeIsAtomicAndLeavesNoTemporaryFile() throws {
        let dir = try tempDir()
        let path = dir + "/a.svg"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        try render(LayoutTests.small, svg: path)
        #expect(try parse(path) != nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["a.svg"])
        #expect(throws: ChartError.self) { try render(LayoutTests.small, svg: dir + "/missing/a.svg") }
    }
}
