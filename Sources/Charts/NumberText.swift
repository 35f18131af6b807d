import Foundation

/// Number formats for chart text (subtitles, annotations, direct-label values) per CHARTS.md.
public enum NumberText {
    /// A count with thousands separators: "2,500", "1,438".
    public static func count(_ n: Int) -> String {
        formatFixed(Double(n), decimals: 0, grouping: true)
    }

    /// A fraction (0...1) as a percentage with `decimals` decimals: 0.975 → "97.5%".
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        formatFixed(fraction * 100, decimals: decimals) + "%"
    }

    /// A learning rate: shortest decimal without ".0" (0.01, 0.1, 1, 5); below 0.001 as "3e-4".
    public static func learningRate(_ v: Double) -> String {
        guard v.isFinite else { return formatFixed(v, decimals: 0) }
        if v != 0, abs(v) < 0.001 {
            let k = Int(log10(abs(v)).rounded(.down))
            let m = ((v / pow(10, Double(k))) * 1e10).rounded() / 1e10
            return shortest(m) + "e" + String(k)
        }
        return shortest(v)
    }

    /// Three significant digits: 0.0102, 0.178, 2.30.
    public static func loss(_ v: Double) -> String {
        guard v.isFinite, v != 0 else { return formatFixed(v, decimals: 0) }
        let k = Int(log10(abs(v)).rounded(.down))
        return formatFixed(v, decimals: max(0, 2 - k))
    }

    /// The shortest decimal that reads back as `v`, without a trailing ".0".
    static func shortest(_ v: Double) -> String {
        var s = "\(v)"
        if s.hasSuffix(".0") { s.removeLast(2) }
        if s.hasPrefix("-") { s = "\u{2212}" + s.dropFirst() }
        return s
    }
}
