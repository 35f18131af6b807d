import Formatting
import Foundation

/// Tick-label text per docs/charts.md: exactly the step's decimals, "0" for zero, U+2212 minus,
/// k/M suffixes for counts, percentages for fractions.
public enum TickLabels {
    /// Labels for linear ticks `values` spaced by `step`, in `format`.
    /// Steps with more decimals than this, or values from `scientificFrom` up, are labelled in
    /// scientific form ("2.5×10⁻¹⁶", "1×10³⁰⁸"): fixed decimals would print "0" or hundreds of digits.
    static let maxFixedDecimals = 12
    static let scientificFrom = 1e15

    public static func linear(_ values: [Double], step: TickStep, format: Axis.Format) -> [String] {
        let largest = values.map { abs($0) }.max() ?? 0
        switch format {
        case .plain:
            if step.decimals > maxFixedDecimals || largest >= scientificFrom { return scientific(values) }
            return values.map { formatFixed($0, decimals: step.decimals) }
        case .percent:
            let d = max(0, step.decimals - 2)
            if d > maxFixedDecimals || largest * 100 >= scientificFrom { return scientific(values.map { $0 * 100 }).map { $0 + "%" } }
            return values.map { formatFixed($0 * 100, decimals: d) + "%" }
        case .count:
            if step.decimals > maxFixedDecimals || largest >= scientificFrom { return scientific(values) }
            let (divisor, suffix): (Double, String) =
                largest >= 10_000_000 ? (1_000_000, "M") : largest >= 10_000 ? (1_000, "k") : (1, "")
            if divisor == 1 {
                return values.map { formatFixed($0, decimals: step.decimals, grouping: true) }
            }
            let d = TickStep(mantissa: step.mantissa, exponent: step.exponent - (divisor == 1000 ? 3 : 6)).decimals
            return values.map { v in
                let text = trimZeros(formatFixed(v / divisor, decimals: d))
                return text == "0" ? "0" : text + suffix
            }
        }
    }

    /// Label for a log-axis major tick: plain decimals from 0.0001 to 10,000, otherwise 10ⁿ in superscripts.
    public static func log(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return "" }
        // log10 of a finite positive Double is within −324…309.
        let k = log10(value)
        let kr = k.rounded()
        if abs(k - kr) < 1e-9, kr < -4 || kr > 4 {
            return "10" + superscript(Int(kr))
        }
        if value < 1e-4 * (1 - 1e-9) || value > 1e4 * (1 + 1e-9) {
            // 2 × 10⁻⁷, and decades of subnormals (1e-320 is 9.99989e-321).
            let text = scientific([value], digits: 3)[0]
            return text.hasPrefix("1×") ? String(text.dropFirst(2)) : text
        }
        let decimals = max(0, Int((-k - 1e-9).rounded(.up)))
        return formatFixed(value, decimals: decimals, grouping: true)
    }

    /// `values` as "m×10ⁿ" (U+2212 minus, "0" for zero) with the fewest significant digits
    /// (at most `digits`, 17 by default) that tell them apart.
    static func scientific(_ values: [Double], digits: Int = 17) -> [String] {
        func text(_ v: Double, _ p: Int) -> String {
            guard v.isFinite else { return formatFixed(v, decimals: 0) }
            if v == 0 { return "0" }
            let raw = String(format: "%.\(p - 1)e", abs(v))  // "2.50e-16"
            guard let e = raw.firstIndex(of: "e"), let exponent = Int(raw[raw.index(after: e)...]) else { return raw }
            let mantissa = trimZeros(String(raw[..<e]))
            return (v < 0 ? "\u{2212}" : "") + mantissa + "×10" + superscript(exponent)
        }
        let most = min(max(digits, 1), 17)
        for p in 1..<most {
            let labels = values.map { text($0, p) }
            if Set(labels).count == Set(values).count { return labels }
        }
        return values.map { text($0, most) }
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        var s = n < 0 ? "⁻" : ""
        for c in String(abs(n)) {
            if let v = c.wholeNumberValue { s.append(digits[v]) }
        }
        return s
    }

    static func trimZeros(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }
}

