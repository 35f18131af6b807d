import Charts
import Results

/// A metric per epoch over the repeats (seeds) of one grid point: the mean line and the
/// min–max range across seeds, for charts that draw a band around the mean.
struct RepeatSummary {
    var mean: [ChartPoint]
    /// (epoch, lowest, highest) over the seeds that reached the epoch.
    var range: [(x: Double, low: Double, high: Double)]

    /// Summarises `metric` of `runs` epoch by epoch; an epoch counts the runs that reached it
    /// (a diverged seed stops contributing where it stopped).
    init(_ runs: [RunRecord], metric: (EpochMetrics) -> Double) {
        var byEpoch: [Int: [Double]] = [:]
        for run in runs {
            for epoch in run.history where metric(epoch).isFinite {
                byEpoch[epoch.epoch, default: []].append(metric(epoch))
            }
        }
        let epochs = byEpoch.keys.sorted()
        mean = epochs.compactMap { epoch in
            guard let values = byEpoch[epoch], !values.isEmpty else { return nil }
            return ChartPoint(x: Double(epoch), y: values.reduce(0, +) / Double(values.count))
        }
        range = epochs.compactMap { epoch in
            guard let values = byEpoch[epoch], let low = values.min(), let high = values.max() else { return nil }
            return (Double(epoch), low, high)
        }
    }
}
