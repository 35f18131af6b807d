import Formatting
import Foundation

/// An sRGB colour with straight alpha, each component in 0...1.
public struct RGBA: Sendable, Equatable, Hashable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// A colour from a 24-bit hex value such as `0x0072B2`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double((hex >> 16) & 0xFF) / 255,
                  green: Double((hex >> 8) & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255, alpha: alpha)
    }

    /// The same colour with another alpha (0...1).
    public func withAlpha(_ a: Double) -> RGBA {
        RGBA(red: red, green: green, blue: blue, alpha: a)
    }

    /// `#RRGGBB`, with `@0.28` appended when not opaque.
    public var hexString: String {
        func byte(_ v: Double) -> Int { Int((min(max(v, 0), 1) * 255).rounded()) }
        let digits = Array("0123456789ABCDEF")
        var s = "#"
        for v in [red, green, blue] {
            let b = byte(v)
            s.append(digits[b / 16])
            s.append(digits[b % 16])
        }
        if alpha < 1 { s += "@" + formatFixed(alpha, decimals: 2) }
        return s
    }

    /// WCAG relative luminance (0 = black, 1 = white).
    var relativeLuminance: Double {
        func lin(_ c: Double) -> Double {
            c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * lin(red) + 0.7152 * lin(green) + 0.0722 * lin(blue)
    }

    /// WCAG contrast ratio between two opaque colours (1...21).
    func contrast(with other: RGBA) -> Double {
        let a = relativeLuminance, b = other.relativeLuminance
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}

/// The colours of docs/charts.md.
public enum Palette {
    /// Okabe–Ito, in the fixed order, as drawn in the current theme (`theme`); yellow is never used for lines.
    public static var series: [RGBA] { theme.colors.series }

    /// The theme being drawn (`Theme.apply`): `light` outside a themed render.
    @TaskLocal static var theme: Theme = .light

    /// The colour count of the chart being drawn (see `Chart.colorCount`), bound by `ChartLayout.scene()` so
    /// that every mark of a series (line, band, ✕, legend swatch, direct label) takes the same style. nil
    /// outside a layout: Okabe–Ito.
    @TaskLocal static var colorCount: Int?

    /// The line colour for a series' colour index in the chart being drawn (`colorCount`); never traps.
    public static func color(_ index: Int) -> RGBA { color(index, count: colorCount) }

    /// Dash pattern (logical px, on/off…) for a colour index in the chart being drawn (`colorCount`).
    public static func dash(_ index: Int) -> [Double] { dash(index, count: colorCount) }

    /// The line colour for `index` of `count` key values: Okabe–Ito up to 7 values (wrapping around past 7
    /// when `count` is nil), otherwise viridis from `#440154` (index 0) to `#7AD151` (index count − 1), evenly
    /// spaced in perceived colour and interpolated linearly in sRGB; indices outside 0..<count are clamped.
    public static func color(_ index: Int, count: Int?) -> RGBA {
        if let n = count, n > series.count { return ordered(index, count: n) }
        let n = series.count
        return series[((index % n) + n) % n]
    }

    /// Dash pattern (logical px, on/off…) for `index` of `count` key values: solid for the first 4 of up to 7,
    /// then (6,3), (2,2), (6,2,2,2); always solid above 7 values, where viridis tells the lines apart.
    public static func dash(_ index: Int, count: Int?) -> [Double] {
        if let n = count, n > series.count { return [] }
        switch ((index % 7) + 7) % 7 {
        case 4: return [6, 3]
        case 5: return [2, 2]
        case 6: return [6, 2, 2, 2]
        default: return []
        }
    }

    /// The viridis stop index (in 0…10) of the lightest series colour in the light theme: `#7AD151`, so no
    /// yellow line on white.
    static let lastSeriesStop = 8.0

    /// Series colour of an ordered key with more than 7 values: viridis between the theme's stops (0…8 in
    /// light and paper), evenly spaced in perceived colour (equal CIE76 ΔE steps along the ramp), not in stop
    /// index: viridis changes slowly at its dark end, where equal index steps gave neighbours that look alike.
    static func ordered(_ index: Int, count: Int) -> RGBA {
        let ramp = theme.colors.seriesRamp
        let lengths = ramp == lightRamp.range ? lightRamp.lengths : darkRamp.lengths
        guard count > 1 else { return stop(ramp.lowerBound) }
        let i = min(max(index, 0), count - 1)
        let target = Double(i) / Double(count - 1) * (lengths.last ?? 0)
        // The first sample at or past the target, interpolated with the one before.
        var k = 1
        while k < lengths.count - 1, lengths[k] < target { k += 1 }
        let a = lengths[k - 1], b = lengths[k]
        let f = b > a ? (target - a) / (b - a) : 0
        return stop(ramp.lowerBound + (Double(k - 1) + f) / Double(rampSamples) * (ramp.upperBound - ramp.lowerBound))
    }

    /// Samples of a series ramp used to measure it.
    static let rampSamples = 400

    /// A series ramp between two viridis stop positions and its cumulative ΔE76 at `rampSamples + 1`
    /// evenly spaced positions.
    struct Ramp: Sendable {
        let range: ClosedRange<Double>
        let lengths: [Double]

        init(_ range: ClosedRange<Double>) {
            self.range = range
            var lengths = [0.0]
            var previous = Palette.stop(range.lowerBound)
            let span = range.upperBound - range.lowerBound
            for k in 1...Palette.rampSamples {
                let next = Palette.stop(range.lowerBound + Double(k) / Double(Palette.rampSamples) * span)
                lengths.append((lengths.last ?? 0) + SeriesStyleCheck.deltaE(previous, next))
                previous = next
            }
            self.lengths = lengths
        }
    }

    /// The ramp of the light and paper themes (stops 0…8) and of the dark theme (3…10).
    static let lightRamp = Ramp(ThemeColors.light.seriesRamp)
    static let darkRamp = Ramp(ThemeColors.dark.seriesRamp)

    /// Cumulative ΔE76 along the light theme's series ramp (see `Ramp`).
    static var rampLength: [Double] { lightRamp.lengths }

    // The neutrals of docs/charts.md, as drawn in the current theme (`theme`).
    static var background: RGBA { theme.colors.background }
    /// The canvas colour of halos, backings and dot rings (white in the light theme).
    static var white: RGBA { theme.colors.backing }
    static var title: RGBA { theme.colors.title }
    static var subtitle: RGBA { theme.colors.subtitle }
    static var axisTitle: RGBA { theme.colors.axisTitle }
    static var tickLabel: RGBA { theme.colors.tickLabel }
    static var axis: RGBA { theme.colors.axis }
    static var grid: RGBA { theme.colors.grid }
    static var phase: RGBA { theme.colors.phase }
    static var rule: RGBA { theme.colors.rule }
    static var hatch: RGBA { theme.colors.hatch }

    /// Viridis stops, interpolated linearly in sRGB.
    static let viridisStops: [RGBA] = [
        0x440154, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C,
        0x22A884, 0x44BF70, 0x7AD151, 0xBDDF26, 0xFDE725,
    ].map { RGBA(hex: $0) }

    /// Viridis at `t` in 0...1 (low = dark); clamps out-of-range and NaN to the ends.
    public static func viridis(_ t: Double) -> RGBA {
        stop(t.isNaN ? 0 : min(max(t, 0), 1) * Double(viridisStops.count - 1))
    }

    /// Viridis at a fractional stop index `u` in 0…10, interpolated linearly in sRGB between stops.
    static func stop(_ position: Double) -> RGBA {
        let stops = viridisStops
        let u = position.isNaN ? 0 : min(max(position, 0), Double(stops.count - 1))
        let i = min(Int(u), stops.count - 2)
        let f = u - Double(i)
        let a = stops[i], b = stops[i + 1]
        return RGBA(red: a.red + (b.red - a.red) * f,
                    green: a.green + (b.green - a.green) * f,
                    blue: a.blue + (b.blue - a.blue) * f)
    }
}
