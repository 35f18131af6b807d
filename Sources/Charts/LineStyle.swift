/// A line's dash chosen by the chart rather than by the palette: what a series is (training, test,
/// validation) rather than which key value it has. Data lines have round caps, which lengthen every dash by
/// the line's width, so the patterns leave room for them.
public enum LineStyle: Sendable, Equatable, CaseIterable {
    case solid
    /// 7 px dashes, 3 px gaps at 2 px width (matplotlib's "--").
    case dashed
    /// Round dots 4.5 px apart (matplotlib's ":").
    case dotted

    /// Dash pattern (logical px, on/off) before the round caps; empty for a solid line.
    var dash: [Double] {
        switch self {
        case .solid: return []
        case .dashed: return [5, 5]
        case .dotted: return [0.01, 4.5]
        }
    }
}

extension Series {
    /// The dash its line and legend swatch are drawn with: its `lineStyle`'s, else a reference line's 4-on-3-off
    /// rule dash, else the palette's for its colour.
    var strokeDash: [Double] { lineStyle?.dash ?? (reference ? [4, 3] : Palette.dash(colorIndex)) }

    /// Its line colour: the neutral rule grey for a reference line, else the palette's for its colour index.
    var lineColor: RGBA { reference ? Palette.rule : Palette.color(colorIndex) }

    /// Its line width, logical px: 2 for data, 1.5 for a reference line.
    var lineWidth: Double { reference ? 1.5 : 2 }

    /// The cap of its legend swatch: round for a chart-chosen style (a dotted swatch with butt caps would be
    /// invisible), butt otherwise.
    var swatchCap: Stroke.Cap { lineStyle == nil ? .butt : .round }
}
