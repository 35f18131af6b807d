public import AtomicFiles
import Charts
import Foundation
public import Results

/// The learning-rate range test's chart, for `lrlab lr-find` and for sweep reports.
public enum RangeTestReport {
    /// Stages `lr-find.png` (2x) and `lr-find.svg` for `folder` into `batch`; returns their paths.
    public static func stageChart(_ records: [RangeTestRecord], title: String, in folder: String,
                                  into batch: FileBatch) throws -> [String] {
        let chart = Self.chart(records, title: title)
        let png = (folder as NSString).appendingPathComponent("lr-find.png")
        let svg = (folder as NSString).appendingPathComponent("lr-find.svg")
        try batch.stage(try pngData(chart), to: png)
        try batch.stage(try svgData(chart), to: svg)
        return [png, svg]
    }

    /// Smoothed loss against the rate (log x), one line per batch size; each suggested rate
    /// (steepest descent of the smoothed loss) is a key point.
    static func chart(_ results: [RangeTestRecord], title: String) -> Chart {
        let series = results.enumerated().map { index, result in
            Series(label: "batch \(result.batchSize)", colorIndex: index,
                   points: result.points.map { ChartPoint(x: $0.learningRate, y: $0.smoothedLoss) },
                   faintPoints: result.points.map { ChartPoint(x: $0.learningRate, y: $0.loss) })
        }
        let annotations: [Annotation] = results.compactMap { result in
            guard let step = result.suggestedStep, let point = result.points.first(where: { $0.step == step }) else { return nil }
            return .keyPoint(x: point.learningRate, y: point.smoothedLoss,
                             label: "batch \(result.batchSize): \(String(format: "%.2g", point.learningRate))")
        }
        // Cut the blow-up tail: up to 1.5 × the largest starting loss.
        let top = 1.5 * (results.compactMap { $0.points.first?.smoothedLoss }.filter(\.isFinite).max() ?? 3)
        return Chart(title: "Learning-rate range test",
                     subtitle: "\(title) · smoothed minibatch loss while the rate rises from 1e-7 to 10 · dot: steepest descent",
                     xAxis: Axis(title: "learning rate (log scale)", scale: .log),
                     yAxis: Axis(title: "training loss (smoothed)", domain: 0...top),
                     panels: [Panel(series: series)], legendTitle: "batch size", annotations: annotations)
    }
}
