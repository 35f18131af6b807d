import Foundation

/// The layout checker's style rule: no two series of one chart look alike (docs/charts.md "Colour"), and each
/// legend swatch is drawn like its series' line.
enum SeriesStyleCheck {
    /// Two solid (or equally dashed) lines closer than this CIE76 ΔE look alike at 2 px.
    static let minimumDeltaE = 8.0

    /// How a series' line is drawn: opaque colour and dash pattern (logical px).
    struct Style: Equatable {
        var color: RGBA
        var dash: [Double]

        var description: String { color.hexString + (dash.isEmpty ? " solid" : " dashed " + dash.map { LayoutChecker.num($0) }.joined(separator: ",")) }
    }

    static func problems(_ scene: Scene) -> [String] {
        var order: [SeriesTag] = []
        var styles: [String: Style] = [:]
        var swatches: [(String, Style)] = []
        for (item, role) in zip(scene.items, scene.roles) {
            guard case let .polyline(_, stroke) = item else { continue }
            let style = Style(color: stroke.color.withAlpha(1), dash: stroke.dash)
            switch role {
            case let .dataLine(tag):
                if styles[tag.identity] == nil {
                    order.append(tag)
                    styles[tag.identity] = style
                }
            case let .legendSwatch(tag): swatches.append((tag.identity, style))
            default: break
            }
        }
        var out: [String] = []
        for (i, a) in order.enumerated() {
            // Unlabelled series are only told apart within their panel: a legend cannot confuse them.
            for b in order[(i + 1)...] where !((a.label.isEmpty || b.label.isEmpty) && a.panel != b.panel) {
                guard let sa = styles[a.identity], let sb = styles[b.identity], sa.dash == sb.dash else { continue }
                let d = deltaE(sa.color, sb.color)
                if d < minimumDeltaE {
                    out.append("series \(a.identity) and \(b.identity) look alike: \(sa.description) and "
                               + "\(sb.description) (ΔE \(LayoutChecker.num(d)))")
                }
            }
        }
        for (identity, style) in swatches {
            if let line = styles[identity], line != style {
                out.append("legend swatch of \(identity) is \(style.description) but its line is \(line.description)")
            }
        }
        return out
    }

    /// CIE76 colour difference between two sRGB colours (D65 white), alpha ignored.
    static func deltaE(_ a: RGBA, _ b: RGBA) -> Double {
        let la = lab(a), lb = lab(b)
        let d0 = la.0 - lb.0, d1 = la.1 - lb.1, d2 = la.2 - lb.2
        return (d0 * d0 + d1 * d1 + d2 * d2).squareRoot()
    }

    /// CIELAB (L*, a*, b*) of an sRGB colour.
    static func lab(_ c: RGBA) -> (Double, Double, Double) {
        func lin(_ v: Double) -> Double { v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4) }
        let r = lin(c.red), g = lin(c.green), b = lin(c.blue)
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }
}
