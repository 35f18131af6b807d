import Charts
import Foundation
import Results

/// TensorBoard's smoothing of noisy per-step curves (the scalar dashboard's slider, after its
/// debiasing fix): an exponential moving average started from 0 and divided by the weight it has
/// accumulated, so the first smoothed value equals the first raw value and early values do not lag
/// towards 0.
enum Smoothing {
    /// The weight used when the sweep does not set `report.smoothing`.
    static let defaultWeight = ReportSettings.defaultSmoothing

    /// Debiased EMA of `points` with smoothing weight `weight` in [0, 1), point by point in order:
    /// s_i = w·s_{i−1} + (1 − w)·x_i from s_0 = 0, shown as s_i / (1 − w^(i+1)) for the i-th
    /// (0-based) finite point. Weight 0 returns the finite points unchanged; a weight at or above 1
    /// is taken as 0.999 (1 would freeze the average at 0/0); a non-finite or negative weight as 0.
    /// With `logSpace`, averages log10(y) (for log axes) and skips values ≤ 0. Points with a
    /// non-finite x or y are skipped, as TensorBoard leaves them out of the average.
    static func debiasedEMA(_ points: [ChartPoint], weight: Double, logSpace: Bool) -> [ChartPoint] {
        let w = weight.isFinite ? min(max(weight, 0), 0.999) : 0
        var last = 0.0
        var decay = 1.0  // w^(i+1) after the i-th point
        var out: [ChartPoint] = []
        out.reserveCapacity(points.count)
        for point in points {
            guard point.y.isFinite, point.x.isFinite, !logSpace || point.y > 0 else { continue }
            let value = logSpace ? log10(point.y) : point.y
            last = w * last + (1 - w) * value
            decay *= w
            let smoothed = w == 0 ? value : last / (1 - decay)
            out.append(ChartPoint(x: point.x, y: logSpace ? pow(10, smoothed) : smoothed))
        }
        return out
    }

    /// The sweep's smoothing weight (`report.smoothing` of the first run), else `defaultWeight`.
    static func weight(of runs: [RunRecord]) -> Double {
        runs.first?.sweep.report?.smoothing ?? defaultWeight
    }

    /// "debiased EMA, weight 0.6" for subtitles; "" for weight 0 (no smoothing).
    static func phrase(_ weight: Double) -> String {
        guard weight.isFinite, weight > 0 else { return "" }
        let w = min(weight, 0.999)
        var text = String(format: "%.3f", w)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return "debiased EMA, weight \(text)"
    }
}
