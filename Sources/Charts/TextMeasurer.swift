/// Measured extents of a run of text, in logical px.
struct TextExtents: Sendable, Equatable {
    /// Advance width.
    var width: Double
    /// Height above the baseline of the font's tallest glyphs (cap/ascender).
    var ascent: Double
    /// Depth below the baseline of descenders.
    var descent: Double
}

/// Measures text; layout depends only on this, so tests can use a fixed-width fake.
protocol TextMeasurer: AnyObject {
    func measure(_ text: String, font: FontSpec) -> TextExtents
}

/// A deterministic measurer for tests: every character is 0.6 em wide.
final class FixedWidthMeasurer: TextMeasurer {
    func measure(_ text: String, font: FontSpec) -> TextExtents {
        TextExtents(width: Double(text.count) * font.size * 0.6, ascent: font.size * 0.76, descent: font.size * 0.24)
    }
}
