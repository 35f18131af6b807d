import Foundation

/// Number formats shared by charts, findings and report tables, per docs/charts.md.
public enum NumberText {
    /// A count with thousands separators: "2,500", "1,438".
    public static func count(_ n: Int) -> String {
        // From the integer's own digits: Double(n) would round counts past 2^53.
        let digits = String(n.magnitude)
        var grouped = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        return n < 0 ? "\u{2212}" + grouped : grouped
    }

    /// A fraction (0...1) as a percentage with `decimals` decimals: 0.975 → "97.5%"; "–" when missing.
    public static func percent(_ fraction: Double?, decimals: Int = 1) -> String {
        guard let fraction, fraction.isFinite else { return "–" }
        return formatFixed(fraction * 100, decimals: decimals) + "%"
    }

    /// A rate lrlab computed (a suggestion, a fit, half a grid value): two significant digits,
    /// as `learningRate` writes them (0.0114 → "0.011", 3.16e-8 → "3.2e-8"). Grid values the
    /// user gave are shown in full with `learningRate` instead.
    public static func suggestedRate(_ v: Double) -> String {
        learningRate(Double(String(format: "%.2g", v)) ?? v)
    }

    /// A learning rate: shortest decimal without ".0" (0.01, 0.1, 1, 5); below 0.001 as "3e-4".
    public static func learningRate(_ v: Double) -> String {
        guard v.isFinite else { return formatFixed(v, decimals: 0) }
        if v != 0, abs(v) < 0.001 { return exponential(v, digits: 11) }
        return shortest(v)
    }

    /// "3e-4", "−2.5e-7", "4.9e-324": at most `digits` significant digits, trailing zeros trimmed.
    /// Any finite `v` (subnormals included); printf does the arithmetic, so nothing overflows.
    static func exponential(_ v: Double, digits: Int) -> String {
        let p = min(max(digits, 1), 17)
        let raw = String(format: "%.\(p - 1)e", abs(v))  // "3.0000000000e-04"
        guard let e = raw.firstIndex(of: "e"), let exponent = Int(raw[raw.index(after: e)...]) else { return raw }
        var mantissa = String(raw[..<e])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        return (v < 0 ? "\u{2212}" : "") + mantissa + "e" + String(exponent)
    }

    /// Three significant digits: 0.0102, 0.178, 2.30; "–" when missing.
    public static func loss(_ value: Double?) -> String {
        guard let v = value else { return "–" }
        guard v.isFinite, v != 0 else { return formatFixed(v, decimals: 0) }
        // log10 of a finite non-zero Double is within −324…309.
        let k = Int(log10(abs(v)).rounded(.down))
        // Past 15 decimals (below 1e-13) fixed notation would print "0".
        guard 2 - k <= 15 else { return exponential(v, digits: 3) }
        return formatFixed(v, decimals: max(0, 2 - k))
    }

    /// Durations: "4 ms", "843 ms", "2.50 s", "12.3 s", "2 min 5 s".
    public static func seconds(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "–" }
        if value < 0.001 { return "< 1 ms" }
        if value < 1 { return formatFixed(value * 1000, decimals: 0) + " ms" }
        if value < 10 { return formatFixed(value, decimals: 2) + " s" }
        if value < 120 { return formatFixed(value, decimals: 1) + " s" }
        // In Double: a stored duration can be any finite number (Int(1e19) traps).
        let whole = value.rounded(.down)
        let minutes = (whole / 60).rounded(.down), rest = whole - minutes * 60
        return formatFixed(minutes, decimals: 0) + " min " + formatFixed(min(max(rest, 0), 59), decimals: 0) + " s"
    }

    /// Sizes in binary units: `1.5 GiB`, `512 MiB`, `12 KiB`, `100 bytes`.
    public static func bytes(_ bytes: Int) -> String {
        let units = [(1 << 40, "TiB"), (1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        for (size, name) in units where bytes >= size {
            let value = Double(bytes) / Double(size)
            let text = value >= 100 || value == value.rounded() ? formatFixed(value.rounded(), decimals: 0) : formatFixed(value, decimals: 1)
            return "\(text) \(name)"
        }
        return "\(bytes) bytes"
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
