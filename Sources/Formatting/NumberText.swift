import Foundation

/// Number formats shared by charts, findings and report tables, per docs/charts.md.
public enum NumberText {
    /// A count with thousands separators: "2,500", "1,438".
    public static func count(_ n: Int) -> String {
        formatFixed(Double(n), decimals: 0, grouping: true)
    }

    /// A fraction (0...1) as a percentage with `decimals` decimals: 0.975 → "97.5%"; "–" when missing.
    public static func percent(_ fraction: Double?, decimals: Int = 1) -> String {
        guard let fraction, fraction.isFinite else { return "–" }
        return formatFixed(fraction * 100, decimals: decimals) + "%"
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

    /// Three significant digits: 0.0102, 0.178, 2.30; "–" when missing.
    public static func loss(_ value: Double?) -> String {
        guard let v = value else { return "–" }
        guard v.isFinite, v != 0 else { return formatFixed(v, decimals: 0) }
        let k = Int(log10(abs(v)).rounded(.down))
        return formatFixed(v, decimals: max(0, 2 - k))
    }

    /// Durations: "4 ms", "843 ms", "2.50 s", "12.3 s", "2 min 5 s".
    public static func seconds(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "–" }
        if value < 0.001 { return "< 1 ms" }
        if value < 1 { return formatFixed(value * 1000, decimals: 0) + " ms" }
        if value < 10 { return formatFixed(value, decimals: 2) + " s" }
        if value < 120 { return formatFixed(value, decimals: 1) + " s" }
        let whole = Int(value.rounded(.down))
        return "\(whole / 60) min \(whole % 60) s"
    }

    /// The shortest decimal that reads back as `v`, without a trailing ".0".
    static func shortest(_ v: Double) -> String {
        var s = "\(v)"
        if s.hasSuffix(".0") { s.removeLast(2) }
        if s.hasPrefix("-") { s = "\u{2212}" + s.dropFirst() }
        return s
    }
}

/// `value` with exactly `decimals` decimals, "0" for zero, U+2212 for minus, optional thousands separators.
public func formatFixed(_ value: Double, decimals: Int, grouping: Bool = false) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
    let d = min(max(decimals, 0), 15)
    var text = String(format: "%.\(d)f", abs(value))
    if Double(text) == 0 { return "0" }
    if grouping {
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        var intPart = parts.first ?? ""
        var grouped = ""
        while intPart.count > 3 {
            grouped = "," + String(intPart.suffix(3)) + grouped
            intPart = String(intPart.dropLast(3))
        }
        text = intPart + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }
    return value < 0 ? "\u{2212}" + text : text
}
