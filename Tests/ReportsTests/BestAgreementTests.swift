import Charts
import Foundation
import Insights
@testable import Reports
import Results
import Testing

/// The heatmap's outline, the table's badge and the "Best setting" finding name the same runs.
@Suite struct BestAgreementTests {
    /// Two optimizers × two rates, with repeats, where the best point is not the best mean over optimizers.
    static var runs: [RunRecord] {
        var out: [RunRecord] = []
        let finals: [[Double]] = [[0.95, 0.90], [0.80, 0.939]]
        for (o, optimizer) in ["adam", "momentum"].enumerated() {
            for (r, rate) in [0.01, 0.1].enumerated() {
                for seed in 0..<2 {
                    var record = run(batch: 64, rate: rate)
                    record.runId = "\(optimizer)-\(rate)-\(seed)"
                    record.grid = [GridValue(key: "train.optimizer", value: optimizer, position: o),
                                   GridValue(key: "train.learning_rate", value: "\(rate)", position: r)]
                    record.gridIndex = o * 2 + r
                    record.repeatIndex = seed
                    let final = finals[o][r] + Double(seed) * 0.003
                    record.history = record.history.map { var e = $0; e.testAccuracy = final; return e }
                    out.append(record)
                }
            }
        }
        return out
    }

    @Test func outlineBadgeAndFindingAgree() throws {
        let runs = Self.runs
        let finding = try #require(Analysis.findings(runs).first { $0.kind == .best })
        #expect(Set(finding.runs) == ["adam-0.01-0", "adam-0.01-1"])
        let model = ReportModel(runs: runs, findings: [finding], charts: [], css: "")
        let badged = zip(runs, model.rows).filter { $0.1.isBest }.map(\.0.runId)
        #expect(Set(badged) == Set(finding.runs))
        let charts = ReportCharts(runs: runs, setup: SetupText(runs)).all()
        let heatmap = try #require(charts.compactMap { $0.figure as? Heatmap }.first)
        let outlined = heatmap.cells.flatMap { $0 }.filter { if case .value(_, true, _) = $0 { return true }; return false }
        #expect(outlined.count == 1)
        // The outlined cell is adam (first row), 0.01 (first column).
        if case .value(let v, true, _) = heatmap.cells[0][0] { #expect(abs(v - 0.9515) < 1e-9) } else { Issue.record("adam, 0.01 not outlined") }
    }
}
