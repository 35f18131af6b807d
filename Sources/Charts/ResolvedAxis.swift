import Foundation

/// An axis with its domain and ticks fixed for a given length in px.
struct ResolvedAxis {
    var scale: Axis.Scale
    /// Domain in data units (both > 0 on log axes).
    var lo: Double
    var hi: Double
    var major: [Double]
    var minor: [Double]
    var labels: [String]

    /// Maps a data value into the axis's linear space (log10 on log axes); nil when not representable.
    func transform(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        switch scale {
        case .linear: return v
        case .log: return v > 0 ? log10(v) : nil
        }
    }

    /// Pixel position of `v` along `a...b` (a at lo); nil for non-finite or ≤ 0 on log axes.
    func pixel(_ v: Double, from a: Double, to b: Double) -> Double? {
        guard let t = transform(v), let tl = transform(lo), let th = transform(hi), th > tl else { return nil }
        // Near ±greatestFiniteMagnitude the differences overflow; their halves do not.
        let fraction = (th - tl).isFinite ? (t - tl) / (th - tl) : (t / 2 - tl / 2) / (th / 2 - tl / 2)
        guard fraction.isFinite else { return nil }
        return a + fraction * (b - a)
    }

    /// Resolves `axis` for finite data `values` along `length` px.
    static func resolve(_ axis: Axis, values: [Double], length: Double, vertical: Bool,
                        maxCount explicitCount: Int? = nil) -> ResolvedAxis {
        let maxCount = explicitCount ?? NiceTicks.maxCount(length: length, vertical: vertical)
        switch axis.scale {
        case .log: return resolveLog(axis, values: values)
        case .linear: return resolveLinear(axis, values: values, maxCount: maxCount, vertical: vertical)
        }
    }

    private static func resolveLinear(_ axis: Axis, values: [Double], maxCount: Int, vertical: Bool) -> ResolvedAxis {
        var lo: Double, hi: Double
        if let d = axis.domain, d.lowerBound.isFinite, d.upperBound.isFinite, d.upperBound > d.lowerBound {
            (lo, hi) = (d.lowerBound, d.upperBound)
        } else {
            let finite = values.filter { $0.isFinite }
            let dMin = finite.min() ?? 0, dMax = finite.max() ?? 1
            lo = axis.includesZero ? min(0, dMin) : dMin
            hi = axis.includesZero ? max(0, dMax) : dMax
            if axis.format == .percent, vertical, dMax - dMin > 0.5, dMin >= 0, dMax <= 1 {
                (lo, hi) = (0, 1)
            }
            if hi <= lo { (lo, hi) = widened(lo) }
            if vertical {
                let nice = NiceTicks.niceDomain(lo: lo, hi: hi, maxCount: maxCount)
                (lo, hi) = (nice.lowerBound, nice.upperBound)
            }
        }
        var ticks = NiceTicks.linear(lo: lo, hi: hi, maxCount: maxCount)
        if axis.wholeNumbers, ticks.step.value < 1 {
            let one = TickStep(mantissa: 1, exponent: 0)
            ticks = (one, NiceTicks.values(lo: lo, hi: hi, step: one))
        }
        return ResolvedAxis(scale: .linear, lo: lo, hi: hi, major: ticks.values, minor: [],
                            labels: TickLabels.linear(ticks.values, step: ticks.step, format: axis.format))
    }

    /// A range around `v` for all-equal (or no) data: 0...1 around 0, else ±10 % of the value
    /// (at least one subnormal step), kept inside Double's finite range.
    static func widened(_ v: Double) -> (Double, Double) {
        guard v.isFinite, v != 0 else { return (0, 1) }
        let pad = max(abs(v) * 0.1, Double.leastNonzeroMagnitude)
        let lo = max(v - pad, -Double.greatestFiniteMagnitude), hi = min(v + pad, Double.greatestFiniteMagnitude)
        return (lo, hi)
    }

    private static func resolveLog(_ axis: Axis, values: [Double]) -> ResolvedAxis {
        var lo: Double, hi: Double
        if let d = axis.domain, d.lowerBound > 0, d.upperBound.isFinite, d.upperBound > d.lowerBound {
            (lo, hi) = (d.lowerBound, d.upperBound)
        } else {
            let positive = values.filter { $0.isFinite && $0 > 0 }
            lo = NiceTicks.oneTwoFiveBelow(positive.min() ?? 1)
            hi = NiceTicks.oneTwoFiveAbove(positive.max() ?? 10)
            if hi <= lo { hi = NiceTicks.oneTwoFiveAbove(min(lo * 1.5, .greatestFiniteMagnitude)) }
            // Only when lo is greatestFiniteMagnitude itself: a decade below it.
            if hi <= lo { lo = NiceTicks.oneTwoFiveBelow(hi / 10) }
        }
        let ticks = NiceTicks.log(lo: lo, hi: hi)
        let labels = ticks.major.map { v -> String in
            axis.format == .percent ? TickLabels.log(v * 100) + "%" : TickLabels.log(v)
        }
        return ResolvedAxis(scale: .log, lo: lo, hi: hi, major: ticks.major, minor: ticks.minor, labels: labels)
    }
}
