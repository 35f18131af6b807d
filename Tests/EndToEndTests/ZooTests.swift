import Foundation
import Reports
import Results
import TestSupport
import Testing

/// Every sweep of `Tests/Fixtures/zoo` run as a user would: the findings checked against a
/// brute-force reading of `results.csv`, and every chart of the report through the layout checker.
@Suite(.serialized) struct ZooTests {
    static let folder = PackagePaths.fixtures + "/zoo"

    static var sweeps: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    struct Table {
        var header: [String]
        var rows: [[String: String]]

        init(csv: String) {
            let lines = csv.split(separator: "\n").map { Self.fields(String($0)) }
            let names = lines.first ?? []
            header = names
            rows = lines.dropFirst().map { Dictionary(zip(names, $0), uniquingKeysWith: { a, _ in a }) }
        }

        /// RFC 4180 fields of one line (no line breaks inside quotes in these tables).
        static func fields(_ line: String) -> [String] {
            var out: [String] = [], cell = "", quoted = false
            var chars = Array(line)[...]
            while let c = chars.popFirst() {
                if quoted {
                    if c == "\"" { if chars.first == "\"" { cell.append("\""); chars.removeFirst() } else { quoted = false } } else { cell.append(c) }
                } else if c == "\"" { quoted = true } else if c == "," { out.append(cell); cell = "" } else { cell.append(c) }
            }
            return out + [cell]
        }
    }

    @Test(arguments: ZooTests.sweeps) func zooSweep(_ name: String) throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try CLI.run(["run", Self.folder + "/" + name, "-o", out, "--quiet"], in: out)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let table = Table(csv: try String(contentsOfFile: out + "/results.csv", encoding: .utf8))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/findings.json")))
        let findings = try #require((json as? [String: Any])?["findings"] as? [[String: Any]])
        func runs(_ kind: String) -> [Set<String>] {
            findings.filter { $0["kind"] as? String == kind }.map { Set($0["runs"] as? [String] ?? []) }
        }
        let gridKeys = table.header.filter { $0.contains(".") }
        // Rows are in grid order: the first key varies slowest.
        #expect(!table.rows.isEmpty)
        // Best: the grid point with the highest mean final accuracy (validation when present).
        let metric = table.rows.allSatisfy { !($0["final_validation_accuracy"] ?? "").isEmpty } ? "final_validation_accuracy" : "final_test_accuracy"
        var byPoint: [[String]: [Double]] = [:]
        for row in table.rows { byPoint[gridKeys.map { row[$0] ?? "" }, default: []].append(Double(row[metric] ?? "") ?? 0) }
        let means = byPoint.mapValues { $0.reduce(0, +) / Double($0.count) }
        let top = try #require(means.values.max())
        let winners = Set(means.filter { $0.value >= top - 1e-12 }.map(\.key))
        let expectedBest = Set(table.rows.filter { row in winners.contains(gridKeys.map { row[$0] ?? "" }) }.compactMap { $0["run_id"] })
        #expect(runs("best") == [expectedBest], "best")
        // Divergence: exactly the diverged rows.
        let diverged = Set(table.rows.filter { $0["status"] == "diverged" }.compactMap { $0["run_id"] })
        #expect(runs("divergence") == [diverged], "divergence")
        // Grid edges name runs whose value of some numeric key is that key's smallest or largest.
        for edge in runs("grid-edge") {
            for id in edge {
                let row = try #require(table.rows.first { $0["run_id"] == id })
                #expect(gridKeys.contains { key in
                    let values = table.rows.compactMap { Double($0[key] ?? "") }
                    guard let v = Double(row[key] ?? "") else { return false }
                    return v == values.min() || v == values.max()
                }, "grid-edge run \(id) is at no edge")
            }
        }
        // Every finding's runs are rows of the table; every kind is a stable name.
        let ids = Set(table.rows.compactMap { $0["run_id"] })
        let kinds: Set<String> = ["best", "seeds", "divergence", "grid-edge", "scaling", "curve", "updates", "steps-to-target",
                                  "generalization-gap", "critical-batch-size", "throughput", "range-test", "settings"]
        // The batch-size findings speak of finished runs only.
        let finished = Set(table.rows.filter { $0["status"] == "finished" }.compactMap { $0["run_id"] })
        for kind in ["generalization-gap", "steps-to-target", "critical-batch-size", "throughput"] {
            for ids in runs(kind) { #expect(ids.isSubset(of: finished), "\(kind)") }
        }
        for finding in findings {
            #expect(kinds.contains(finding["kind"] as? String ?? ""))
            #expect(Set(finding["runs"] as? [String] ?? []).isSubset(of: ids))
        }
        // Every chart of the report passes the layout checker.
        let records = try RunStore(directory: out).loadAll()
        let problems = try ReportLayoutCheck.problems(runs: records)
        #expect(problems.isEmpty, "\(name): \(problems.prefix(12).joined(separator: "\n"))")
    }
}
