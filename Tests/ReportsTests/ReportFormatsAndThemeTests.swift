import AtomicFiles
import Charts
import Foundation
import Reports
import Results
import TestSupport
import Testing

/// `report.formats` (PDF besides PNG and SVG), `report.theme` for the charts, and the range test's chart and words.
@Suite struct ReportFormatsAndThemeTests {
    func runs(_ settings: ReportSettings?) -> [RunRecord] {
        [run(batch: 64, rate: 0.1), run(batch: 256, rate: 0.1)].map { record in
            var record = record
            record.sweep.report = settings
            return record
        }
    }

    func write(_ settings: ReportSettings?, rangeTests: [RangeTestRecord] = []) throws -> (String, [String]) {
        let directory = temporaryPath("lrlab-report-formats")
        return (directory, try ReportWriter().write(runs: runs(settings), rangeTests: rangeTests, to: directory))
    }

    @Test func pdfsAreWrittenWhenTheSweepAsksForThem() throws {
        let (plain, plainPaths) = try write(nil)
        defer { try? FileManager.default.removeItem(atPath: plain) }
        #expect(!plainPaths.contains { $0.hasSuffix(".pdf") })
        let (directory, paths) = try write(ReportSettings(formats: [.png, .svg, .pdf]))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pdfs = paths.filter { $0.hasSuffix(".pdf") }
        // Every report chart, not the runs' own small charts (charts/runs/, PNG only).
        #expect(pdfs.count == paths.filter { $0.hasSuffix(".png") && !$0.contains("/charts/runs/") }.count)
        for pdf in pdfs {
            #expect(pdf.hasPrefix(directory + "/charts/"))
            let data = try Data(contentsOf: URL(fileURLWithPath: pdf))
            #expect(data.starts(with: Array("%PDF-".utf8)))
        }
    }

    @Test func theSweepsThemeColoursTheCharts() throws {
        let (light, _) = try write(ReportSettings(theme: .auto))
        let (dark, paths) = try write(ReportSettings(theme: .dark))
        defer {
            try? FileManager.default.removeItem(atPath: light)
            try? FileManager.default.removeItem(atPath: dark)
        }
        let png = try #require(paths.first { $0.hasSuffix(".png") })
        let darkImage = try RasterImage(contentsOfPNG: png)
        let lightImage = try RasterImage(contentsOfPNG: light + "/charts/" + (png as NSString).lastPathComponent)
        #expect(lightImage.pixels.first == 0xFFFFFF)
        #expect(darkImage.pixels.first == 0x1B1B1B)
        #expect(ReportSettings.Theme.auto.chartTheme == .light && ReportSettings.Theme.paper.chartTheme == .paper)
    }

    static func rangeTest(_ batch: Int) -> RangeTestRecord {
        let rates = (0..<100).map { 1e-7 * pow(1e8, Double($0) / 99) }
        let points = rates.enumerated().map { i, rate in
            let loss = 2.3 - 2 / (1 + exp(-(log10(rate) + 2) / 0.4)) + (i >= 90 ? 8 : 0)
            return RangeTestRecord.Point(step: i, learningRate: rate, loss: loss, smoothedLoss: loss)
        }
        return RangeTestRecord(batchSize: batch, points: points, suggestedRate: rates[62], suggestedStep: 62,
                               bestSmoothedLoss: 0.3, bestRate: rates[85], stoppedEarly: false, blowUpRate: rates[90],
                               safeLowRate: rates[62] / 10, safeHighRate: rates[62])
    }

    @Test func theSuggestionsAreSaidInWords() {
        #expect(RangeTestReport.explanation(suggested: 0.4213, blowUp: 3.14, safe: 0.04213...0.4213, lastRate: 10)
                    == "steepest descent at 0.42; the loss blew up at 3.1; a safe start is 0.042–0.42")
        #expect(RangeTestReport.explanation(suggested: nil, blowUp: nil, safe: nil, lastRate: 10)
                    == "the loss never fell, so there is no suggestion; the loss had not blown up by 10")
        #expect(RangeTestReport.rateText(4.2345e-5) == "4.2e-5")
        // Older records, without the stored words, are explained from their fields.
        #expect(RangeTestReport.explanation(Self.rangeTest(64)).hasPrefix("steepest descent at 0.0"))
    }

    @Test func rangeTestsOfOlderVersionsAreReadAndExplained() throws {
        // A range test written before the blow-up, safe range and words were stored.
        let folder = try temporaryFolder("lrlab-old-range-test")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let old = """
            {"batchSize": 64, "bestRate": 0.5, "bestSmoothedLoss": 0.4, "stoppedEarly": true, "suggestedRate": 0.2,
             "suggestedStep": 60, "points": [{"step": 0, "learningRate": 1e-7, "loss": 2.3, "smoothedLoss": 2.3}]}
            """
        try Data(old.utf8).write(to: URL(fileURLWithPath: folder + "/bs-64.json"))
        let record = try #require(try RangeTestRecord.loadAll(from: folder).first)
        #expect(record.blowUpRate == nil && record.safeRange == nil && record.explanation == nil)
        #expect(RangeTestReport.explanation(record) == "steepest descent at 0.2; the loss blew up at 1e-7")
        // New records keep their fields through a write and a read.
        try Self.rangeTest(256).write(to: folder)
        let again = try #require(try RangeTestRecord.loadAll(from: folder).last)
        #expect(again.batchSize == 256 && again.safeRange == Self.rangeTest(256).safeRange && again.blowUpRate != nil)
    }

    @Test func oneCurvePerBatchSizeInTheReportsColours() throws {
        let chart = RangeTestReport.chart([Self.rangeTest(64), Self.rangeTest(1024)], title: "S", gridBatchSizes: [64, 256, 1024])
        let series = try #require(chart.panels.first?.series)
        #expect(series.map(\.label) == ["batch 64", "batch 1024"])
        #expect(series.map(\.colorIndex) == [0, 2])
        #expect(chart.colorCount == 3)
        // Each line ends at its blow-up, marked with a ✕ and its rate; each steepest descent is a key point.
        #expect(series.allSatisfy { $0.endMark?.label.hasPrefix("blew up at") == true })
        #expect(series.allSatisfy { ($0.points.last?.x ?? 0) <= ($0.endMark?.x ?? 0) })
        #expect(chart.annotations.count == 2)
        #expect(try layoutProblems(chart).isEmpty)
        // One batch size: its safe start is shaded.
        let one = RangeTestReport.chart([Self.rangeTest(64)], title: "S")
        #expect(one.annotations.contains { if case .phase = $0 { true } else { false } })
        #expect(try layoutProblems(one).isEmpty)
    }

    @Test func lrFindsChartIsStagedInTheSweepsFormats() throws {
        let folder = temporaryPath("lrlab-lr-find-chart")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let batch = FileBatch()
        let paths = try RangeTestReport.stageChart([Self.rangeTest(64)], title: "S", in: folder, into: batch, theme: .paper,
                                                   formats: [.png, .svg, .pdf])
        try batch.commit()
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["lr-find.png", "lr-find.svg", "lr-find.pdf"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/lr-find.pdf")).starts(with: Array("%PDF-".utf8)))
    }

    @Test func theRangeTestsChartAndFindingAreInTheReport() throws {
        let (directory, paths) = try write(ReportSettings(formats: [.png, .svg, .pdf]), rangeTests: [Self.rangeTest(64)])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(paths.contains(directory + "/charts/lr-find.pdf"))
        let findings = try String(contentsOfFile: directory + "/findings.json", encoding: .utf8)
        #expect(findings.contains("range-test"))
        #expect(findings.contains("the grid's best rate there was 0.1"))
    }
}
