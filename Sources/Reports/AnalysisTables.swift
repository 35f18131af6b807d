import Formatting
import Insights
import Results

/// The numbers behind the batch-size findings as tables for the page: the same Insights analyses
/// the findings and charts read (`GeneralizationGap`, `StepsToTarget`, `CriticalBatchSize`,
/// `Throughput`, `SeedStatistics`), formatted. Templates only loop over them.
struct AnalysisTableView {
    struct Cell {
        let text: String
        /// Right-aligned (a number).
        let num: Bool
    }
    struct Row { let cells: [Cell] }

    /// The table's id in the page and its title.
    let id: String
    let title: String
    /// One sentence under the title: what the numbers are.
    let note: String
    let header: [Cell]
    let rows: [Row]
    /// `| --- | ---: |`: the header's alignment row, for `report.md` (set by `escaped`; stored,
    /// as templates see stored properties only).
    var markdownRule = ""

    /// The generalisation-gap table (shown beside the lecture notes' figure), nil when no point finished.
    static func gap(_ groups: [PointGroup]) -> AnalysisTableView? {
        guard let gap = GeneralizationGap.measure(groups: groups), !gap.rows.isEmpty else { return nil }
        let set = gap.usesValidation ? "validation" : "test"
        let every = gap.rows.contains { !$0.isBatchBest }
        func points(_ m: SeedMean) -> String { spread(m, scale: 100, decimals: 1) }
        let rows = gap.rows.map { row -> Row in
            var cells = [Cell(text: row.batchLabel, num: false), Cell(text: otherKeys(row.point), num: false)]
            cells += [
                Cell(text: percent(row.finalTrainAccuracy), num: true), Cell(text: percent(row.finalTestAccuracy), num: true),
                Cell(text: points(row.finalAccuracyGap) + (row.finalWithinNoise ? " (within noise)" : ""), num: true),
                Cell(text: spread(row.finalLossGap, scale: 1, decimals: 3), num: true),
                Cell(text: epoch(row.bestEpoch), num: true),
                Cell(text: points(row.bestAccuracyGap) + (row.bestWithinNoise ? " (within noise)" : ""), num: true),
            ]
            return Row(cells: cells)
        }
        let header = ["batch", "setting", "final train acc.", "final \(set) acc.", "gap (points)", "loss gap",
                      "best \(set) epoch", "gap there"].enumerated().map { Cell(text: $0.element, num: $0.offset >= 2) }
        return AnalysisTableView(
            id: "gap-table", title: "Generalisation gap by batch size",
            note: (every ? "Every grid point" : "Each batch size at its best point")
                + ": train − \(set) accuracy in points and \(set) − train loss at the end of training, and the gap at the epoch of the best \(set) accuracy"
                + (groups.contains { $0.runs.count > 1 } ? "; mean ± standard deviation over seeds." : "."),
            header: header, rows: rows)
    }

    /// Steps and examples to the target by batch size, with the regime from the previous batch size.
    static func steps(_ groups: [PointGroup]) -> AnalysisTableView? {
        guard let steps = StepsToTarget.measure(groups: groups), steps.rows.count >= 2 else { return nil }
        let goal = steps.targetText
        let rows = steps.rows.map { row -> Row in
            let regime = steps.transitions.first { $0.largerBatch == row.batchSize }
            return Row(cells: [
                Cell(text: row.batchLabel, num: false), Cell(text: row.point.map(otherKeys) ?? "–", num: false),
                Cell(text: row.epochs.map(String.init) ?? "never", num: true),
                Cell(text: row.steps.map(NumberText.count) ?? "–", num: true),
                Cell(text: row.examples.map(NumberText.count) ?? "–", num: true),
                Cell(text: regime.map { "×\(formatFixed($0.stepRatio, decimals: 1)) fewer steps: \($0.regime.rawValue)" } ?? "", num: false),
            ])
        }
        return AnalysisTableView(
            id: "steps-table", title: "Steps to \(goal) test accuracy by batch size",
            note: "The fewest optimizer steps any of the batch size's points needed (counted in whole epochs)"
                + (steps.targetFromSweep ? "" : "; the target is chosen from the results (set report.target_accuracy to choose it)")
                + ", and how the steps fell from the previous batch size.",
            header: ["batch", "fastest setting", "epochs", "steps", "examples", "from the previous batch"].enumerated()
                .map { Cell(text: $0.element, num: (2...4).contains($0.offset)) },
            rows: rows)
    }

    /// B_simple early and late in training by batch size.
    static func noise(_ groups: [PointGroup]) -> AnalysisTableView? {
        guard let analysis = CriticalBatchSize.measure(groups: groups) else { return nil }
        let rows = analysis.series.map { s -> Row in
            Row(cells: [
                Cell(text: s.batchLabel, num: false),
                Cell(text: NumberText.count(s.windows.reduce(0) { $0 + $1.samples }), num: true),
                Cell(text: s.early?.simple.map(CriticalBatchSize.approximate) ?? "–", num: true),
                Cell(text: s.hasTrend ? (s.late?.simple.map(CriticalBatchSize.approximate) ?? "–") : "–", num: true),
            ])
        }
        return AnalysisTableView(
            id: "noise-table", title: "Gradient noise scale by batch size",
            note: "B_simple = tr(Σ)/|G|² from the noise samples of each batch size's best point, averaged over the first and the last stretch of training.",
            header: ["batch", "samples", "early", "late"].enumerated().map { Cell(text: $0.element, num: $0.offset > 0) },
            rows: rows)
    }

    /// Examples per second and working memory by batch size.
    static func throughput(_ groups: [PointGroup]) -> AnalysisTableView? {
        guard let analysis = Throughput.measure(groups: groups) else { return nil }
        let rows = analysis.rows.map { row -> Row in
            Row(cells: [
                Cell(text: row.batchLabel, num: false),
                Cell(text: row.examplesPerSecond.map { Throughput.rate($0) + "/s" } ?? "–", num: true),
                Cell(text: row.memory.map { NumberText.bytes($0.total) } ?? "–", num: true),
                Cell(text: row.memory.map { NumberText.bytes($0.activations) } ?? "–", num: true),
                Cell(text: row.memory.map { NumberText.bytes($0.parameters + $0.gradients + $0.optimizerState) } ?? "–", num: true),
            ])
        }
        return AnalysisTableView(
            id: "throughput-table", title: "Throughput and working memory by batch size",
            note: "Training examples per second (training loop only, median over the batch size's runs) and the trainer's buffers: the activations are the batch's rows of the per-batch buffers and grow with it; weights, gradients and optimizer state do not depend on it.",
            header: ["batch", "examples / s", "memory", "activations", "weights, gradients, optimizer"].enumerated()
                .map { Cell(text: $0.element, num: $0.offset > 0) },
            rows: rows)
    }

    /// With at least 3 repeats: each point's mean and its 95% t-interval (best first, at most 20 rows).
    static func seeds(_ groups: [PointGroup]) -> AnalysisTableView? {
        guard let stats = SeedStatistics.measure(groups: groups) else { return nil }
        let set = stats.usesValidation ? "validation" : "test"
        let ordered = stats.rows.sorted { $0.accuracy.mean > $1.accuracy.mean }
        let shown = ordered.prefix(maxSeedRows)
        let rows = shown.map { row -> Row in
            let interval = row.accuracy.interval95.map { "\(formatFixed($0.lowerBound * 100, decimals: 1))–\(formatFixed($0.upperBound * 100, decimals: 1))%" } ?? "–"
            return Row(cells: [
                Cell(text: row.point.label.isEmpty ? "the run" : row.point.label, num: false),
                Cell(text: "\(row.accuracy.count)", num: true),
                Cell(text: NumberText.percent(row.accuracy.mean), num: true),
                Cell(text: interval, num: true),
            ])
        }
        var note = "Mean final \(set) accuracy over the seeds with its 95% Student-t interval, best first"
        if ordered.count > shown.count { note += " (the \(shown.count) best of \(ordered.count) points)" }
        note += "."
        return AnalysisTableView(
            id: "seeds-table", title: "Seeds: means and 95% intervals", note: note,
            header: ["setting", "seeds", "mean", "95% interval"].enumerated().map { Cell(text: $0.element, num: $0.offset > 0) },
            rows: Array(rows))
    }

    static let maxSeedRows = 20

    /// The table with every text passed through `escape` (for `report.md`).
    func escaped(_ escape: (String) -> String) -> AnalysisTableView {
        func cells(_ list: [Cell]) -> [Cell] { list.map { Cell(text: escape($0.text), num: $0.num) } }
        return AnalysisTableView(id: id, title: escape(title), note: escape(note), header: cells(header),
                                 rows: rows.map { Row(cells: cells($0.cells)) },
                                 markdownRule: "|" + header.map { $0.num ? " ---: |" : " --- |" }.joined())
    }

    /// The tables after the findings, in reading order (the gap table stands beside the figure).
    static func all(_ groups: [PointGroup]) -> [AnalysisTableView] {
        [steps(groups), noise(groups), throughput(groups), seeds(groups)].compactMap { $0 }
    }

    /// A point's values other than its batch size ("lr 0.1, adam"); "–" when it has none.
    static func otherKeys(_ point: GridPoint) -> String {
        let label = point.removing(GridAxis.batchKey).label
        return label.isEmpty ? "–" : label
    }

    static func percent(_ m: SeedMean) -> String {
        NumberText.percent(m.mean) + (m.standardDeviation.map { " ± " + formatFixed($0 * 100, decimals: 1) } ?? "")
    }

    static func spread(_ m: SeedMean, scale: Double, decimals: Int) -> String {
        formatFixed(m.mean * scale, decimals: decimals) + (m.standardDeviation.map { " ± " + formatFixed($0 * scale, decimals: decimals) } ?? "")
    }

    static func epoch(_ m: SeedMean) -> String {
        m.epochText + (m.standardDeviation.map { " ± " + formatFixed($0, decimals: 1) } ?? "")
    }
}
