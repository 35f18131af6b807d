import Foundation
import Reports
import Results
import TestSupport
import Testing

/// A failed run: the setup of `run(batch:rate:)`, no history, partial steps, status failed.
func failedRun(batch: Int, rate: Double) -> RunRecord {
    var record = run(batch: batch, rate: rate)
    record.status = .failed
    record.failure = "feature 3 of test row 7 is inf after scaling"
    record.history = []
    record.steps = Array(record.steps.prefix(3))
    record.totalSteps = 0
    record.initialLoss = .nan
    return record
}

@Suite struct FailedRunsReportTests {
    func findings(in directory: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/findings.json")))
        return (object as? [String: Any])?["findings"] as? [[String: Any]] ?? []
    }

    @Test func failedRunsAreListedAndLeftOutOfTheAnalysis() throws {
        let directory = temporaryPath("lrlab-report")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let finished = [run(batch: 64, rate: 0.1), run(batch: 256, rate: 0.1), run(batch: 64, rate: 5, diverged: true)]
        _ = try ReportWriter().write(runs: finished + [failedRun(batch: 256, rate: 5)], to: directory)
        let list = try findings(in: directory)
        let failed = list.filter { $0["kind"] as? String == "failed" }
        #expect(failed.count == 1)
        #expect(failed.first?["runs"] as? [String] == ["256-5.0"])
        #expect((failed.first?["text"] as? String)?.contains("feature 3 of test row 7 is inf after scaling") == true)
        // No other finding is about the failed run; the best is among the finished ones.
        for finding in list where finding["kind"] as? String != "failed" {
            #expect(!(finding["runs"] as? [String] ?? []).contains("256-5.0"), "\(finding)")
        }
        let html = try String(contentsOfFile: directory + "/index.html", encoding: .utf8)
        #expect(html.contains("4 runs · 1 diverged · 1 failed"))
        #expect(html.contains("<strong>Failed runs.</strong>"))
        #expect(html.contains("failed: feature 3 of test row 7 is inf after scaling"))
        let markdown = try String(contentsOfFile: directory + "/report.md", encoding: .utf8)
        #expect(markdown.contains("4 runs, 1 diverged, 1 failed"))
        let csv = try String(contentsOfFile: directory + "/results.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").filter { $0.hasPrefix("256-5.0,failed,") }.count == 1)
    }

    @Test func onlyFailedRunsGiveTablesAndFindings() throws {
        let directory = temporaryPath("lrlab-report")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let paths = try ReportWriter().write(runs: [failedRun(batch: 64, rate: 0.1)], to: directory)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["results.csv", "results.json", "findings.json"])
        #expect(try findings(in: directory).map { $0["kind"] as? String } == ["failed"])
        #expect(!FileManager.default.fileExists(atPath: directory + "/index.html"))
    }
}
