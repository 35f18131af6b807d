import AtomicFiles
import Foundation

/// Writes a scene as SVG text: 800 × 500 px (no pt), real `<text>` elements that can be selected and
/// searched, numbers with at most 2 decimals and no exponent. Text content is escaped and stripped of
/// characters XML 1.0 forbids, so the document is always well-formed.
final class SVGCanvas: Canvas {
    static let fontFamily = "DejaVu Sans, Verdana, sans-serif"

    let width: Double
    let height: Double
    private var body: [String] = []
    private var clipCount = 0
    private var openGroups = 0

    /// A canvas of `width` × `height` logical px, drawn 1:1 as SVG user units (px).
    init(width: Double = 800, height: Double = 500) {
        self.width = width
        self.height = height
    }

    /// The complete document, with every clip group closed.
    var document: String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", ChartSignature.svgComment,
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" "
                         + "height=\"\(Self.number(height))\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\">"]
        lines += body
        lines += Array(repeating: "</g>", count: openGroups)
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `document` to `path` atomically (`AtomicFile`: a temporary file in the same folder, then a
    /// rename). Throws `ChartError.unwritablePath` when either step fails; the previous file stays whole.
    func write(to path: String) throws {
        do {
            try AtomicFile.write(Data(document.utf8), to: path)
        } catch {
            throw ChartError.unwritablePath(path, reason: error.reason)
        }
    }

    // MARK: Canvas

    func fillRect(_ rect: Rect, color: RGBA) {
        body.append("<rect x=\"\(Self.number(rect.x))\" y=\"\(Self.number(rect.y))\" width=\"\(Self.number(rect.width))\" "
                    + "height=\"\(Self.number(rect.height))\"\(Self.fill(color))/>")
    }

    func strokePolyline(_ points: [Point], stroke: Stroke) {
        guard !points.isEmpty else { return }
        var s = "<polyline points=\"\(Self.points(points))\" fill=\"none\" stroke=\"\(Self.hex(stroke.color))\""
        s += " stroke-width=\"\(Self.number(stroke.width))\""
        if stroke.color.alpha < 1 { s += " stroke-opacity=\"\(Self.number(Self.clampedAlpha(stroke.color)))\"" }
        s += " stroke-linecap=\"\(stroke.cap == .round ? "round" : "butt")\""
        // As CairoCanvas: round joins for lines wider than 1 px, bevel otherwise.
        s += " stroke-linejoin=\"\(stroke.width > 1 ? "round" : "bevel")\""
        if !stroke.dash.isEmpty {
            s += " stroke-dasharray=\"\(stroke.dash.map(Self.number).joined(separator: " "))\""
        }
        body.append(s + "/>")
    }

    func fillPolygon(_ points: [Point], color: RGBA) {
        guard !points.isEmpty else { return }
        body.append("<polygon points=\"\(Self.points(points))\"\(Self.fill(color))/>")
    }

    func fillCircle(center: Point, radius: Double, color: RGBA) {
        body.append("<circle cx=\"\(Self.number(center.x))\" cy=\"\(Self.number(center.y))\" "
                    + "r=\"\(Self.number(radius))\"\(Self.fill(color))/>")
    }

    func drawText(_ run: TextRun) {
        let x = Self.number(run.origin.x), y = Self.number(run.origin.y)
        var s = "<text x=\"\(x)\" y=\"\(y)\" font-family=\"\(Self.fontFamily)\" font-size=\"\(Self.number(run.font.size))\""
        if run.font.bold { s += " font-weight=\"bold\"" }
        s += Self.fill(run.color)
        if run.rotated { s += " transform=\"rotate(-90 \(x) \(y))\"" }
        if run.halo {
            s += " stroke=\"\(Self.hex(Palette.white))\" stroke-width=\"4\" stroke-linejoin=\"round\" paint-order=\"stroke\""
        }
        body.append(s + " xml:space=\"preserve\">\(Self.escape(run.string))</text>")
    }

    func pushClip(_ rect: Rect) {
        clipCount += 1
        let id = "clip\(clipCount)"
        body.append("<clipPath id=\"\(id)\"><rect x=\"\(Self.number(rect.x))\" y=\"\(Self.number(rect.y))\" "
                    + "width=\"\(Self.number(rect.width))\" height=\"\(Self.number(rect.height))\"/></clipPath>")
        body.append("<g clip-path=\"url(#\(id))\">")
        openGroups += 1
    }

    func popClip() {
        guard openGroups > 0 else { return }
        body.append("</g>")
        openGroups -= 1
    }

    // MARK: text of attributes and content

    /// At most 2 decimals, trailing zeros trimmed, never an exponent, "-" for minus; 0 for non-finite values.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        // Beyond 2^53 / 100 the scaled value loses integers; such numbers have no decimals to round.
        let r = abs(v) < 1e13 ? (v * 100).rounded() / 100 : v.rounded()
        if r == 0 { return "0" }
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// `#RRGGBB` of a colour (alpha is written separately as an opacity).
    static func hex(_ c: RGBA) -> String { String(c.hexString.prefix(7)) }

    private static func clampedAlpha(_ c: RGBA) -> Double { c.alpha.isNaN ? 1 : min(max(c.alpha, 0), 1) }

    private static func fill(_ c: RGBA) -> String {
        var s = " fill=\"\(hex(c))\""
        if c.alpha < 1 { s += " fill-opacity=\"\(number(clampedAlpha(c)))\"" }
        return s
    }

    private static func points(_ points: [Point]) -> String {
        points.map { number($0.x) + "," + number($0.y) }.joined(separator: " ")
    }

    /// Escapes `& < > " '` and drops characters XML 1.0 forbids (C0 controls other than tab, line feed
    /// and carriage return, U+FFFE, U+FFFF) and the C1 controls, which no font draws.
    static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
