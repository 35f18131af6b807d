import Foundation
import TestSupport
import Testing
@testable import Charts

/// Charts as PDF through Cairo's PDF surface: a one-page vector document of the chart's size in points,
/// its text as text, the same bytes on every run.
@Suite struct PDFTests {
    /// The `/MediaBox [ x0 y0 x1 y1 ]` numbers of the first page.
    static func mediaBox(_ pdf: Data) -> [Double]? {
        let text = String(decoding: pdf, as: UTF8.self)
        guard let start = text.range(of: "/MediaBox [") else { return nil }
        guard let end = text[start.upperBound...].firstIndex(of: "]") else { return nil }
        return text[start.upperBound..<end].split(separator: " ").compactMap { Double($0) }
    }

    /// `pdftotext` (poppler-utils) on `PATH`, or nil.
    static let pdftotext: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/pdftotext" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    @Test func aChartIsAOnePagePDFOfItsSizeInPoints() throws {
        let pdf = try pdfData(GoldenImageTests.lines)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(Self.mediaBox(pdf) == [0, 0, 800, 500])
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.components(separatedBy: "/Type /Page ").count - 1 == 1)
        // DejaVu Sans is embedded (a TrueType subset), and lrlab signs the document.
        #expect(text.contains("/FontFile2") && text.contains("DejaVuSans"))
        #expect(ChartSignature.isLrlabChart(pdf, tail: pdf.suffix(ChartSignature.pdfTailLength)))
        #expect(!ChartSignature.isLrlabChart(pdf))
        #expect(!text.contains("/CreationDate"))
    }

    @Test func theSameChartGivesTheSameBytes() throws {
        let first = try pdfData(GoldenImageTests.multiples)
        let second = try pdfData(GoldenImageTests.multiples)
        #expect(first == second)
        #expect(try pdfData(GoldenImageTests.multiples, theme: .dark) != first)
    }

    @Test func heatmapsAndThemesAreDrawnToo() throws {
        let pdf = try pdfData(HeatmapTests.gallery, theme: .paper)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(Self.mediaBox(pdf) == [0, 0, 800, 500])
    }

    @Test func renderWritesThePDFAtomically() throws {
        let folder = try temporaryFolder("charts-pdf")
        try render(GoldenImageTests.band, pdf: folder + "/band.pdf")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/band.pdf")) == pdfData(GoldenImageTests.band))
        #expect(throws: ChartError.self) { try render(GoldenImageTests.band, pdf: "/nonexistent-dir/x/band.pdf") }
    }

    @Test func theTitleIsText() throws {
        guard let tool = Self.pdftotext else {
            print("PDFTests: pdftotext (poppler-utils) is not installed; the PDF's text was not extracted")
            return
        }
        let folder = try temporaryFolder("charts-pdf-text")
        try render(GoldenImageTests.lines, pdf: folder + "/lines.pdf")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [folder + "/lines.pdf", folder + "/lines.txt"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOfFile: folder + "/lines.txt", encoding: .utf8)
        #expect(text.contains(GoldenImageTests.lines.title))
        #expect(text.contains("batch 1024"))
    }
}
