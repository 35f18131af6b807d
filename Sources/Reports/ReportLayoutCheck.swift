import Charts
public import Results

/// Runs the charts layout checker over every chart a report of `runs` would draw, each run's own
/// chart too: the test that no label of any report overlaps another, leaves the canvas or is
/// crossed by a line.
public enum ReportLayoutCheck {
    /// "chart-name: problem" for every problem found; empty when every chart is clean.
    public static func problems(runs: [RunRecord], rangeTests: [RangeTestRecord] = []) throws -> [String] {
        let ordered = runs.sorted(by: RunRecord.gridOrder)
        var found: [String] = []
        for entry in ReportCharts(runs: ordered, setup: SetupText(ordered), rangeTests: rangeTests).all() {
            found += try layoutProblems(entry.figure).map { "\(entry.name): \($0)" }
        }
        // Each run's own chart, as the page draws them for small sweeps.
        if ordered.count <= RunDetails.maxChartedRuns {
            let names = RunDetails.chartNames(ordered)
            for run in ordered {
                guard let chart = RunDetails.chart(run, name: RunDetails.name(run, point: nil, hasRepeats: true)) else { continue }
                found += try layoutProblems(chart).map { "\(names[run.runId] ?? run.runId): \($0)" }
            }
        }
        return found
    }

    /// The names of the charts a report of `runs` draws, in page order.
    public static func chartNames(runs: [RunRecord]) -> [String] {
        ReportCharts(runs: runs.sorted(by: RunRecord.gridOrder), setup: SetupText(runs)).all().map(\.name)
    }
}
