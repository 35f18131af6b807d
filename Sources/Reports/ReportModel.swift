import Formatting
import Insights
import Results

/// Everything the report templates show, as plain strings and lists: templates only branch and loop.
struct ReportModel {
    struct FindingView { let headline: String; let text: String }
    /// `png` is what the page's `<img>` shows (a path, or a data URI with `--single-file`);
    /// `file` is always the chart's path, for report.md; `svg` is empty when the page links nothing.
    struct ChartView {
        let png: String
        let file: String
        let svg: String
        let caption: String
        let alt: String
        /// Whether the page links the SVG (not in a single-file page). Stored: templates see stored properties only.
        let linksSVG: Bool
    }
    /// A row of the results table: one run (`seed` is its seed number), or with repeats one grid
    /// point (`seed` is how many seeds: "10", "7 of 10" when some failed; the numbers are means
    /// over seeds ± their standard deviation, `seconds` the seeds' time together).
    struct RowView {
        /// The run's or point's grid values, one per grid column, as labels.
        let gridCells: [String]
        let seed: String
        let finalTestAccuracy: String
        let finalValidationAccuracy: String
        /// "97.8% (epoch 24)": the peak over epochs, never used to choose (a point: the mean peak).
        let peak: String
        let finalTrainLoss: String
        let finalTestLoss: String
        /// "finished", "diverged at step 5", "3 of 10 diverged (by step 134)".
        let status: String
        let statusClass: String
        /// A point: the median over the seeds that reached the target, with their count when not all did.
        let epochsToTarget: String
        let seconds: String
        let isBest: Bool

        /// The row with every text passed through `escape` (for `report.md`).
        func escaped(_ escape: (String) -> String) -> RowView {
            RowView(gridCells: gridCells.map(escape), seed: escape(seed), finalTestAccuracy: escape(finalTestAccuracy),
                    finalValidationAccuracy: escape(finalValidationAccuracy), peak: escape(peak),
                    finalTrainLoss: escape(finalTrainLoss), finalTestLoss: escape(finalTestLoss), status: escape(status),
                    statusClass: statusClass, epochsToTarget: escape(epochsToTarget), seconds: escape(seconds),
                    isBest: isBest)
        }
    }

    let title: String
    let subtitle: String
    let runCount: Int
    let divergedCount: Int
    let hasDiverged: Bool
    /// Runs that failed: counted and listed apart, in no finding, chart or "best".
    let failedCount: Int
    let hasFailed: Bool
    let totalSeconds: String
    /// How "best" is chosen and what one example is worth.
    let bestRule: String
    let findings: [FindingView]
    let charts: [ChartView]
    /// The grid keys in words, one column each.
    let gridColumns: [String]
    let rows: [RowView]
    let hasRepeats: Bool
    let hasValidation: Bool
    let hasTarget: Bool
    let targetLabel: String
    let css: String
    let generator: String
    /// Links to results.csv / results.json: files beside the page, or a data URI (single file).
    var csvLink = "results.csv"
    var jsonLink = "results.json"
    var linksJSON = true
    /// "12 runs in this folder are not part of this sweep; …"; empty when there are none.
    var otherRunsNote = ""
    var hasOtherRuns = false
    /// With repeats: one row per grid point (mean ± spread over seeds), and `rows` (one per
    /// run) folded below it; without repeats `rows` is the table and this is empty.
    var pointRows: [RowView] = []
    var pointCount = 0
    /// `runCount` and `divergedCount` with thousands separators ("1,000"), for the built-in
    /// templates (stored: templates see stored properties only).
    var runCountText = ""
    var divergedCountText = ""

    mutating func setOtherRuns(_ count: Int, directory: String) {
        hasOtherRuns = count > 0
        guard count > 0 else { otherRunsNote = ""; return }
        let runs = count == 1 ? "1 run in this folder is" : "\(NumberText.count(count)) runs in this folder are"
        otherRunsNote = "\(runs) not part of this sweep; `lrlab report \(directory)` shows all."
    }
}

extension ReportModel {
    /// `runs` in grid order; `findings` from `Analysis`; `images`: chart name → a data URI that
    /// replaces the chart's file in the page (`--single-file`, which also drops the SVG links).
    /// `groups`: the runs grouped by grid point, when the caller has them already.
    /// `failed`: runs with status `failed`, shown as rows at the end of the table only.
    init(runs: [RunRecord], findings: [Finding], charts: [ReportCharts.Entry], images: [String: String] = [:], css: String,
         groups: [PointGroup]? = nil, failed: [RunRecord] = []) {
        let sweeps = Array(Set(runs.map(\.sweep.title))).sorted()
        title = sweeps.count == 1 ? (sweeps.first ?? "lrlab report") : "lrlab report: " + sweeps.joined(separator: ", ")
        let setup = SetupText(runs)
        subtitle = setup.clauses(including: [setup.epochsClause])
        runCount = runs.count + failed.count
        divergedCount = runs.filter { $0.status == .diverged }.count
        hasDiverged = divergedCount > 0
        failedCount = failed.count
        hasFailed = !failed.isEmpty
        totalSeconds = NumberText.seconds(runs.reduce(0) { $0 + $1.wallSeconds })
        let groups = groups ?? PointGroup.group(runs)
        let noise = Noise(groups)
        bestRule = noise.rule
        self.findings = findings.map { FindingView(headline: $0.headline, text: $0.text) }
        let embedded = !images.isEmpty
        self.charts = charts.map {
            ChartView(png: images[$0.name] ?? "charts/\($0.name).png", file: "charts/\($0.name).png",
                      svg: embedded ? "" : "charts/\($0.name).svg", caption: $0.caption, alt: $0.title,
                      linksSVG: !embedded)
        }
        let axes = GridAxis.axes(of: groups)
        // The keys that vary, in the sweep's order (a "setting" told apart by `PointGroup` first).
        let shown = axes.map(\.key)
        let pointOf = Dictionary(groups.flatMap { g in g.runIds.map { ($0, g.point) } }, uniquingKeysWith: { a, _ in a })
        gridColumns = shown.map { key in axes.first { $0.key == key }?.title ?? key }
        hasRepeats = noise.seeds > 1
        hasValidation = runs.contains(where: \.hasValidation)
        let target = runs.compactMap(\.sweep.targetAccuracy).first
        hasTarget = target != nil
        targetLabel = target.map { NumberText.percent($0) } ?? ""
        let best = Set(Analysis.bestPoints(groups).flatMap(\.runIds))
        rows = runs.map { run in
            RowView(gridCells: shown.map { (pointOf[run.runId] ?? run.point).value($0)?.label ?? "–" },
                    seed: "\(run.repeatIndex < Int.max ? run.repeatIndex + 1 : run.repeatIndex)",
                    finalTestAccuracy: NumberText.percent(run.finalTestAccuracy),
                    finalValidationAccuracy: NumberText.percent(run.finalValidationAccuracy),
                    peak: run.bestTestAccuracy.map { NumberText.percent($0) + (run.peakTestEpoch.map { " (epoch \($0))" } ?? "") } ?? "–",
                    finalTrainLoss: NumberText.loss(run.finalTrainLoss), finalTestLoss: NumberText.loss(run.finalTestLoss),
                    status: run.divergence.map { "diverged at step \(NumberText.count($0.step)) (\($0.cause))" } ?? "finished",
                    statusClass: run.status.rawValue,
                    epochsToTarget: target.flatMap { run.epochsToReach($0) }.map(String.init) ?? "–",
                    seconds: NumberText.seconds(run.wallSeconds),
                    isBest: best.contains(run.runId))
        } + failed.map { run in
            RowView(gridCells: shown.map { run.point.value($0)?.label ?? "–" }, seed: "\(run.repeatIndex + 1)",
                    finalTestAccuracy: "–", finalValidationAccuracy: "–", peak: "–", finalTrainLoss: "–", finalTestLoss: "–",
                    status: "failed: " + (run.failure ?? "unknown reason"), statusClass: run.status.rawValue,
                    epochsToTarget: "–", seconds: NumberText.seconds(run.wallSeconds), isBest: false)
        }
        self.css = css
        generator = "lrlab"
        if hasRepeats {
            pointRows = Self.pointRows(groups, columns: shown, target: target, best: Set(Analysis.bestPoints(groups).map(\.point)))
        }
        pointCount = groups.count
        runCountText = NumberText.count(runCount)
        divergedCountText = NumberText.count(divergedCount)
    }
}

extension ReportModel {
    /// The model for `report.md`: every text (titles, grid labels and values, findings, captions,
    /// statuses) passed through `MarkdownText.escape` (`escapeLineStart` for those the template starts
    /// a line with), as `index.html` HTML-escapes them. Paths and links are lrlab's own and stay as they are.
    func markdownEscaped() -> ReportModel {
        let md = MarkdownText.escape
        let paragraph = MarkdownText.escapeLineStart  // texts the template puts at the start of a line
        var copy = ReportModel(
            title: md(title), subtitle: paragraph(subtitle), runCount: runCount, divergedCount: divergedCount,
            hasDiverged: hasDiverged, failedCount: failedCount, hasFailed: hasFailed, totalSeconds: md(totalSeconds), bestRule: paragraph(bestRule),
            findings: findings.map { FindingView(headline: md($0.headline), text: md($0.text)) },
            charts: charts.map {
                ChartView(png: $0.png, file: $0.file, svg: $0.svg, caption: paragraph($0.caption), alt: md($0.alt),
                          linksSVG: $0.linksSVG)
            },
            gridColumns: gridColumns.map(md),
            rows: rows.map { $0.escaped(md) },
            hasRepeats: hasRepeats, hasValidation: hasValidation, hasTarget: hasTarget, targetLabel: md(targetLabel),
            css: css, generator: generator)
        copy.csvLink = csvLink
        copy.jsonLink = jsonLink
        copy.linksJSON = linksJSON
        copy.otherRunsNote = paragraph(otherRunsNote)
        copy.hasOtherRuns = hasOtherRuns
        copy.pointCount = pointCount
        copy.runCountText = runCountText
        copy.divergedCountText = divergedCountText
        copy.pointRows = pointRows.map { $0.escaped(md) }
        return copy
    }
}
