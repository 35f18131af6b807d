/// A figure of 800 × 500 logical px that lays itself out: `Chart` (line charts and small multiples) and `Heatmap`
/// conform. `render(_:png:scale:)`, `render(_:svg:)` and `layoutProblems(_:)` take any figure.
///
/// The layout types stay inside `Charts`: `TextMetrics` and `FigureScene` are opaque outside it, so a figure is
/// drawn or checked through those functions, never taken apart.
public protocol Figure: Sendable {
    /// The figure's title: sentence case, no final period; for captions, alt text and listings.
    var title: String { get }

    /// Lays the figure out with the text extents of `measurer` into positioned primitives.
    func scene(measurer: TextMetrics) -> FigureScene
}

/// The text extents a figure is laid out with: Cairo's DejaVu metrics, or a fixed-width fake in tests.
public struct TextMetrics {
    let measurer: any TextMeasurer

    init(_ measurer: any TextMeasurer) {
        self.measurer = measurer
    }
}

/// A laid-out figure: its scene of positioned primitives in logical px, and what the layout checker must find in it.
public struct FigureScene {
    let scene: Scene
    /// Series labels that must each appear in a legend or as a direct label; nil takes every non-empty label
    /// of the scene's data lines.
    let labelledSeries: [String]?
}
