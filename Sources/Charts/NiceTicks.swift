import Foundation

/// A nice tick step: `mantissa` × 10^`exponent`, with mantissa 1, 2, 2.5 or 5.
public struct TickStep: Sendable, Equatable {
    public var mantissa: Double
    public var exponent: Int

    /// The step in data units.
    public var value: Double { scaled(1) }

    /// Decimals needed to write multiples of this step exactly ("0.02" → 2, "2.5" → 1, "50" → 0).
    public var decimals: Int { max(0, -exponent + (mantissa == 2.5 ? 1 : 0)) }

    /// `i` × step, computed so that decimal steps carry no float noise (3 × 0.02 = 0.06).
    public func scaled(_ i: Double) -> Double {
        exponent >= 0 ? i * mantissa * pow(10, Double(exponent)) : i * mantissa / pow(10, Double(-exponent))
    }
}

/// Nice-number ticks (steps 1, 2, 2.5, 5 × 10^k, as matplotlib's MaxNLocator); pure functions.
public enum NiceTicks {
    static let mantissas: [Double] = [1, 2, 2.5, 5]

    /// The tick-count limit of docs/charts.md for an axis `length` px long: max(4, ⌊length/80⌋ + 1) on x,
    /// max(4, ⌊length/50⌋ + 1) on y.
    public static func maxCount(length: Double, vertical: Bool) -> Int {
        guard length.isFinite, length > 0 else { return 4 }
        return max(4, Int(length / (vertical ? 50 : 80)) + 1)
    }

    /// Number of multiples of `step` inside `lo...hi` (with a relative tolerance for float noise).
    static func count(lo: Double, hi: Double, step: TickStep) -> Int {
        let s = step.value
        let eps = 1e-9
        let first = (lo / s - eps).rounded(.up)
        let last = (hi / s + eps).rounded(.down)
        return last >= first ? Int(last - first) + 1 : 0
    }

    /// The smallest nice step giving at most `maxCount` ticks in `lo...hi`.
    /// Degenerate input (non-finite, lo ≥ hi) gives step 1.
    public static func step(lo: Double, hi: Double, maxCount: Int) -> TickStep {
        guard lo.isFinite, hi.isFinite, hi > lo else { return TickStep(mantissa: 1, exponent: 0) }
        let limit = max(2, maxCount)
        var k = Int((log10((hi - lo) / Double(limit))).rounded(.down)) - 1
        for _ in 0..<40 {
            for m in mantissas {
                let candidate = TickStep(mantissa: m, exponent: k)
                if count(lo: lo, hi: hi, step: candidate) <= limit { return candidate }
            }
            k += 1
        }
        return TickStep(mantissa: 1, exponent: k)
    }

    /// Tick values: the multiples of `step` inside `lo...hi`, computed without float noise.
    public static func values(lo: Double, hi: Double, step: TickStep) -> [Double] {
        guard lo.isFinite, hi.isFinite, hi >= lo else { return [] }
        let s = step.value
        let eps = 1e-9
        let first = (lo / s - eps).rounded(.up)
        let last = (hi / s + eps).rounded(.down)
        guard last >= first, last - first < 10_000 else { return [] }
        return stride(from: first, through: last, by: 1).map { step.scaled($0) }
    }

    /// Ticks for a linear axis: the smallest nice step with at most `maxCount` ticks, and its values.
    public static func linear(lo: Double, hi: Double, maxCount: Int) -> (step: TickStep, values: [Double]) {
        let s = step(lo: lo, hi: hi, maxCount: maxCount)
        return (s, values(lo: lo, hi: hi, step: s))
    }

    /// `lo...hi` extended outward to multiples of a nice step (the "nice range around the data").
    public static func niceDomain(lo: Double, hi: Double, maxCount: Int) -> ClosedRange<Double> {
        guard lo.isFinite, hi.isFinite, hi > lo else { return 0...1 }
        let s = step(lo: lo, hi: hi, maxCount: maxCount)
        let a = s.scaled((lo / s.value + 1e-9).rounded(.down))
        let b = s.scaled((hi / s.value - 1e-9).rounded(.up))
        // Extending can add ticks; retry once with the step of the extended range.
        let s2 = step(lo: a, hi: b, maxCount: maxCount)
        let a2 = s2.scaled((lo / s2.value + 1e-9).rounded(.down))
        let b2 = s2.scaled((hi / s2.value - 1e-9).rounded(.up))
        return a2 < b2 ? a2...b2 : a...b
    }

    /// The 1-2-5 value at or below `v` (v > 0).
    public static func oneTwoFiveBelow(_ v: Double) -> Double {
        guard v.isFinite, v > 0 else { return 1 }
        let k = log10(v).rounded(.down)
        for m in [5.0, 2, 1] where decade(k) * m <= v * (1 + 1e-12) { return decade(k) * m }
        return decade(k)
    }

    /// The 1-2-5 value at or above `v` (v > 0).
    public static func oneTwoFiveAbove(_ v: Double) -> Double {
        guard v.isFinite, v > 0 else { return 1 }
        let k = log10(v).rounded(.down)
        for m in [1.0, 2, 5, 10] where decade(k) * m >= v * (1 - 1e-12) { return decade(k) * m }
        return decade(k + 1)
    }

    /// 10^k without float noise for negative k.
    static func decade(_ k: Double) -> Double { k >= 0 ? pow(10, k) : 1 / pow(10, -k) }

    /// Log-axis ticks in `lo...hi` (both > 0): labelled majors at decades (1-2-5 when fewer than 3
    /// decades would be labelled) and unlabelled minors at 2–9 × 10^k.
    public static func log(lo: Double, hi: Double) -> (major: [Double], minor: [Double]) {
        guard lo.isFinite, hi.isFinite, lo > 0, hi > lo else { return ([], []) }
        let kLo = log10(lo).rounded(.down), kHi = log10(hi).rounded(.up)
        guard kHi - kLo < 400 else { return ([], []) }
        let inRange = { (v: Double) in v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) }
        var decades: [Double] = [], all: [Double] = [], oneTwoFive: [Double] = []
        for k in stride(from: kLo, through: kHi, by: 1) {
            let d = decade(k)
            for m in 1...9 {
                let v = d * Double(m)
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
