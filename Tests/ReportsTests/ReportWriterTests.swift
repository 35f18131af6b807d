import Foundation
import Reports
import Results
import TestSupport
import Testing

func run(batch: Int, rate: Double, title: String = "Batch <b>sizes</b> & rates", diverged: Bool = false) -> RunRecord {
    let setup = RunSetup(dataset: "digits", trainCount: 1438, testCount: 359, featureCount: 64, classCount: 10,
                         hidden: [64], activation: "relu", batchSize: batch, learningRate: rate, optimizer: "momentum",
                         momentum: 0.9, schedule: "constant", epochs: 5, stepsPerEpoch: (1438 + batch - 1) / batch, seed: 1,
                         schedulePoints: [SchedulePoint(step: 0, learningRate: rate), SchedulePoint(step: 100, learningRate: rate)])
    let history = (1...5).map {
        EpochMetrics(epoch: $0, trainLoss: 2.0 / Double($0), trainAccuracy: 0.5 + 0.09 * Double($0),
                     testLoss: 2.1 / Double($0), testAccuracy: 0.5 + 0.08 * Double($0) - Double(batch) / 10_000, seconds: 0.01)
    }
    let steps = (0..<100).map { StepMetrics(step: $0, examplesSeen: ($0 + 1) * batch, loss: 2.3 / Double($0 + 1), learningRate: rate) }
    let divergence = diverged ? DivergenceInfo(step: 4, loss: 15, cause: "blow-up", epochsSeen: 0.2, trainLoss: 8,
                                               trainAccuracy: 0.1, testLoss: 8, testAccuracy: 0.1) : nil
    return RunRecord(runId: "\(batch)-\(rate)", sweep: SweepInfo(name: "s", title: title, targetAccuracy: 0.9),
                     grid: [GridValue(key: "train.batch_size", value: "\(batch)"), GridValue(key: "train.learning_rate", value: plainDecimal(rate))],
                     gridIndex: 0, repeatIndex: 0, setup: setup,
                     status: diverged ? .diverged : .finished, initialLoss: 2.3, history: diverged ? [] : history,
                     steps: diverged ? Array(steps.prefix(5)) : steps, divergence: divergence, totalSteps: 100,
                     trainSeconds: 0.05, wallSeconds: 0.06)
}

@Suite struct ReportWriterTests {
    let runs = [run(batch: 64, rate: 0.1), run(batch: 256, rate: 0.1), run(batch: 64, rate: 5, diverged: true),
                run(batch: 256, rate: 5, diverged: true)]

    @Test func writesPageChartsAndTables() throws {
        let directory = temporaryPath("lrlab-report")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let paths = try ReportWriter().write(runs: runs, to: directory)
        #expect(paths.first == directory + "/index.html")
        let html = try String(contentsOfFile: directory + "/index.html", encoding: .utf8)
        // Sweep text is escaped, never markup.
        #expect(html.contains("Batch &lt;b&gt;sizes&lt;/b&gt; &amp; rates"))
        #expect(!html.contains("<b>sizes</b>"))
        // Offline: no network references.
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.components(separatedBy: "<tr class=").count - 1 == 4)
        #expect(html.contains("diverged at step 4 (blow-up)"))
        #expect(html.contains("What this shows"))
        let pngs = paths.filter { $0.hasSuffix(".png") && !$0.contains("/charts/runs/") }
        #expect(pngs.count >= 4)
        for png in pngs {
            let data = try Data(contentsOf: URL(fileURLWithPath: png))
            #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            #expect(html.contains("charts/" + (png as NSString).lastPathComponent))
        }
        #expect(paths.filter { $0.hasSuffix(".svg") }.count == pngs.count)
        // Each run's own small chart is a PNG in charts/runs/, linked from its details.
        let runCharts = paths.filter { $0.contains("/charts/runs/") }
        #expect(runCharts.map { ($0 as NSString).lastPathComponent }.sorted() == ["256-0_1.png", "64-0_1.png"],
                "the diverged runs have no epochs to draw")
        for chart in runCharts { #expect(html.contains("src=\"charts/runs/" + (chart as NSString).lastPathComponent + "\"")) }
        let markdown = try String(contentsOfFile: directory + "/report.md", encoding: .utf8)
        // report.md escapes it for Markdown, as the page does for HTML.
        #expect(markdown.hasPrefix("# Batch \\<b\\>sizes\\</b\\> \\& rates\n"))
        #expect(markdown.contains("| 64 | 5 | 10.0% |"))
        let findings = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/findings.json")))
        let list = try #require((findings as? [String: Any])?["findings"] as? [[String: Any]])
        let divergence = try #require(list.first { $0["kind"] as? String == "divergence" })
        #expect(Set(divergence["runs"] as? [String] ?? []) == ["64-5.0", "256-5.0"])
        #expect(FileManager.default.fileExists(atPath: directory + "/results.csv"))
    }

    @Test func customTemplatesReplaceBuiltIns() throws {
        let directory = temporaryPath("lrlab-report"), templates = temporaryPath("lrlab-report")
        defer { try? FileManager.default.removeItem(atPath: directory); try? FileManager.default.removeItem(atPath: templates) }
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        try "<p>{{runCount}} runs</p>".write(toFile: templates + "/index.mustache", atomically: true, encoding: .utf8)
        _ = try ReportWriter(templatesDirectory: templates).write(runs: runs, to: directory)
        #expect(try String(contentsOfFile: directory + "/index.html", encoding: .utf8) == "<p>4 runs</p>")
    }

    @Test func aFailedReportLeavesThePreviousOneAndNoTemporaries() throws {
        let directory = temporaryPath("lrlab-report"), templates = temporaryPath("lrlab-report")
        defer { try? FileManager.default.removeItem(atPath: directory); try? FileManager.default.removeItem(atPath: templates) }
        _ = try ReportWriter().write(runs: runs, to: directory)
        func files() throws -> [String: Data] {
            var all: [String: Data] = [:]
            for sub in ["", "/charts"] {
                for name in try FileManager.default.contentsOfDirectory(atPath: directory + sub) {
                    all[sub + "/" + name] = FileManager.default.contents(atPath: directory + sub + "/" + name)
                }
            }
            return all
        }
        let before = try files()
        #expect(before["/.lrlab"] != nil, "the folder is marked as lrlab's")
        // A broken report.md template fails the whole report: nothing is replaced, nothing left over.
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        try "{{#findings}}".write(toFile: templates + "/report.md.mustache", atomically: true, encoding: .utf8)
        #expect(throws: ReportError.self) {
            _ = try ReportWriter(templatesDirectory: templates).write(runs: [run(batch: 64, rate: 0.1)], to: directory)
        }
        #expect(try files() == before)
    }

    @Test func aFolderWithAPageLrlabDidNotWriteIsRefused() throws {
        let directory = try temporaryFolder("lrlab-report")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let mine = Data("<p>mine</p>".utf8)
        try mine.write(to: URL(fileURLWithPath: directory + "/report.md"))
        do {
            _ = try ReportWriter().write(runs: runs, to: directory)
            Issue.record("no error")
        } catch {
            #expect(error.description.hasPrefix("'" + directory + "/report.md' was not written by lrlab"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["report.md"])
        #expect(FileManager.default.contents(atPath: directory + "/report.md") == mine)
    }

    @Test func noRunsIsAnError() {
        #expect(throws: ReportError.self) { _ = try ReportWriter().write(runs: [], to: temporaryPath("lrlab-report")) }
    }
}
