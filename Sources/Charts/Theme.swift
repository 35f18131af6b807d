/// The colours a chart is drawn in. Layout (positions, sizes, which labels go where) is the same in every
/// theme; only colours and the gridline width change, so a chart checked in one theme is laid out alike in all.
///
/// - `light`: docs/charts.md, unchanged (the golden images).
/// - `dark`: a near-black canvas with light text, axes and gridlines. Series keep their Okabe–Ito colour per
///   value, except black, which becomes a light grey; more than 7 ordered values take viridis from `#355F8D`
///   to `#FDE725` instead of `#440154`–`#7AD151` (the dark end vanishes on black, yellow reads well on it).
/// - `paper`: pure white, black text and axes, no grey fills (shaded phases and diverged heatmap cells stay
///   white, their rules and hatching mark them), 0.5 px gridlines: for printing and LaTeX documents.
public enum Theme: String, Sendable, Hashable, CaseIterable {
    case light, dark, paper

    /// The neutral colours of this theme (docs/charts.md "Neutrals" for `light`).
    var colors: ThemeColors {
        switch self {
        case .light: ThemeColors.light
        case .dark: ThemeColors.dark
        case .paper: ThemeColors.paper
        }
    }
}

/// The neutral colours of a theme, by role. `backing` is what docs/charts.md calls white: the canvas colour of
/// text halos, legend and inset backings and the rings around dots.
struct ThemeColors: Sendable, Equatable {
    var background: RGBA
    var backing: RGBA
    var title: RGBA
    var subtitle: RGBA
    var axisTitle: RGBA
    var tickLabel: RGBA
    var axis: RGBA
    var grid: RGBA
    /// Gridline width, logical px (layouts draw 1 px; `Theme.restyle` applies another).
    var gridWidth: Double
    var phase: RGBA
    var rule: RGBA
    var hatch: RGBA
    /// Okabe–Ito as drawn in this theme, in the fixed order.
    var series: [RGBA]
    /// The viridis stop positions (0…10) the series ramp of more than 7 ordered values runs between.
    var seriesRamp: ClosedRange<Double>

    static let okabeIto: [RGBA] = [0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0x000000].map { RGBA(hex: $0) }

    static let light = ThemeColors(
        background: RGBA(hex: 0xFFFFFF), backing: RGBA(hex: 0xFFFFFF), title: RGBA(hex: 0x1A1A1A),
        subtitle: RGBA(hex: 0x595959), axisTitle: RGBA(hex: 0x333333), tickLabel: RGBA(hex: 0x595959),
        axis: RGBA(hex: 0x4D4D4D), grid: RGBA(hex: 0xE5E5E5), gridWidth: 1, phase: RGBA(hex: 0xF2F2F2),
        rule: RGBA(hex: 0x808080), hatch: RGBA(hex: 0xD0D0D0), series: okabeIto, seriesRamp: 0...8)

    /// Text at least 7:1 against the canvas (tick labels 8:1), gridlines faint but visible (1.6:1).
    static let dark = ThemeColors(
        background: RGBA(hex: 0x1B1B1B), backing: RGBA(hex: 0x1B1B1B), title: RGBA(hex: 0xF2F2F2),
        subtitle: RGBA(hex: 0xBDBDBD), axisTitle: RGBA(hex: 0xDEDEDE), tickLabel: RGBA(hex: 0xBDBDBD),
        axis: RGBA(hex: 0xA6A6A6), grid: RGBA(hex: 0x3D3D3D), gridWidth: 1, phase: RGBA(hex: 0x2B2B2B),
        rule: RGBA(hex: 0x8C8C8C), hatch: RGBA(hex: 0x4D4D4D),
        series: Array(okabeIto.dropLast()) + [RGBA(hex: 0xD9D9D9)], seriesRamp: 3...10)

    static let paper = ThemeColors(
        background: RGBA(hex: 0xFFFFFF), backing: RGBA(hex: 0xFFFFFF), title: RGBA(hex: 0x000000),
        subtitle: RGBA(hex: 0x000000), axisTitle: RGBA(hex: 0x000000), tickLabel: RGBA(hex: 0x000000),
        axis: RGBA(hex: 0x000000), grid: RGBA(hex: 0xCCCCCC), gridWidth: 0.5, phase: RGBA(hex: 0xFFFFFF),
        rule: RGBA(hex: 0x595959), hatch: RGBA(hex: 0xA6A6A6), series: okabeIto, seriesRamp: 0...8)
}

extension Theme {
    /// Runs `body` (a layout and its drawing) with `Palette`'s colours taken from this theme.
    func apply<R>(_ body: () throws -> R) rethrows -> R {
        try Palette.$theme.withValue(self, operation: body)
    }

    /// `scene` with this theme's gridline width: layouts stroke gridlines 1 px in `Palette.grid`, the one
    /// colour nothing else is drawn in. The light and dark themes keep 1 px, so their scenes are returned as is.
    func restyle(_ scene: Scene) -> Scene {
        let colors = self.colors
        guard colors.gridWidth != 1 else { return scene }
        return scene.mapped { item in
            guard case let .polyline(points, stroke) = item, stroke.color == colors.grid, stroke.width == 1 else { return item }
            var thinner = stroke
            thinner.width = colors.gridWidth
            return .polyline(points, thinner)
        }
    }
}

extension Scene {
    /// The scene with each primitive replaced by `transform(primitive)`, roles kept.
    func mapped(_ transform: (Primitive) -> Primitive) -> Scene {
        var out = Scene(width: width, height: height)
        for (item, role) in zip(items, roles) { out.add(transform(item), role: role) }
        return out
    }
}
