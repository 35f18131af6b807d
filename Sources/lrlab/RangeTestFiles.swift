import Charts
import Foundation
import Results
import Training

/// Writes range-test results: `bs-<B>.json` (the whole `RangeTestResult`), `bs-<B>.csv`
/// (`step,learning_rate,loss,smoothed_loss`) and one chart, `lr-find.png` (2x) and `.svg`.
struct RangeTestFiles {
    let directory: String
    let sweepTitle: String

    /// Writes every file; returns their paths.
    func write(_ results: [RangeTestResult]) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var paths: [String] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        for result in results {
            let base = (directory as NSString).appendingPathComponent("bs-\(result.batchSize)")
            try encoder.encode(result).write(to: URL(fileURLWithPath: base + ".json"), options: .atomic)
            var csv = "step,learning_rate,loss,smoothed_loss\n"
            for p in result.points {
                csv += "\(p.step),\(plainDecimal(p.learningRate)),\(plainDecimal(p.loss)),\(plainDecimal(p.smoothedLoss))\n"
            }
            try Data(csv.utf8).write(to: URL(fileURLWithPath: base + ".csv"), options: .atomic)
            paths += [base + ".json", base + ".csv"]
        }
        let chart = Self.chart(results, title: sweepTitle)
        let png = (directory as NSString).appendingPathComponent("lr-find.png")
        let svg = (directory as NSString).appendingPathComponent("lr-find.svg")
        try renderPNG(chart, to: png)
        try renderSVG(chart, to: svg)
        return paths + [png, svg]
    }

    /// Smoothed loss against the rate (log x), one line per batch size; each suggested rate
    /// (steepest descent of the smoothed loss) is a key point.
    static func chart(_ results: [RangeTestResult], title: String) -> Chart {
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
