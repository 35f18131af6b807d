/// Formats `value` as a plain decimal (no exponent), with the shortest digits that round-trip:
/// 1e-05 → "0.00001", 1.5e+20 → "150000000000000000000". Non-finite values give "".
public func plainDecimal(_ value: Double) -> String {
    guard value.isFinite else { return "" }
    let text = "\(value)"
    guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(text[text.index(after: e)...]) else {
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
    var mantissa = String(text[..<e])
    let negative = mantissa.hasPrefix("-")
    if negative { mantissa.removeFirst() }
    let point = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
    let digits = mantissa.filter { $0 != "." }
    let position = point + exponent
    var result: String
    if position <= 0 {
        result = "0." + String(repeating: "0", count: -position) + digits
    } else if position >= digits.count {
        result = digits + String(repeating: "0", count: position - digits.count)
    } else {
        result = String(digits.prefix(position)) + "." + String(digits.dropFirst(position))
    }
    if result.contains(".") {
        while result.hasSuffix("0") { result.removeLast() }
        if result.hasSuffix(".") { result.removeLast() }
    }
    return (negative ? "-" : "") + result
}
