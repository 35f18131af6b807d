import Formatting
import Insights
import Results

/// Everything the report templates show, as plain strings and lists: templates only branch and loop.
struct ReportModel {
    struct FindingView { let headline: String; let text: String }
    /// `png` is what the page's `<img>` shows (a path, or a data URI with `--single-file`);
    /// `file` is always the chart's path, for report.md; `svg` is empty when the page links nothing.
    struct ChartView: Sendable {
        /// The chart's name, or its group's for a switch ("lecture-figure", "train-loss").
        let name: String
        let png: String
        let file: String
        let svg: String
        let caption: String
        let alt: String
        /// Whether the page links the SVG (not in a single-file page). Stored: templates see stored properties only.
        let linksSVG: Bool
        /// Charts of one group (the same curves over other x-axes): one figure whose radio inputs
        /// pick the variant shown, with CSS only. The fields above are the first variant's.
        let isSwitch: Bool
        /// The radio inputs' shared name.
        let inputName: String
        let variants: [VariantView]
        /// For `report.md`: links to the variants not shown ("[steps](charts/…) and [seconds](charts/…)");
        /// empty on the page.
        var otherVariants = ""
        /// The chart's PDF (`report.formats: [pdf]`), linked beside the SVG; "" without one.
        var pdf = ""
        var linksPDF = false
    }
    /// A grid value in a table cell: its label, and its rank in the key's display order for sorting.
    struct CellView: CustomStringConvertible {
        let text: String
        let sort: String
        var description: String { text }
    }
    /// Raw values the table's script sorts by (`data-sort`) where the cell's text is rounded or has
    /// units: plain decimals, "" when missing. Cells without one sort by their text's number.
    struct SortKeys {
        /// Whether the accuracy and loss cells carry theirs: not in the per-seed rows folded below
        /// the per-point table, which would double a large page for little (their text sorts too).
        var raw = true
        let finalTestAccuracy: String
        let finalValidationAccuracy: String
        let peak: String
        let finalTrainLoss: String
        let finalTestLoss: String
        let seconds: String
    }
    /// A line of the summary at the top of the page.
    struct SummaryLineView {
        let label: String
        let text: String
    }
    /// A row of the results table: one run (`seed` is its seed number), or with repeats one grid
    /// point (`seed` is how many seeds: "10", "7 of 10" when some failed; the numbers are means
    /// over seeds ± their standard deviation, `seconds` the seeds' time together).
    struct RowView {
        /// The run's or point's grid values, one per grid column, as labels (with sort ranks).
        let gridCells: [CellView]
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
        var sort: SortKeys

        /// The row with every text passed through `escape` (for `report.md`).
        func escaped(_ escape: (String) -> String) -> RowView {
            RowView(gridCells: gridCells.map { CellView(text: escape($0.text), sort: $0.sort) }, seed: escape(seed), finalTestAccuracy: escape(finalTestAccuracy),
                    finalValidationAccuracy: escape(finalValidationAccuracy), peak: escape(peak),
                    finalTrainLoss: escape(finalTrainLoss), finalTestLoss: escape(finalTestLoss), status: escape(status),
                    statusClass: statusClass, epochsToTarget: escape(epochsToTarget), seconds: escape(seconds),
                    isBest: isBest, sort: sort)
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
    /// Whether the runs recorded their time (imported runs do not).
    var hasTrainingTime = true
    /// How "best" is chosen and what one example is worth.
    let bestRule: String
    let findings: [FindingView]
    let charts: [ChartView]
    /// The grid keys in words, one column each.
    let gridColumns: [String]
    var rows: [RowView]
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

    /// `report.theme`: "auto" (follows `prefers-color-scheme`), "light", "dark" or "paper"; and
    /// the page's `color-scheme` for the browser's own controls.
    var theme = "auto"
    var colorScheme = "light dark"
    /// The plain-words summary at the top of the page.
    var summary: [SummaryLineView] = []
    /// The chart that answers the sweep's question, shown on the first screen (none or one); it
    /// is not repeated in `charts`.
    var lead: [ChartView] = []
    var hasCharts = false
    /// Every run's `<details>`, in table order (failed runs last).
    var runDetails: [RunView] = []
    /// What the details hold and what they leave out ("Per-run charts are drawn for sweeps of at most 60 runs").
    var runDetailsNote = ""
    var hasRunDetailsNote = false
    /// The setup every run shares, listed once when the details show only what differs.
    var sharedSpec: [ItemView] = []
    var hasSharedSpec = false
    /// The reproducibility section: fields, the sweep files as given, a note on runs without a record.
    /// The generalisation-gap table beside the lead figure (none or one), and the other analyses'
    /// tables after the findings (`AnalysisTableView`).
    var gapTable: [AnalysisTableView] = []
    var analysisTables: [AnalysisTableView] = []
    var hasAnalysisTables = false
    var reproducibility: [FieldView] = []
    var sweepFiles: [SweepFileView] = []
    var hasSweepFiles = false
    var reproducibilityNote = ""
    var hasReproducibilityNote = false

    mutating func setOtherRuns(_ count: Int, directory: String) {
        hasOtherRuns = count > 0
        guard count > 0 else { otherRunsNote = ""; return }
        let runs = count == 1 ? "1 run in this folder is" : "\(NumberText.count(count)) runs in this folder are"
        otherRunsNote = "\(runs) not part of this sweep; run 'lrlab report \(directory)' to see them all."
    }
}

extension ReportModel {
    /// Where the page's parts come from besides runs and findings: chart images as data URIs
    /// (`--single-file`), per-run chart paths, and the folder the page is written to.
    struct Sources {
        /// Chart name → a data URI that replaces the chart's file in the page (`--single-file`,
        /// which also drops the SVG links).
        var images: [String: String] = [:]
        /// Run id → the path (or data URI) of the run's own small chart.
        var runCharts: [String: String] = [:]
        /// Whether per-run charts were left out for the sweep's size (the page says so).
        var runChartsOmitted = false
        /// The report folder: a run's `runs/<id>/run.json` is linked when it is there.
        var directory: String?
        /// Whether the page links files beside it (not in a single-file page).
        var linksFiles = true
        /// Whether every chart was also written as PDF (linked beside its SVG).
        var pdf = false
    }

    /// `runs` in grid order; `findings` from `Analysis`; `groups`: the runs grouped by grid point,
    /// when the caller has them already. `failed`: runs with status `failed`, shown as rows at the
    /// end of the table and in the run details only.
    init(runs: [RunRecord], findings: [Finding], charts: [ReportCharts.Entry], sources: Sources = Sources(), css: String,
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
        hasTrainingTime = runs.contains { $0.wallSeconds > 0 }
        let groups = groups ?? PointGroup.group(runs)
        let noise = Noise(groups)
        bestRule = noise.rule
        self.findings = findings.map { FindingView(headline: $0.headline, text: $0.text) }
        var views = Self.chartViews(charts, images: sources.images, pdf: sources.pdf && sources.linksFiles)
        let leadIndex = Self.leadIndex(views)
        let leadView = leadIndex.map { views.remove(at: $0) }
        self.charts = views
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
        let cells = Self.gridCells(axes)
        rows = runs.map { run in
            RowView(gridCells: cells(pointOf[run.runId] ?? run.point),
                    seed: "\(run.repeatIndex < Int.max ? run.repeatIndex + 1 : run.repeatIndex)",
                    finalTestAccuracy: NumberText.percent(run.finalTestAccuracy),
                    finalValidationAccuracy: NumberText.percent(run.finalValidationAccuracy),
                    peak: run.bestTestAccuracy.map { NumberText.percent($0) + (run.peakTestEpoch.map { " (epoch \($0))" } ?? "") } ?? "–",
                    finalTrainLoss: NumberText.loss(run.finalTrainLoss), finalTestLoss: NumberText.loss(run.finalTestLoss),
                    status: run.divergence.map { "diverged at step \(NumberText.count($0.step)) (\($0.cause))" } ?? "finished",
                    statusClass: run.status.rawValue,
                    epochsToTarget: target.flatMap { run.epochsToReach($0) }.map(String.init) ?? "–",
                    seconds: NumberText.seconds(run.wallSeconds),
                    isBest: best.contains(run.runId),
                    sort: SortKeys(finalTestAccuracy: sortKey(run.finalTestAccuracy),
                                   finalValidationAccuracy: sortKey(run.finalValidationAccuracy), peak: sortKey(run.bestTestAccuracy),
                                   finalTrainLoss: sortKey(run.finalTrainLoss), finalTestLoss: sortKey(run.finalTestLoss),
                                   seconds: sortKey(run.wallSeconds)))
        } + failed.map { run in
            RowView(gridCells: cells(run.point), seed: "\(run.repeatIndex + 1)",
                    finalTestAccuracy: "–", finalValidationAccuracy: "–", peak: "–", finalTrainLoss: "–", finalTestLoss: "–",
                    status: "failed: " + (run.failure ?? "unknown reason"), statusClass: run.status.rawValue,
                    epochsToTarget: "–", seconds: NumberText.seconds(run.wallSeconds), isBest: false,
                    sort: SortKeys(finalTestAccuracy: "", finalValidationAccuracy: "", peak: "",
                                   finalTrainLoss: "", finalTestLoss: "", seconds: sortKey(run.wallSeconds)))
        }
        self.css = css
        generator = "lrlab"
        if hasRepeats {
            rows = rows.map { row in
                var copy = row
                copy.sort.raw = false
                return copy
            }
            pointRows = Self.pointRows(groups, cells: cells, target: target, best: Set(Analysis.bestPoints(groups).map(\.point)))
        }
        pointCount = groups.count
        runCountText = NumberText.count(runCount)
        divergedCountText = NumberText.count(divergedCount)

        let theme = (runs.first ?? failed.first)?.sweep.report?.theme ?? .auto
        self.theme = theme.rawValue
        colorScheme = theme == .auto ? "light dark" : (theme == .dark ? "dark" : "light")
        summary = PageSummary(groups: groups, failed: failed.count).lines.map { SummaryLineView(label: $0.label, text: $0.text) }
        lead = leadView.map { [$0] } ?? []
        hasCharts = !self.charts.isEmpty
        gapTable = AnalysisTableView.gap(groups).map { [$0] } ?? []
        analysisTables = AnalysisTableView.all(groups)
        hasAnalysisTables = !analysisTables.isEmpty

        let everyRun = runs + failed
        let full = everyRun.count <= RunDetails.maxFullRuns
        let detailed = everyRun.count <= RunDetails.maxDetailedRuns
        let spec = RunDetails.sharedSpec(everyRun)
        if detailed {
            runDetails = RunDetails.views(everyRun, points: pointOf, hasRepeats: hasRepeats, target: target, full: full,
                                          varying: spec.varying, charts: sources.runCharts, directory: sources.directory,
                                          linksFiles: sources.linksFiles)
        }
        if !full {
            sharedSpec = spec.shared
            hasSharedSpec = !spec.shared.isEmpty
        }
        var notes: [String] = []
        if !detailed {
            notes.append("Runs get details of their own in sweeps of at most \(RunDetails.maxDetailedRuns) runs; this one has "
                         + "\(NumberText.count(everyRun.count)): each run's figures are its row in the table above and in results.csv, "
                         + "its whole record is runs/<id>/run.json.")
        } else if !full {
            notes.append("With more than \(RunDetails.maxFullRuns) runs, the setup every run shares is listed once here, and each run shows what differs and the figures the table does not.")
        }
        if sources.runChartsOmitted && detailed {
            notes.append(everyRun.count > RunDetails.maxChartedRuns
                ? "Per-run charts are drawn for sweeps of at most \(RunDetails.maxChartedRuns) runs; this one has \(NumberText.count(everyRun.count))."
                : "Per-run charts are left out of a single-file page.")
        }
        runDetailsNote = notes.joined(separator: " ")
        hasRunDetailsNote = !notes.isEmpty

        let provenance = Reproducibility(everyRun)
        reproducibility = provenance.fields
        sweepFiles = provenance.sweepFiles
        hasSweepFiles = !provenance.sweepFiles.isEmpty
        reproducibilityNote = provenance.missingNote
        hasReproducibilityNote = !provenance.missingNote.isEmpty
    }

    /// A point's grid cells: each key's label ("–" when the point has none) and its rank in the key's display order.
    static func gridCells(_ axes: [GridAxis]) -> (GridPoint) -> [CellView] {
        { point in
            axes.map { axis in
                guard let value = point.value(axis.key) else { return CellView(text: "–", sort: "") }
                return CellView(text: value.label, sort: axis.rank(value).map(String.init) ?? "")
            }
        }
    }
}

/// A number for a table's `data-sort`: a plain decimal with up to 6 significant digits (enough
/// to order what the page shows), "" for missing or not finite.
func sortKey(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "" }
    return String(format: "%.6g", value)
}

extension ReportModel {
    /// The model for `report.md`: every text (titles, grid labels and values, findings, captions,
    /// statuses) passed through `MarkdownText.escape` (`escapeLineStart` for those the template starts
    /// a line with), as `index.html` HTML-escapes them. Paths and links are lrlab's own and stay as they are.
    func markdownEscaped() -> ReportModel {
        let md = MarkdownText.escape
        let paragraph = MarkdownText.escapeLineStart  // texts the template puts at the start of a line
        func chart(_ c: ChartView) -> ChartView {
            ChartView(name: c.name, png: c.png, file: c.file, svg: c.svg, caption: paragraph(c.caption), alt: md(c.alt),
                      linksSVG: c.linksSVG, isSwitch: c.isSwitch, inputName: c.inputName,
                      variants: c.variants.map {
                          VariantView(inputId: $0.inputId, label: md($0.label), checked: $0.checked, chart: chart($0.chart))
                      },
                      otherVariants: Analysis.list(c.variants.filter { !$0.checked }.map { "[\(md($0.label))](\($0.file))" }, separator: ", "))
        }
        var copy = ReportModel(
            title: md(title), subtitle: paragraph(subtitle), runCount: runCount, divergedCount: divergedCount,
            hasDiverged: hasDiverged, failedCount: failedCount, hasFailed: hasFailed, totalSeconds: md(totalSeconds), bestRule: paragraph(bestRule),
            findings: findings.map { FindingView(headline: md($0.headline), text: md($0.text)) },
            charts: charts.map(chart),
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
        copy.theme = theme
        copy.colorScheme = colorScheme
        copy.summary = summary.map { SummaryLineView(label: md($0.label), text: md($0.text)) }
        copy.lead = lead.map(chart)
        copy.hasCharts = hasCharts
        copy.hasTrainingTime = hasTrainingTime
        copy.gapTable = gapTable.map { $0.escaped(md) }
        copy.analysisTables = analysisTables.map { $0.escaped(md) }
        copy.hasAnalysisTables = hasAnalysisTables
        copy.reproducibility = reproducibility.map { field in
            FieldView(label: md(field.label),
                      values: field.values.map { CountedView(value: md($0.value), count: md($0.count), hasCount: $0.hasCount, isCode: $0.isCode) },
                      isSingle: field.isSingle)
        }
        // The sweep files go into fenced code blocks, where text is literal: only the path is escaped.
        copy.sweepFiles = sweepFiles.map {
            SweepFileView(path: md($0.path), text: MarkdownText.fenced($0.text, info: "yaml"), count: md($0.count), hasCount: $0.hasCount)
        }
        copy.hasSweepFiles = hasSweepFiles
        copy.reproducibilityNote = paragraph(reproducibilityNote)
        copy.hasReproducibilityNote = hasReproducibilityNote
        return copy
    }
}
