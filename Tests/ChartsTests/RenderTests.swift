import Foundation
import TestSupport
import Testing
@testable import Charts

/// Real files through Cairo: PNG signature and size, SVG header, typed errors for bad paths.
@Suite struct RenderTests {
    func tempDir() throws -> String {
        try temporaryFolder("charts")
    }

    @Test func pngHasSignatureAndSize() throws {
        let path = try tempDir() + "/chart.png"
        try renderPNG(LayoutTests.small, to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let be = { (o: Int) in bytes[o..<o + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
        #expect(be(16) == 1600)
        #expect(be(20) == 1000)
        #expect(bytes.suffix(8).prefix(4).elementsEqual(Array("IEND".utf8)))
    }

    @Test func pngAtScaleOne() throws {
        let path = try tempDir() + "/chart1.png"
        try renderPNG(LayoutTests.small, to: path, scale: 1)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes[16..<20].reduce(0) { $0 << 8 | Int($1) } == 800)
    }

    @Test func svgIsWritten() throws {
        let path = try tempDir() + "/chart.svg"
        try renderSVG(LayoutTests.small, to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("<svg"))
        #expect(text.contains("width=\"800"))
        #expect(text.contains("height=\"500"))
    }

    @Test func unwritablePathsThrowTypedErrors() {
        #expect(throws: ChartError.self) { try renderPNG(LayoutTests.small, to: "/nonexistent-dir/x/chart.png") }
        #expect(throws: ChartError.self) { try renderSVG(LayoutTests.small, to: "/nonexistent-dir/x/chart.svg") }
        #expect(throws: ChartError.self) { try renderPNG(LayoutTests.small, to: "/tmp/x.png", scale: .nan) }
    }

    @Test func cairoMeasuresDejaVuWithoutHinting() throws {
        let fonts = try CairoFonts()
        let w12 = fonts.measure("100%", font: .book(12)).width
        let w24 = fonts.measure("100%", font: .book(24)).width
        #expect(abs(w24 - 2 * w12) < 1e-6)
        // DejaVu Sans digits are 0.636 em, "%" 0.950 em.
        #expect(abs(w12 - 12 * (3 * 0.636 + 0.950)) < 0.2)
        #expect(fonts.measure("a", font: .bold(12)).width > fonts.measure("a", font: .book(12)).width)
    }
}
