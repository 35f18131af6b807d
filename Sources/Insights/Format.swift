import Foundation

/// Number formats shared by findings, tables and charts' captions (CHARTS.md conventions).
public enum Format {
    /// 0.975 → "97.5%".
    public static func percent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "–" }
        return String(format: "%.1f%%", fraction * 100)
    }

    /// Learning rates as users type them: 0.01, 0.1, 1, 5; below 0.001 as 3e-4.
    public static func rate(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value != 0 && abs(value) < 0.001 {
            let exponent = Int(floor(log10(abs(value))))
            let mantissa = value / pow(10, Double(exponent))
            var m = String(format: "%.3g", mantissa)
            if m.contains(".") { while m.hasSuffix("0") { m.removeLast() }; if m.hasSuffix(".") { m.removeLast() } }
            return "\(m)e\(exponent)"
        }
        var text = String(format: "%.6g", value)
        if text.contains("e") { text = String(format: "%.0f", value) }
        return text
    }

    /// Losses with 3 significant digits: 0.0102, 0.178, 2.30.
    public static func loss(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        if value == 0 { return "0" }
        let digits = max(0, 2 - Int(floor(log10(abs(value)))))
        return String(format: "%.\(min(digits, 12))f", value)
    }

    /// Counts with thousands separators: 2500 → "2,500".
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (value < 0 ? "−" : "") + out
    }

    /// Seconds: "0.84 s", "12.3 s", "2 min 5 s".
    public static func seconds(_ value: Double) -> String {
        if value < 10 { return String(format: "%.2f s", value) }
        if value < 120 { return String(format: "%.1f s", value) }
        return "\(Int(value) / 60) min \(Int(value) % 60) s"
    }
}
