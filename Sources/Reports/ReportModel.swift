import Formatting
import Insights
import Results

/// Everything the report templates show, as plain strings and lists: templates only branch and loop.
struct ReportModel {
    struct FindingView { let headline: String; let text: String }
    /// `png` is what the page's `<img>` shows (a path, or a data URI with `--single-file`);
    /// `file` is always the chart's path, for report.md.
    struct ChartView { let png: String; let file: String; let svg: String; let caption: String; let alt: String }
    struct RowView {
        let batchSize: String
        let learningRate: String
        let schedule: String
        let finalTestAccuracy: String
        let bestTestAccuracy: String
        let finalTrainLoss: String
        let finalTestLoss: String
        let status: String
        let statusClass: String
        let epochsToTarget: String
        let seconds: String
        let isBest: Bool
    }

    let title: String
    let subtitle: String
    let runCount: Int
    let divergedCount: Int
    let hasDiverged: Bool
    let totalSeconds: String
    let findings: [FindingView]
    let charts: [ChartView]
    let rows: [RowView]
    let hasTarget: Bool
    /// Whether runs differ in schedule (otherwise the column is left out of the page).
    let showSchedule: Bool
    let targetLabel: String
    let css: String
    let generator: String
}

extension ReportModel {
    /// `images`: chart name → a data URI that replaces the chart's file in the page (`--single-file`).
    init(runs: [RunRecord], rangeTests: [RangeTestRecord], charts: [ReportCharts.Entry], images: [String: String] = [:], css: String) {
        let sweeps = Array(Set(runs.map(\.sweep.title))).sorted()
        title = sweeps.count == 1 ? (sweeps.first ?? "lrlab report") : "lrlab report: " + sweeps.joined(separator: ", ")
        let setup = SetupText(runs)
        subtitle = setup.clauses(including: [setup.epochsClause])
        runCount = runs.count
        divergedCount = runs.filter { $0.status == .diverged }.count
        hasDiverged = divergedCount > 0
        totalSeconds = NumberText.seconds(runs.reduce(0) { $0 + $1.wallSeconds })
        findings = Analysis.findings(runs, rangeTests: rangeTests).map { FindingView(headline: $0.headline, text: $0.text) }
        self.charts = charts.map {
            ChartView(png: images[$0.name] ?? "charts/\($0.name).png", file: "charts/\($0.name).png", svg: "charts/\($0.name).svg", caption: $0.caption, alt: $0.title)
        }
        let target = runs.compactMap(\.sweep.targetAccuracy).first
        hasTarget = target != nil
        showSchedule = Set(runs.map(\.setup.schedule)).count > 1
        targetLabel = target.map { NumberText.percent($0) } ?? ""
        let best = runs.compactMap(\.bestTestAccuracy).max()
        rows = runs.sorted { ($0.setup.batchSize, $0.setup.learningRate, $0.setup.seed) < ($1.setup.batchSize, $1.setup.learningRate, $1.setup.seed) }
            .map { run in
                RowView(batchSize: "\(run.setup.batchSize)", learningRate: NumberText.learningRate(run.setup.learningRate),
                        schedule: run.setup.schedule,
                        finalTestAccuracy: NumberText.percent(run.finalTestAccuracy),
                        bestTestAccuracy: NumberText.percent(run.bestTestAccuracy),
                        finalTrainLoss: NumberText.loss(run.finalTrainLoss), finalTestLoss: NumberText.loss(run.finalTestLoss),
                        status: run.divergence.map { "diverged at step \(NumberText.count($0.step)) (\($0.cause))" } ?? "finished",
                        statusClass: run.status.rawValue,
                        epochsToTarget: target.flatMap { run.epochsToReach($0) }.map(String.init) ?? "–",
                        seconds: NumberText.seconds(run.wallSeconds),
                        isBest: best != nil && run.bestTestAccuracy == best)
            }
        self.css = css
        generator = "lrlab"
    }
}
