import Charts
import Foundation

/// Debiased exponential moving average, as docs/charts.md specifies for noisy loss curves.
enum Smoothing {
    /// Points are (examples seen, value). Each new point discounts the average by exp(−Δx/τ), so
    /// every batch size (and a sub-sampled log) is averaged over about τ examples.
    /// With `logSpace`, averages log10(y) (for log axes); non-positive values are skipped.
    static func ema(_ points: [ChartPoint], tau: Double, logSpace: Bool) -> [ChartPoint] {
        var average = 0.0, weight = 0.0
        var previousX: Double?
        var out: [ChartPoint] = []
        out.reserveCapacity(points.count)
        for point in points {
            guard point.y.isFinite, point.x.isFinite, !logSpace || point.y > 0 else { continue }
            let gap = previousX.map { max(0, point.x - $0) } ?? point.x
            previousX = point.x
            let decay = exp(-max(gap, 1) / max(tau, 1))
            let value = logSpace ? log10(point.y) : point.y
            average = decay * average + (1 - decay) * value
            weight = decay * weight + (1 - decay)
            let smoothed = average / weight
            out.append(ChartPoint(x: point.x, y: logSpace ? pow(10, smoothed) : smoothed))
        }
        return out
    }
}
