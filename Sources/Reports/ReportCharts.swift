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

    var batchSizes: [Int] { Array(Set(runs.map(\.setup.batchSize))).sorted() }
    var learningRates: [Double] { Array(Set(runs.map(\.setup.learningRate))).sorted() }

    func colorIndex(batch: Int) -> Int { batchSizes.firstIndex(of: batch) ?? 0 }
    func colorIndex(rate: Double) -> Int { learningRates.firstIndex(of: rate) ?? 0 }

    /// Every chart that the runs support, in reading order.
    func all() -> [Entry] {
        var entries: [Entry] = []
        if let rate = comparisonRate() {
            entries.append(testAccuracyByBatch(rate: rate))
            entries.append(trainingLossByBatch(rate: rate))
        }
        if learningRates.count > 1 || batchSizes.count > 1 {
            entries.append(heatmap())
            entries.append(smallMultiples())
        }
        entries.append(schedule())
        return entries
    }

    /// The learning rate at which to compare batch sizes: among rates run at every batch size,
    /// the one with the best mean of best test accuracies (diverged runs count as their last value).
    func comparisonRate() -> Double? {
        let common = learningRates.filter { rate in batchSizes.allSatisfy { b in runs.contains { $0.setup.batchSize == b && $0.setup.learningRate == rate } } }
        let candidates = common.isEmpty ? learningRates : common
        return candidates.max { score($0) < score($1) }
    }

    private func score(_ rate: Double) -> Double {
        let values = runs.filter { $0.setup.learningRate == rate }.map { $0.status == .diverged ? 0 : ($0.bestTestAccuracy ?? 0) }
        return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// One representative run per (batch, rate): the first repeat.
    func run(batch: Int, rate: Double) -> RunRecord? {
        runs.filter { $0.setup.batchSize == batch && $0.setup.learningRate == rate }.min { $0.setup.seed < $1.setup.seed }
    }

    func divergenceMark(_ run: RunRecord, y: (DivergenceInfo) -> Double) -> DivergenceMark? {
        run.divergence.map { DivergenceMark(x: $0.epochsSeen, y: y($0), label: "diverged at step \(NumberText.count($0.step))") }
    }

    func testAccuracyByBatch(rate: Double) -> Entry {
        let series = batchSizes.compactMap { batch -> Series? in
            guard let run = run(batch: batch, rate: rate) else { return nil }
            return Series(label: "batch \(batch)", colorIndex: colorIndex(batch: batch),
                          points: run.history.map { ChartPoint(x: Double($0.epoch), y: $0.testAccuracy) },
                          valueText: run.status == .finished ? NumberText.percent(run.finalTestAccuracy) : nil,
                          divergence: divergenceMark(run) { $0.testAccuracy })
        }
        let chart = Chart(title: "Test accuracy per epoch, by batch size",
                          subtitle: setup.clauses(including: ["learning rate \(NumberText.learningRate(rate))", setup.epochsClause]),
                          xAxis: Axis(title: "epoch", domain: 0...Double(setup.epochs)),
                          yAxis: Axis(title: "test accuracy", format: .percent),
                          panels: [Panel(series: series)])
        return Entry(name: "test-accuracy-by-batch", chart: chart,
                     caption: "Test accuracy after each epoch for each batch size at learning rate \(NumberText.learningRate(rate)).")
    }

    func trainingLossByBatch(rate: Double) -> Entry {
        let series = batchSizes.compactMap { batch -> Series? in
            guard let run = run(batch: batch, rate: rate) else { return nil }
            let raw = run.steps.filter { $0.loss.isFinite && $0.loss > 0 }.map { ChartPoint(x: Double($0.examplesSeen), y: $0.loss) }
            let smooth = Smoothing.ema(raw, tau: 1000, logSpace: true)
            return Series(label: "batch \(batch)", colorIndex: colorIndex(batch: batch), points: smooth, faintPoints: raw,
                          divergence: run.divergence.map {
                              DivergenceMark(x: $0.epochsSeen * Double(run.setup.trainCount), y: $0.loss,
                                             label: "diverged at step \(NumberText.count($0.step))")
                          })
        }
        let chart = Chart(title: "Training loss vs. examples seen, by batch size",
                          subtitle: setup.clauses(including: ["learning rate \(NumberText.learningRate(rate))"])
                              + " · faint: loss of each minibatch; solid: moving average over ~1,000 examples",
                          xAxis: Axis(title: "examples seen", format: .count),
                          yAxis: Axis(title: "training loss (log scale)", scale: .log),
                          panels: [Panel(series: series)])
        return Entry(name: "train-loss-by-batch", chart: chart,
                     caption: "Minibatch training loss against the number of examples seen, at learning rate \(NumberText.learningRate(rate)); a fair comparison of batch sizes at equal data.")
    }

    /// Final test accuracy per (batch size, learning rate), mean over repeats; diverged cells hatched.
    func heatmap() -> Entry {
        let cells = Cell.group(runs)
        let grid = batchSizes.map { batch in
            learningRates.map { rate -> HeatmapCell in
                let matching = cells.filter { $0.batchSize == batch && $0.learningRate == rate }
                if let diverged = matching.first(where: \.allDiverged)?.diverged.compactMap(\.divergence?.step).min() {
                    return .diverged(step: diverged)
                }
                let values = matching.compactMap(\.finalTestAccuracy)
                return values.isEmpty ? .missing : .value(values.reduce(0, +) / Double(values.count))
            }
        }
        let repeats = cells.map(\.runs.count).max() ?? 1
        let heatmap = Heatmap(
            title: "Final test accuracy by batch size and learning rate",
            subtitle: setup.clauses(including: ["after \(setup.epochsClause)"]
                                    + (repeats > 1 ? ["mean of \(repeats) seeds"] : [])
                                    + ["outlined: best", "hatched: diverged"]),
            rowLabels: batchSizes.map(String.init), columnLabels: learningRates.map { NumberText.learningRate($0) },
            cells: grid, rowTitle: "batch size", columnTitle: "learning rate", colorBarTitle: "final test accuracy")
        return Entry(name: "heatmap-bs-lr", figure: .heatmap(heatmap),
                     caption: "Final test accuracy of every batch size and learning rate; the best cell is outlined, diverged runs are hatched.")
    }

    func smallMultiples() -> Entry {
        let panels = batchSizes.map { batch in
            Panel(title: "batch size \(batch)", series: learningRates.compactMap { rate -> Series? in
                guard let run = run(batch: batch, rate: rate) else { return nil }
                return Series(label: NumberText.learningRate(rate), colorIndex: colorIndex(rate: rate),
                              points: run.history.map { ChartPoint(x: Double($0.epoch), y: $0.testAccuracy) },
                              divergence: divergenceMark(run) { $0.testAccuracy })
            })
        }
        let chart = Chart(title: "Test accuracy per epoch, by learning rate and batch size",
                          subtitle: setup.clauses(including: [setup.epochsClause, "a run diverges when its recent loss exceeds 4× the initial loss"]),
                          xAxis: Axis(title: "epoch", domain: 0...Double(setup.epochs)),
                          yAxis: Axis(title: "test accuracy", format: .percent),
                          panels: panels, legendTitle: "learning rate")
        return Entry(name: "small-multiples", chart: chart,
                     caption: "One panel per batch size, one line per learning rate; ✕ marks where a run diverged.")
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
