import Formatting
import Foundation

/// A canvas that writes each drawing call as one line of text, numbers rounded to 0.01 logical px,
/// so layouts can be tested exactly and independently of Cairo's version.
final class RecordingCanvas: Canvas {
    private(set) var lines: [String] = []

    var text: String { lines.joined(separator: "\n") }

    private func n(_ v: Double) -> String {
        guard v.isFinite else { return "nan" }
        let r = (v * 100).rounded() / 100
        let s = formatFixed(r, decimals: 2)
        return TickLabels.trimZeros(s).replacingOccurrences(of: "\u{2212}", with: "-")
    }

    private func pt(_ p: Point) -> String { n(p.x) + "," + n(p.y) }

    func fillRect(_ rect: Rect, color: RGBA) {
        lines.append("rect \(n(rect.x)) \(n(rect.y)) \(n(rect.width)) \(n(rect.height)) \(color.hexString)")
    }

    func strokePolyline(_ points: [Point], stroke: Stroke) {
        var s = "line w=\(n(stroke.width)) \(stroke.color.hexString)"
        if !stroke.dash.isEmpty { s += " dash=" + stroke.dash.map(n).joined(separator: ",") }
        if stroke.cap == .round { s += " round" }
        s += " " + points.map(pt).joined(separator: " ")
        lines.append(s)
    }

    func fillPolygon(_ points: [Point], color: RGBA) {
        lines.append("polygon \(color.hexString) " + points.map(pt).joined(separator: " "))
    }

    func fillCircle(center: Point, radius: Double, color: RGBA) {
        lines.append("circle \(pt(center)) r=\(n(radius)) \(color.hexString)")
    }

    func drawText(_ run: TextRun) {
        var s = "text \(pt(run.origin)) \(run.font.bold ? "bold" : "book") \(n(run.font.size)) \(run.color.hexString)"
        if run.rotated { s += " up" }
        if run.halo { s += " halo" }
        lines.append(s + " \"\(run.string)\"")
    }

    func pushClip(_ rect: Rect) {
        lines.append("clip \(n(rect.x)) \(n(rect.y)) \(n(rect.width)) \(n(rect.height))")
    }

    func popClip() { lines.append("unclip") }
}
