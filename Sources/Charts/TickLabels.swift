import Formatting
import Foundation

/// Tick-label text per docs/charts.md: exactly the step's decimals, "0" for zero, U+2212 minus,
/// k/M suffixes for counts, percentages for fractions.
public enum TickLabels {
    /// Labels for linear ticks `values` spaced by `step`, in `format`.
    public static func linear(_ values: [Double], step: TickStep, format: Axis.Format) -> [String] {
        switch format {
        case .plain:
            return values.map { formatFixed($0, decimals: step.decimals) }
        case .percent:
            let d = max(0, step.decimals - 2)
            return values.map { formatFixed($0 * 100, decimals: d) + "%" }
        case .count:
            let largest = values.map { abs($0) }.max() ?? 0
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
        let k = log10(value)
        let kr = k.rounded()
        if abs(k - kr) < 1e-9, kr < -4 || kr > 4 {
            return "10" + superscript(Int(kr))
        }
        let decimals = max(0, Int((-log10(value) - 1e-9).rounded(.up)))
        return formatFixed(value, decimals: decimals, grouping: true)
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

