import Charts
import Formatting
import Insights
import Results

/// The gradient noise scale over training and what each batch size costs in time and memory.
extension ReportCharts {
    /// Windows each run's noise samples are averaged in (`NoiseScale.overTraining`): 8 to 12,
    /// about one per 16 samples.
    static func noiseWindows(samples: Int) -> Int { min(12, max(8, samples / 16)) }

    /// One line per batch size: its runs, colour and label; the batch size's best point's seeds
    /// (`Analysis.bestPoints` among its points), failed runs left out. Without several batch
    /// sizes, the best point alone.
    func batchLines() -> [(batch: Int, runs: [RunRecord], label: String, color: Int)] {
        var byBatch: [Int: [PointGroup]] = [:]
        for g in groups {
            if let batch = g.runs.first(where: { $0.status != .failed })?.setup.batchSize { byBatch[batch, default: []].append(g) }
        }
        let batches = byBatch.keys.sorted()
        return batches.enumerated().compactMap { rank, batch in
            guard let mine = byBatch[batch], let chosen = Analysis.bestPoints(mine).first ?? mine.first else { return nil }
            return (batch, chosen.runs.filter { $0.status != .failed }, "batch \(batch)", rank)
        }
    }

    /// B_simple (log y) against examples seen, one line per batch size, a dot per window of
    /// training (its samples averaged by `NoiseScale.overTraining`), at the window's middle update
    /// × the batch size. Windows whose estimate is not positive are left out. nil when no run
    /// recorded noise samples.
    func noiseScale() -> Entry? {
        let lines = batchLines()
        var series: [Series] = []
        var windows = 0
        for line in lines {
            let samples = line.runs.flatMap { $0.noise ?? [] }
            guard !samples.isEmpty, let population = line.runs.first?.setup.trainCount else { continue }
            let count = Self.noiseWindows(samples: samples.count)
            windows = max(windows, count)
            let estimates = NoiseScale.overTraining(samples, population: population, windows: count)
            let points = estimates.compactMap { e -> ChartPoint? in
                guard let b = e.simple, b > 0 else { return nil }
                let middle = (Double(e.firstStep) + Double(e.lastStep)) / 2 + 1
                return ChartPoint(x: middle * Double(line.batch), y: b)
            }
            guard !points.isEmpty else { continue }
            series.append(Series(label: line.label, colorIndex: line.color, points: points, marksPoints: true))
        }
        guard !series.isEmpty else { return nil }
        let seeds = lines.map(\.runs.count).max() ?? 1
        var chart = Chart(title: "Gradient noise scale over training" + (series.count > 1 ? ", by batch size" : ""),
                          subtitle: setup.clauses(including: [
                              "B_simple = tr(Σ) / |G|² (McCandlish et al. 2018)",
                              "averaged over \(windows) stretches of training" + (seeds > 1 ? ", seeds pooled" : ""),
                              lines.count > 1 ? "each batch size at its best point" : "",
                          ]),
                          xAxis: Axis(title: "examples seen", format: .count),
                          yAxis: Axis(title: "B_simple (log scale)", scale: .log),
                          panels: [Panel(series: series)])
        chart.colorCount = lines.count
        return Entry(name: "noise-scale", figure: chart,
                     caption: "The gradient noise scale B_simple as training goes on: about the batch size past which a larger batch "
                         + "stops cutting the steps needed; it grows as the loss falls.")
    }

    /// The median of `values`; nil when empty.
    static func median(_ values: [Double]) -> Double? {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return nil }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// Examples per second (top) and working memory (bottom: the total and its activations part)
    /// against the batch size on a log x-axis, medians over each batch size's runs (every
    /// learning rate and seed). A panel needs two batch sizes with the measure; nil when neither has.
    func throughput() -> Entry? {
        let measured = runs.filter { $0.status != .failed }
        let batches = Array(Set(measured.map(\.setup.batchSize))).filter { $0 > 0 }.sorted()
        func medianOf(_ batch: Int, _ value: (RunRecord) -> Double?) -> Double? {
            Self.median(measured.filter { $0.setup.batchSize == batch }.compactMap(value))
        }
        let speed = batches.compactMap { b in medianOf(b) { $0.examplesPerSecond }.map { ChartPoint(x: Double(b), y: $0) } }
        let totals = batches.compactMap { b in medianOf(b) { $0.memory.map { Double($0.total) } }.map { (b, $0) } }
        let activations = batches.compactMap { b in medianOf(b) { $0.memory.map { Double($0.activations) } }.map { (b, $0) } }
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
