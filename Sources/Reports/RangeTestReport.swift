public import AtomicFiles
public import Charts
import Formatting
import Foundation
public import Results

/// The learning-rate range test's chart and words, for `lrlab lr-find` and for sweep reports.
public enum RangeTestReport {
    /// Stages `lr-find.png` (2x) and `lr-find.svg` for `folder` into `batch`, and `lr-find.pdf` when
    /// `formats` has PDF; drawn in `theme`. Returns their paths.
    public static func stageChart(_ records: [RangeTestRecord], title: String, in folder: String, into batch: FileBatch,
                                  theme: Charts.Theme = .light, formats: [ReportSettings.Format] = [.png, .svg]) throws -> [String] {
        let chart = Self.chart(records, title: title)
        let base = (folder as NSString).appendingPathComponent("lr-find")
        try batch.stage(try pngData(chart, theme: theme), to: base + ".png")
        try batch.stage(try svgData(chart, theme: theme), to: base + ".svg")
        var paths = [base + ".png", base + ".svg"]
        if formats.contains(.pdf) {
            try batch.stage(try pdfData(chart, theme: theme), to: base + ".pdf")
            paths.append(base + ".pdf")
        }
        return paths
    }

    /// A rate with two significant digits, as users write rates: 0.42, 3.1, 4.2e-5.
    public static func rateText(_ rate: Double) -> String {
        guard rate.isFinite, rate > 0 else { return NumberText.learningRate(rate) }
        return NumberText.suggestedRate(rate)
    }

    /// The range test's suggestions in words, e.g. "steepest descent at 0.42; the loss blew up at 3.1; a safe
    /// start is 0.042–0.42" (`RangeTestAnalysis.Reading` defines each). `lastRate` is the ramp's last rate, for
    /// a loss that never blew up.
    public static func explanation(suggested: Double?, blowUp: Double?, safe: ClosedRange<Double>?, lastRate: Double?) -> String {
        var parts: [String] = []
        parts.append(suggested.map { "steepest descent at \(rateText($0))" } ?? "the loss never fell, so there is no suggestion")
        if let blowUp {
            parts.append("the loss blew up at \(rateText(blowUp))")
        } else if let lastRate {
            parts.append("the loss had not blown up by \(rateText(lastRate))")
        }
        if let safe { parts.append("a safe start is \(rateText(safe.lowerBound))–\(rateText(safe.upperBound))") }
        return parts.joined(separator: "; ")
    }

    /// The explanation of `record`: the stored one, else (files from older lrlab versions) from its fields; an
    /// older ramp that stopped early blew up where it stopped.
    public static func explanation(_ record: RangeTestRecord) -> String {
        let lastRate = record.points.last?.learningRate
        return record.explanation ?? explanation(suggested: record.suggestedRate,
                                                 blowUp: record.blowUpRate ?? (record.stoppedEarly ? lastRate : nil),
                                                 safe: record.safeRange, lastRate: lastRate)
    }

    /// Smoothed loss against the rate (log x), one line per batch size over its faint raw loss. Each steepest
    /// descent is a key point; each blow-up a ✕ where the line ends; with one batch size, its safe start is
    /// shaded. `gridBatchSizes` (the report's batch-size key, ascending) gives each batch size the colour it
    /// has in the report's other charts; batch sizes outside it follow in ascending order.
    public static func chart(_ results: [RangeTestRecord], title: String, gridBatchSizes: [Int] = []) -> Chart {
        let extras = Array(Set(results.map(\.batchSize)).subtracting(gridBatchSizes)).sorted()
        let colorOf = { (batch: Int) -> Int in
            gridBatchSizes.firstIndex(of: batch) ?? (gridBatchSizes.count + (extras.firstIndex(of: batch) ?? 0))
        }
        // Cut the blow-up tail: up to 1.5 × the largest starting loss.
        let top = 1.5 * (results.compactMap { $0.points.first { $0.smoothedLoss.isFinite }?.smoothedLoss }.max() ?? 2)
        let series = results.map { result -> Series in
            // The line and the faint raw loss end at the blow-up (its ✕).
            let shown = result.blowUpRate.map { rate in result.points.filter { $0.learningRate <= rate } } ?? result.points
            let mark = result.blowUpRate.map { rate -> EndMark in
                let y = shown.last.map(\.smoothedLoss).flatMap { $0.isFinite ? min($0, top) : nil }
                return EndMark(x: rate, y: y, label: "blew up at \(rateText(rate))")
            }
            return Series(label: "batch \(result.batchSize)", colorIndex: colorOf(result.batchSize),
                          points: shown.filter { $0.smoothedLoss.isFinite }.map { ChartPoint(x: $0.learningRate, y: $0.smoothedLoss) },
                          faintPoints: shown.filter { $0.loss.isFinite }.map { ChartPoint(x: $0.learningRate, y: min($0.loss, top)) },
                          endMark: mark)
        }
        var annotations: [Annotation] = results.compactMap { result in
            guard let step = result.suggestedStep, let point = result.points.first(where: { $0.step == step }) else { return nil }
            let who = results.count > 1 ? "batch \(result.batchSize): " : ""
            return .keyPoint(x: point.learningRate, y: point.smoothedLoss, label: who + "steepest at \(rateText(point.learningRate))")
        }
        if results.count == 1, let only = results.first, let safe = only.safeRange {
            annotations.insert(.phase(from: safe.lowerBound, to: safe.upperBound, label: "safe start"), at: 0)
        }
        let first = results.compactMap { $0.points.first?.learningRate }.min()
        let last = results.compactMap { $0.points.last?.learningRate }.max()
        let ramp = first.flatMap { a in last.map { "rate rising from \(rateText(a)) to \(rateText($0))" } } ?? "rising rate"
        var chart = Chart(title: "Learning-rate range test",
                          subtitle: "\(title) · minibatch loss (faint) and its centred smoothing, \(ramp) · dot: steepest descent",
                          xAxis: Axis(title: "learning rate (log scale)", scale: .log),
                          yAxis: Axis(title: "training loss (smoothed)", domain: 0...top),
                          panels: [Panel(series: series)], legendTitle: "batch size", annotations: annotations,
                          endMarkKey: "loss blew up")
        chart.colorCount = gridBatchSizes.count + extras.count
        return chart
    }
}
