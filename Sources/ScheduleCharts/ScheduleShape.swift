public import Charts

/// How a sampled schedule is drawn, judged from its rates alone: as a step line or not, on a
/// log axis or not. Shared by `lrlab schedule`'s charts (x in steps) and a report's schedule
/// chart (x in epochs), so both draw the same schedule the same way.
public enum ScheduleShape {
    /// A step function (step decay, piecewise constant): at least 20 samples, and the rate
    /// changes between fewer than 10 % of consecutive ones.
    public static func isStepped(_ rates: [Double]) -> Bool {
        guard rates.count >= 20 else { return false }
        let changes = zip(rates, rates.dropFirst()).filter { $0 != $1 }.count
        return changes > 0 && changes * 10 < rates.count
    }

    /// Whether a log y-axis suits these rates: the finite ones span more than two decades and
    /// none reaches (about) zero, which a log axis cannot show (the smallest is above 1e-6 × the largest).
    public static func wantsLogAxis(_ rates: [Double]) -> Bool {
        let all = rates.filter(\.isFinite)
        guard let top = all.max(), top > 0 else { return false }
        guard let low = all.min(), low > top * 1e-6 else { return false }
        return top / low > 100
    }

    /// The y axis: "learning rate (log scale)", or "learning rate" from 0 to 1.125 × `peak`
    /// (0 to 1 when the peak is not positive).
    public static func rateAxis(peak: Double, log: Bool) -> Axis {
        if log { return Axis(title: "learning rate (log scale)", scale: .log) }
        return Axis(title: "learning rate", domain: 0...(peak > 0 ? 1.125 * peak : 1))
    }
}
