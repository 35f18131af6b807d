import Formatting
import Charts
import Foundation
import Insights
import Results

/// The charts of a sweep report, built as values from the runs (no drawing here).
struct ReportCharts {
    struct Entry {
        enum Figure { case chart(Chart), heatmap(Heatmap) }

        /// File name without extension, e.g. "test-accuracy-by-batch".
        var name: String
        var figure: Figure
        /// One sentence saying what the chart shows, for the page and for alt text.
        var caption: String

        init(name: String, chart: Chart, caption: String) {
            self.init(name: name, figure: .chart(chart), caption: caption)
        }

        init(name: String, figure: Figure, caption: String) {
            self.name = name
            self.figure = figure
            self.caption = caption
        }

        var title: String {
            switch figure {
            case .chart(let chart): return chart.title
            case .heatmap(let heatmap): return heatmap.title
            }
        }
    }

    let runs: [RunRecord]
    let setup: SetupText
    let axis: VariantAxis
    let rangeTests: [RangeTestRecord]

    init(runs: [RunRecord], setup: SetupText, rangeTests: [RangeTestRecord] = []) {
        self.runs = runs
        self.setup = setup
        self.rangeTests = rangeTests
        axis = VariantAxis(runs)
    }

    var batchSizes: [Int] { Array(Set(runs.map(\.setup.batchSize))).sorted() }
    var learningRates: [Double] { Array(Set(runs.map(\.setup.learningRate))).sorted() }

    func colorIndex(batch: Int) -> Int { batchSizes.firstIndex(of: batch) ?? 0 }
    func colorIndex(rate: Double) -> Int { learningRates.firstIndex(of: rate) ?? 0 }

    /// Every chart that the runs support, in reading order.
    func all() -> [Entry] {
        var entries: [Entry] = []
        if batchSizes.count == 1, axis.variants.count > 1, let batch = batchSizes.first {
            entries.append(testAccuracy(lines: .variants(batch: batch)))
            entries.append(trainingLoss(lines: .variants(batch: batch)))
        } else if let variant = comparisonVariant() {
            entries.append(testAccuracy(lines: .batches(variant)))
            entries.append(trainingLoss(lines: .batches(variant)))
        }
        if axis.variants.count > 1 || batchSizes.count > 1 {
            entries.append(heatmap())
        }
        if axis.variants.count > 1 && batchSizes.count > 1 {
            entries.append(smallMultiples())
        }
        entries.append(schedule())
        if !rangeTests.isEmpty {
            let title = Set(runs.map(\.sweep.title)).sorted().joined(separator: ", ")
            entries.append(Entry(name: "lr-find", chart: RangeTestReport.chart(rangeTests, title: title),
                                 caption: "The learning-rate range test (lrlab lr-find): loss while the rate rises exponentially; the dot is the rate where the loss falls fastest."))
        }
        return entries
    }

    /// What the lines of a comparison chart are: batch sizes at one variant, or variants at one batch size.
    enum Lines {
        case batches(Variant)
        case variants(batch: Int)
    }

    /// The variant at which to compare batch sizes: among those run at every batch size, the one
    /// with the best mean of best test accuracies (a diverged run counts as 0).
    func comparisonVariant() -> Variant? {
        let common = axis.variants.filter { v in batchSizes.allSatisfy { run(batch: $0, variant: v) != nil } }
        let candidates = common.isEmpty ? axis.variants : common
        return candidates.max { score($0) < score($1) }
    }

    private func score(_ variant: Variant) -> Double {
        let values = runs.filter { axis.variant(of: $0) == variant }
            .map { $0.status == .diverged ? 0 : ($0.bestTestAccuracy ?? 0) }
        return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// Every repeat of (batch, variant), the first seed first.
    func repeats(batch: Int, variant: Variant) -> [RunRecord] {
        runs.filter { $0.setup.batchSize == batch && axis.variant(of: $0) == variant }.sorted { $0.setup.seed < $1.setup.seed }
    }

    /// One representative run per (batch, variant): the first repeat.
    func run(batch: Int, variant: Variant) -> RunRecord? { repeats(batch: batch, variant: variant).first }

    /// Test accuracy per epoch of one grid point: the run's line, or with several seeds their
    /// mean with the min–max range as a band. The ✕ is drawn when every seed diverged.
    func accuracySeries(_ group: [RunRecord], label: String, color: Int, valueText: Bool) -> Series? {
        guard let first = group.first else { return nil }
        let allDiverged = group.allSatisfy { $0.status == .diverged }
        guard group.count > 1 else {
            return Series(label: label, colorIndex: color,
                          points: first.history.map { ChartPoint(x: Double($0.epoch), y: $0.testAccuracy) },
                          valueText: valueText && !allDiverged ? NumberText.percent(first.finalTestAccuracy) : nil,
                          divergence: divergenceMark(first) { $0.testAccuracy })
        }
        let summary = RepeatSummary(group) { $0.testAccuracy }
        return Series(label: label, colorIndex: color, points: summary.mean,
                      valueText: valueText && !allDiverged ? NumberText.percent(summary.mean.last?.y) : nil,
                      divergence: allDiverged ? divergenceMark(first) { $0.testAccuracy } : nil,
                      band: summary.range.map { BandPoint(x: $0.x, low: $0.low, high: $0.high) })
    }

    /// "mean of 3 seeds, band: their range" when grid points were repeated.
    var repeatsClause: String {
        let most = mostRepeats
        return most > 1 ? "mean of \(most) seeds, band: their range" : ""
    }

    /// The largest number of seeds run at one (batch size, variant).
    var mostRepeats: Int {
        Dictionary(grouping: runs) { "\($0.setup.batchSize) \(axis.variant(of: $0).label)" }.values.map(\.count).max() ?? 1
    }

    /// The grid points a comparison chart draws (every repeat of each), with label and colour.
    func members(_ lines: Lines) -> [(runs: [RunRecord], label: String, color: Int)] {
        switch lines {
        case .batches(let variant):
            return batchSizes.map { batch in (repeats(batch: batch, variant: variant), "batch \(batch)", colorIndex(batch: batch)) }
                .filter { !$0.0.isEmpty }
        case .variants(let batch):
            return axis.variants.map { variant in
                let label = axis.isLearningRate ? "lr \(variant.label)" : variant.label
                return (repeats(batch: batch, variant: variant), label, axis.index(of: variant))
            }.filter { !$0.0.isEmpty }
        }
    }

    /// "by batch size" and the clause naming what is held fixed.
    func describe(_ lines: Lines) -> (by: String, fixed: String) {
        switch lines {
        case .batches(let variant): return ("batch size", axis.clause(variant))
        case .variants(let batch): return (axis.title, "batch \(batch)")
        }
    }

    func divergenceMark(_ run: RunRecord, y: (DivergenceInfo) -> Double) -> DivergenceMark? {
        run.divergence.map { DivergenceMark(x: $0.epochsSeen, y: y($0), label: "diverged at step \(NumberText.count($0.step))") }
    }

    func testAccuracy(lines: Lines) -> Entry {
        let series = members(lines).compactMap { member in
            accuracySeries(member.runs, label: member.label, color: member.color, valueText: true)
        }
        let (by, fixed) = describe(lines)
        let chart = Chart(title: "Test accuracy per epoch, by \(by)",
                          subtitle: setup.clauses(including: [fixed, setup.epochsClause, repeatsClause]),
                          xAxis: Axis(title: "epoch", domain: 0...Double(setup.epochs)),
                          yAxis: Axis(title: "test accuracy", format: .percent),
                          panels: [Panel(series: series)])
        let name = if case .batches = lines { "test-accuracy-by-batch" } else { "test-accuracy-by-variant" }
        return Entry(name: name, chart: chart,
                     caption: "Test accuracy after each epoch for each \(by)" + (fixed.isEmpty ? "." : ", at \(fixed)."))
    }

    func trainingLoss(lines: Lines) -> Entry {
        let series = members(lines).compactMap { member -> Series? in
            // The first seed's minibatch losses: a mean of noisy per-step losses would hide the noise this chart shows.
            guard let run = member.runs.first else { return nil }
            let raw = run.steps.filter { $0.loss.isFinite && $0.loss > 0 }.map { ChartPoint(x: Double($0.examplesSeen), y: $0.loss) }
            return Series(label: member.label, colorIndex: member.color,
                          points: Smoothing.ema(raw, tau: 1000, logSpace: true), faintPoints: raw,
                          divergence: run.divergence.map {
                              DivergenceMark(x: $0.epochsSeen * Double(run.setup.trainCount), y: $0.loss,
                                             label: "diverged at step \(NumberText.count($0.step))")
                          })
        }
        let (by, fixed) = describe(lines)
        let chart = Chart(title: "Training loss vs. examples seen, by \(by)",
                          subtitle: setup.clauses(including: [fixed])
                              + " · faint: loss of each minibatch; solid: moving average over ~1,000 examples",
                          xAxis: Axis(title: "examples seen", format: .count),
                          yAxis: Axis(title: "training loss (log scale)", scale: .log),
                          panels: [Panel(series: series)])
        let name = if case .batches = lines { "train-loss-by-batch" } else { "train-loss-by-variant" }
        return Entry(name: name, chart: chart,
                     caption: "Minibatch training loss against the number of examples seen" + (fixed.isEmpty ? "" : ", at \(fixed)")
                         + "; comparing at equal data is fair to every batch size.")
    }

    /// Final test accuracy per (batch size, variant), mean over repeats; diverged cells hatched.
    func heatmap() -> Entry {
        let grid = batchSizes.map { batch in
            axis.variants.map { variant -> HeatmapCell in
                let matching = runs.filter { $0.setup.batchSize == batch && axis.variant(of: $0) == variant }
                if !matching.isEmpty, matching.allSatisfy({ $0.status == .diverged }),
                   let step = matching.compactMap(\.divergence?.step).min() {
                    return .diverged(step: step)
                }
                let values = matching.compactMap(\.finalTestAccuracy)
                return values.isEmpty ? .missing : .value(values.reduce(0, +) / Double(values.count))
            }
        }
        // For now the best cells are those with the largest mean (every tied cell).
        let top = grid.flatMap { $0 }.compactMap { cell -> Double? in
            if case let .value(v, _, _) = cell, v.isFinite { return v }
            return nil
        }.max()
        let marked = grid.map { row in
            row.map { cell -> HeatmapCell in
                if case let .value(v, _, detail) = cell, let top, abs(v - top) <= 1e-12 {
                    return .value(v, best: true, detail: detail)
                }
                return cell
            }
        }
        let repeats = mostRepeats
        let columns = axis.title.isEmpty ? "" : " and \(axis.title)"
        let heatmap = Heatmap(
            title: "Final test accuracy by batch size\(columns)",
            subtitle: setup.clauses(including: ["after \(setup.epochsClause)"]
                                    + (repeats > 1 ? ["mean of \(repeats) seeds"] : [])
                                    + ["outlined: best", "hatched: diverged"]),
            rowLabels: batchSizes.map(String.init), columnLabels: axis.variants.map(\.label),
            cells: marked, rowTitle: "batch size", columnTitle: axis.title, colorBarTitle: "final test accuracy")
        return Entry(name: "heatmap-bs-lr", figure: .heatmap(heatmap),
                     caption: "Final test accuracy of every batch size\(columns.isEmpty ? "" : " and " + axis.title); the best cell is outlined, diverged runs are hatched.")
    }

    func smallMultiples() -> Entry {
        let panels = batchSizes.map { batch in
            Panel(title: "batch size \(batch)", series: axis.variants.compactMap { variant -> Series? in
                accuracySeries(repeats(batch: batch, variant: variant), label: variant.label,
                               color: axis.index(of: variant), valueText: false)
            })
        }
        let chart = Chart(title: "Test accuracy per epoch, by \(axis.title) and batch size",
                          subtitle: setup.clauses(including: [setup.epochsClause, repeatsClause, "a run diverges when its recent loss exceeds 4× the initial loss"]),
                          xAxis: Axis(title: "epoch", domain: 0...Double(setup.epochs)),
                          yAxis: Axis(title: "test accuracy", format: .percent),
                          panels: panels, legendTitle: axis.title)
        return Entry(name: "small-multiples", chart: chart,
                     caption: "One panel per batch size, one line per \(axis.title); ✕ marks where a run diverged.")
    }

    /// The learning rate over training, in epochs so batch sizes line up: one line per distinct
    /// curve (schedule × learning rate × batch size; batch sizes whose curves coincide in epochs,
    /// as with a constant rate or `budget: epochs`, share one line). A single curve gets its
    /// warmup shaded and marked, and its peak and final rate labelled.
    func schedule() -> Entry {
        let curves = ScheduleLines.distinct(runs: runs, batchSizes: batchSizes, learningRates: learningRates)
        let series = ScheduleLines.series(curves, colorIndex: { colorIndex(rate: $0) })
        let log = ScheduleLines.wantsLogAxis(curves)
        let peak = curves.flatMap(\.points).map(\.y).filter(\.isFinite).max() ?? 0
        let yAxis = log ? Axis(title: "learning rate (log scale)", scale: .log)
            : Axis(title: "learning rate", domain: 0...(peak > 0 ? 1.125 * peak : 1))
        let schedules = Set(runs.map(\.setup.schedule))
        let title = schedules == ["constant"] ? "Learning rate over training: constant rates" : "Learning-rate schedule over training"
        let annotations = curves.count == 1 ? ScheduleLines.annotations(curves[0], log: log) : []
        let chart = Chart(title: title,
                          subtitle: setup.clauses(including: [setup.epochsClause, ScheduleLines.subtitleClause(schedules)]),
                          xAxis: Axis(title: "epoch", domain: 0...Double(setup.epochs)),
                          yAxis: yAxis, panels: [Panel(series: series)], annotations: annotations)
        return Entry(name: "lr-schedule", chart: chart,
                     caption: "The learning rate the trainer used at each step, in epochs"
                         + (curves.count > 1 ? "; one line per distinct schedule, learning rate and batch size." : "."))
    }
}
