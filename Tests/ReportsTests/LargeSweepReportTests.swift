import Foundation
import Reports
import Results
import TestSupport
import Testing

/// A 1,000-run report (100 grid points × 10 seeds, synthesised and stored through `RunStore`,
/// read back as `lrlab report` reads them): the page's size and structure, not its time.
@Suite struct LargeSweepReportTests {
    static let batches = [8, 16, 32, 64, 128, 256, 512, 1024, 1200, 1438]
    static let rates = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30]

    static func records() -> [RunRecord] {
        var records: [RunRecord] = []
        for (b, batch) in batches.enumerated() {
            for (r, rate) in rates.enumerated() {
                for seed in 0..<10 {
                    var record = run(batch: batch, rate: rate, title: "Large sweep", diverged: rate >= 3 || (rate == 1 && seed < 3))
                    record.runId = "\(batch)-\(rate)-\(seed)"
                    record.grid = [GridValue(key: "train.batch_size", value: "\(batch)", position: b),
                                   GridValue(key: "train.learning_rate", value: plainDecimal(rate), position: r)]
                    record.gridIndex = b * rates.count + r
                    record.repeatIndex = seed
                    record.setup.seed = UInt64(seed + 1)
                    record.totalSteps = min(record.totalSteps, record.setup.stepsPerEpoch * record.setup.epochs)
                    let shift = Double(seed) * 0.002 - Double(r) * 0.003
                    record.history = record.history.map { var e = $0; e.testAccuracy = min(1, max(0, e.testAccuracy + shift)); return e }
                    records.append(record)
                }
            }
        }
        return records
    }

    @Test func aThousandRunPageIsGroupedAndAggregated() throws {
        let directory = temporaryPath("lrlab-large")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = RunStore(directory: directory)
        for record in Self.records() { try store.save(record) }
        var records = try store.loadAllWithoutLogs()
        #expect(records.count == 1000)
        #expect(records.allSatisfy { $0.steps.isEmpty })
        let charted = ReportWriter.runsWithChartedLogs(records)
        #expect(charted.steps.count <= Self.batches.count)
        #expect(charted.schedules.count <= 100)
        for id in Set(charted.steps + charted.schedules) {
            let full = try store.load(id)
            let i = try #require(records.firstIndex { $0.runId == id })
            records[i].steps = full.steps
            records[i].setup.schedulePoints = full.setup.schedulePoints
        }
        _ = try ReportWriter().write(runs: records, to: directory)

        let html = try String(contentsOfFile: directory + "/index.html", encoding: .utf8)
        #expect(html.utf8.count < 600_000, "index.html is \(html.utf8.count) bytes")
        // One row per grid point, the mean ± sd of its seeds…
        #expect(html.components(separatedBy: "<tr class=\"point").count - 1 == 100)
        #expect(html.contains("<table class=\"points\">"))
        #expect(html.contains(" ± "))
        // …and the 1,000 per-seed rows folded below it.
        let details = try #require(html.range(of: "<details class=\"runs\">"))
        let firstRunRow = try #require(html.range(of: "<tr class=\"finished") ?? html.range(of: "<tr class=\"diverged"))
        #expect(details.lowerBound < firstRunRow.lowerBound)
        #expect(html.components(separatedBy: "<tr class=").count - 1 == 1100)
        // Findings are aggregated: a few paragraphs, none a list of runs.
        let findings = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/findings.json")))
        let list = try #require((findings as? [String: Any])?["findings"] as? [[String: Any]])
        #expect(list.count <= 15)
        for finding in list {
            let text = finding["text"] as? String ?? ""
            #expect(text.count < 2_000, "\(finding["kind"] ?? ""): \(text.count) characters")
            #expect(!text.contains("-0.1-3"), "a run id in a finding's text")
        }
        let divergence = try #require(list.first { $0["kind"] as? String == "divergence" })
        #expect((divergence["text"] as? String)?.contains("more groups had diverged runs") == true)
        // Charts: one line per batch size, not per run.
        let svg = try String(contentsOfFile: directory + "/charts/test-accuracy-by-batch.svg", encoding: .utf8)
        #expect(svg.utf8.count < 200_000)
        // results.json: every run with its history, no step logs, compact.
        let json = try Data(contentsOf: URL(fileURLWithPath: directory + "/results.json"))
        #expect(json.count < 3_000_000, "results.json is \(json.count) bytes")
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        let rows = try #require(object?["runs"] as? [[String: Any]])
        #expect(rows.count == 1000)
        #expect(rows.allSatisfy { ($0["run"] as? [String: Any])?["steps"] == nil })
    }
}
