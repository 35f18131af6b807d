import Foundation

/// A nice tick step: `mantissa` × 10^`exponent`, with mantissa 1, 2, 2.5 or 5.
public struct TickStep: Sendable, Equatable {
    public var mantissa: Double
    public var exponent: Int

    /// The step in data units (0 or ∞ when 10^`exponent` is beyond Double's range).
    public var value: Double { scaled(1) }

    /// Decimals needed to write multiples of this step exactly ("0.02" → 2, "2.5" → 1, "50" → 0).
    public var decimals: Int { max(0, -exponent + (mantissa == 2.5 ? 1 : 0)) }

    /// `i` × step, computed so that decimal steps carry no float noise (3 × 0.02 = 0.06).
    public func scaled(_ i: Double) -> Double {
        NiceTicks.power10(exponent, times: i * mantissa)
    }
}

/// Nice-number ticks (steps 1, 2, 2.5, 5 × 10^k, as matplotlib's MaxNLocator); pure functions,
/// total over any Double: zero, subnormals, ±greatestFiniteMagnitude, NaN and ±∞ give no trap
/// (non-finite or empty ranges give a default step and no ticks).
public enum NiceTicks {
    static let mantissas: [Double] = [1, 2, 2.5, 5]

    /// Most ticks `values` returns; more means the step is too small for the range.
    static let maxValues = 10_000

    /// The tick-count limit of docs/charts.md for an axis `length` px long: max(4, ⌊length/80⌋ + 1) on x,
    /// max(4, ⌊length/50⌋ + 1) on y.
    public static func maxCount(length: Double, vertical: Bool) -> Int {
        guard length.isFinite, length > 0 else { return 4 }
        let ticks = (length / (vertical ? 50 : 80)).rounded(.down)
        return ticks < 1_000_000 ? max(4, Int(ticks) + 1) : 1_000_000
    }

    /// `m` × 10^`k` without float noise for negative k (10^-k is exact up to 10^22), and without
    /// overflowing or underflowing the power itself when 10^k is beyond Double's range.
    static func power10(_ k: Int, times m: Double) -> Double {
        let k = min(max(k, -700), 700)
        if k >= 0 { return k <= 300 ? m * pow(10, Double(k)) : m * pow(10, Double(k - 300)) * 1e300 }
        return -k <= 300 ? m / pow(10, Double(-k)) : m / pow(10, Double(-k - 300)) / 1e300
    }

    /// The first and last multiples of `step` inside `lo...hi` (with a relative tolerance for
    /// float noise), as multipliers of the step; nil when the step is not a positive finite value
    /// or the multipliers are not finite.
    static func multipliers(lo: Double, hi: Double, step: TickStep) -> (first: Double, last: Double)? {
        let s = step.value
        guard s > 0, s.isFinite else { return nil }
        let eps = 1e-9
        let first = (lo / s - eps).rounded(.up)
        let last = (hi / s + eps).rounded(.down)
        guard first.isFinite, last.isFinite else { return nil }
        return (first, last)
    }

    /// Number of multiples of `step` inside `lo...hi` (∞ when the step cannot count them).
    static func count(lo: Double, hi: Double, step: TickStep) -> Double {
        guard let (first, last) = multipliers(lo: lo, hi: hi, step: step) else { return .infinity }
        return last >= first ? last - first + 1 : 0
    }

    /// The smallest nice step giving at most `maxCount` ticks in `lo...hi`.
    /// Degenerate input (non-finite, lo ≥ hi) gives step 1.
    public static func step(lo: Double, hi: Double, maxCount: Int) -> TickStep {
        guard lo.isFinite, hi.isFinite, hi > lo else { return TickStep(mantissa: 1, exponent: 0) }
        // More ticks than `values` returns would leave the axis bare.
        let limit = min(max(2, maxCount), maxValues)
        // hi − lo overflows past ±greatestFiniteMagnitude; the halves' difference does not.
        let span = hi - lo
        let logSpan = span.isFinite ? log10(span) : log10(hi / 2 - lo / 2) + log10(2.0)
        // logSpan is within −324…309 for finite lo < hi, so the start exponent is a small integer.
        let start = (logSpan - log10(Double(limit))).rounded(.down)
        var k = start.isFinite ? Int(min(max(start, -400), 400)) - 1 : 0
        // Near ±greatestFiniteMagnitude no finite step may be few enough: the largest finite one.
        var largest = TickStep(mantissa: 1, exponent: 0)
        for _ in 0..<60 {
            for m in mantissas {
                let candidate = TickStep(mantissa: m, exponent: k)
                let n = count(lo: lo, hi: hi, step: candidate)
                if n <= Double(limit) { return candidate }
                if candidate.value.isFinite, n.isFinite { largest = candidate } else if candidate.value == .infinity { return largest }
            }
            k += 1
        }
        return largest
    }

    /// Tick values: the multiples of `step` inside `lo...hi`, computed without float noise
    /// (distinct and ascending; empty when there would be more than 10,000).
    public static func values(lo: Double, hi: Double, step: TickStep) -> [Double] {
        guard lo.isFinite, hi.isFinite, hi >= lo, let (first, last) = multipliers(lo: lo, hi: hi, step: step),
              last >= first, last - first < Double(maxValues) else { return [] }
        var result: [Double] = []
        let s = step.value, tolerance = step.value * 1e-6
        for i in 0...Int(last - first) {
            let k = first + Double(i)
            var v = step.scaled(k)
            // Among subnormals the step itself is rounded (2.5e-324 is 4.9e-324): use k × the rounded step.
            if v < lo - tolerance || v > hi + tolerance { v = k * s }
            // Past 2^53 neighbouring multipliers can round to one value; keep each once.
            if v.isFinite, result.last.map({ v > $0 }) ?? true { result.append(v) }
        }
        return result
    }

    /// Ticks for a linear axis: the smallest nice step with at most `maxCount` ticks, and its values.
    public static func linear(lo: Double, hi: Double, maxCount: Int) -> (step: TickStep, values: [Double]) {
        let s = step(lo: lo, hi: hi, maxCount: maxCount)
        return (s, values(lo: lo, hi: hi, step: s))
    }

    /// `lo...hi` extended outward to multiples of a nice step (the "nice range around the data");
    /// `lo...hi` itself when the extension would leave Double's range; 0...1 for degenerate input.
    public static func niceDomain(lo: Double, hi: Double, maxCount: Int) -> ClosedRange<Double> {
        guard lo.isFinite, hi.isFinite, hi > lo else { return 0...1 }
        func extended(_ s: TickStep) -> (Double, Double)? {
            let a = s.scaled((lo / s.value + 1e-9).rounded(.down))
            let b = s.scaled((hi / s.value - 1e-9).rounded(.up))
            guard a.isFinite, b.isFinite, a < b else { return nil }
            return (a, b)
        }
        /// The data must stay inside, beyond float noise (subnormal steps round coarsely).
        func covering(_ a: Double, _ b: Double) -> ClosedRange<Double> {
            let noise = (b - a) * 1e-6
            return (lo < a - noise ? lo : a)...(hi > b + noise ? hi : b)
        }
        let s = step(lo: lo, hi: hi, maxCount: maxCount)
        guard let (a, b) = extended(s) else { return lo...hi }
        // Extending can add ticks; retry once with the step of the extended range.
        guard let (a2, b2) = extended(step(lo: a, hi: b, maxCount: maxCount)) else { return covering(a, b) }
        return covering(a2, b2)
    }

    /// The 1-2-5 value at or below `v` (v > 0), at least the smallest subnormal.
    public static func oneTwoFiveBelow(_ v: Double) -> Double {
        guard v.isFinite, v > 0 else { return 1 }
        let k = Int(log10(v).rounded(.down))
        for m in [5.0, 2, 1] {
            let c = power10(k, times: m)
            if c > 0, c.isFinite, c <= v * (1 + 1e-12) { return c }
        }
        // 1 × 10^k itself underflowed (v below 1e-323): v is as low as Double goes.
        return power10(k, times: 1) > 0 ? power10(k, times: 1) : v
    }

    /// The 1-2-5 value at or above `v` (v > 0), at most greatestFiniteMagnitude.
    public static func oneTwoFiveAbove(_ v: Double) -> Double {
        guard v.isFinite, v > 0 else { return 1 }
        let k = Int(log10(v).rounded(.down))
        for m in [1.0, 2, 5, 10] {
            let c = power10(k, times: m)
            if c >= v * (1 - 1e-12) { return c.isFinite ? c : .greatestFiniteMagnitude }
        }
        let c = power10(k + 1, times: 1)
        return c.isFinite ? c : .greatestFiniteMagnitude
    }

    /// 10^k without float noise for negative k.
    static func decade(_ k: Double) -> Double { power10(Int(min(max(k, -700), 700)), times: 1) }

    /// Most labelled decades on a log axis; wider ranges label every n-th decade.
    static let maxDecades = 12

    /// Log-axis ticks in `lo...hi` (both > 0): labelled majors at decades (1-2-5 when fewer than 3
    /// decades would be labelled) and unlabelled minors at 2–9 × 10^k. Ranges over more than 12
    /// decades label every n-th decade and put unlabelled minors at the others.
    public static func log(lo: Double, hi: Double) -> (major: [Double], minor: [Double]) {
        guard lo.isFinite, hi.isFinite, lo > 0, hi > lo else { return ([], []) }
        let kLo = Int(log10(lo).rounded(.down)), kHi = Int(log10(hi).rounded(.up))
        let inRange = { (v: Double) in v > 0 && v.isFinite && v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) }
        let decadeCount = kHi - kLo + 1
        if decadeCount > maxDecades + 1 {
            let every = (decadeCount + maxDecades - 1) / maxDecades
            var major: [Double] = [], minor: [Double] = []
            for k in kLo...kHi {
                let d = power10(k, times: 1)
                guard inRange(d) else { continue }
                if k % every == 0 { major.append(d) } else { minor.append(d) }
            }
            return (major, minor)
        }
        var decades: [Double] = [], all: [Double] = [], oneTwoFive: [Double] = []
        for k in kLo...kHi {
            for m in 1...9 {
                let v = power10(k, times: Double(m))
                guard inRange(v) else { continue }
                all.append(v)
                if m == 1 { decades.append(v) }
                if m == 1 || m == 2 || m == 5 { oneTwoFive.append(v) }
            }
        }
        let major = decades.count >= 3 ? decades : oneTwoFive
        let minor = all.filter { v in !major.contains(where: { abs($0 - v) <= 1e-9 * v }) }
        return (major, minor)
    }
}
