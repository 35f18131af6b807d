import Charts
import Formatting
import Insights
import Results

/// The gradient noise scale over training and what each batch size costs in time and memory.
extension ReportCharts {
    /// B_simple (log y) against examples seen, one line per batch size (its best point's seeds),
    /// a dot per stretch of training: the `critical-batch-size` finding's own analysis
    /// (`CriticalBatchSize`, Insights), its windows at their middle update × the batch size.
    /// Windows without a positive estimate are left out. nil when no run recorded noise samples.
    func noiseScale() -> Entry? {
        guard let analysis = CriticalBatchSize.measure(groups: groups) else { return nil }
        var series: [Series] = []
        var windows = 0
        for (rank, line) in analysis.series.enumerated() {
            let points = line.windows.compactMap { w -> ChartPoint? in
                guard let b = w.simple, b > 0, w.examples.isFinite else { return nil }
                return ChartPoint(x: w.examples, y: b)
            }
            guard !points.isEmpty else { continue }
            windows = max(windows, line.windows.count)
            series.append(Series(label: line.batchLabel, colorIndex: rank, points: points, marksPoints: true))
        }
        guard !series.isEmpty else { return nil }
        let seeds = analysis.series.map(\.runs.count).max() ?? 1
        var chart = Chart(title: "Gradient noise scale over training" + (series.count > 1 ? ", by batch size" : ""),
                          subtitle: setup.clauses(including: [
                              "B_simple = tr(Σ) / |G|² (McCandlish et al. 2018)",
                              "averaged over \(windows) stretches of training" + (seeds > 1 ? ", seeds pooled" : ""),
                              analysis.series.count > 1 ? "each batch size at its best point" : "",
                          ]),
                          xAxis: Axis(title: "examples seen", format: .count),
                          yAxis: Axis(title: "B_simple (log scale)", scale: .log),
                          panels: [Panel(series: series)])
        chart.colorCount = analysis.series.count
        return Entry(name: "noise-scale", figure: chart,
                     caption: "The gradient noise scale B_simple as training goes on: about the batch size past which a larger batch "
                         + "stops cutting the steps needed; it grows as the loss falls.")
    }

    /// Examples per second (top) and working memory (bottom: the total and its activations part)
    /// against the batch size on a log x-axis: the `throughput` finding's own rows (`Throughput`,
    /// Insights; medians over each batch size's runs). A panel needs two batch sizes with the
    /// measure; nil when neither has.
    func throughput() -> Entry? {
        guard let analysis = Throughput.measure(groups: groups) else { return nil }
        let rows = analysis.rows.filter { $0.batchSize > 0 }
        let speed = rows.compactMap { r in r.examplesPerSecond.map { ChartPoint(x: Double(r.batchSize), y: $0) } }
        let totals = rows.compactMap { r in r.memory.map { (r.batchSize, Double($0.total)) } }
        let activations = rows.compactMap { r in r.memory.map { (r.batchSize, Double($0.activations)) } }
        let mebibyte = 1024.0 * 1024
        let unit = (totals.map(\.1).max() ?? 0) >= mebibyte ? (mebibyte, "MiB") : (1024.0, "KiB")
        var panels: [Panel] = []
        var rowAxes: [Axis] = []
        if speed.count >= 2 {
            panels.append(Panel(title: "training examples per second (median)", series: [
                Series(label: "examples per second", colorIndex: 0, points: speed, marksPoints: true),
            ]))
            rowAxes.append(Axis(title: "examples / s", format: .count))
        }
        if totals.count >= 2 {
            panels.append(Panel(title: "working memory of the trainer", series: [
                Series(label: "memory, total", colorIndex: 1,
                       points: totals.map { ChartPoint(x: Double($0.0), y: $0.1 / unit.0) }, marksPoints: true),
                Series(label: "memory, activations", colorIndex: 1,
                       points: activations.map { ChartPoint(x: Double($0.0), y: $0.1 / unit.0) }, lineStyle: .dashed,
                       marksPoints: true),
            ]))
            rowAxes.append(Axis(title: "memory (\(unit.1))"))
        }
        guard let firstAxis = rowAxes.first else { return nil }
        let what = [speed.count >= 2 ? "examples per second" : nil, totals.count >= 2 ? "working memory" : nil].compactMap { $0 }
        var chart = Chart(title: (what.count == 2 ? "Throughput and memory" : what.count == 1 && speed.count >= 2 ? "Throughput" : "Working memory")
                              + " vs. batch size",
                          subtitle: setup.clauses(including: [
                              speed.count >= 2 ? "training loop only, evaluation excluded" : "",
                              totals.count >= 2 ? "memory: weights, gradients, optimizer state and the batch's activations" : "",
                          ]),
                          xAxis: Axis(title: "batch size (log scale)", scale: .log, format: .count),
                          yAxis: firstAxis, panels: panels, columns: 1)
        chart.rowYAxes = rowAxes
        return Entry(name: "throughput", figure: chart,
                     caption: "What each batch size costs: training examples per second and the trainer's working memory "
                         + "(the activations part grows with the batch, the rest does not).")
    }
}
