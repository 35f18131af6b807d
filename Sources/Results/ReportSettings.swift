/// The `report:` block of a sweep file (besides `target_accuracy`): how the report looks. Kept
/// with every run so that `lrlab report DIR` draws the report the sweep asked for.
public struct ReportSettings: Codable, Sendable, Hashable {
    /// Colours of the page and the charts.
    public enum Theme: String, Codable, Sendable, Hashable, CaseIterable {
        /// The page follows the reader's `prefers-color-scheme`; charts are light.
        case auto
        case light, dark
        /// Black on white, no tinted backgrounds: for printing and LaTeX documents.
        case paper
    }

    /// A chart file format; PNG and SVG always, PDF on request.
    public enum Format: String, Codable, Sendable, CaseIterable {
        case png, svg, pdf
    }

    /// Which grid points the lecture notes' figure (train and test accuracy and loss per batch
    /// size) shows: each batch size at its best learning rate, or every grid point.
    public enum CurvePoints: String, Codable, Sendable, CaseIterable {
        case best, every
    }

    /// TensorBoard's smoothing weight in [0, 1): the debiased exponential moving average of
    /// per-step curves, `0` for none. TensorBoard's default 0.6.
    public var smoothing: Double
    public var theme: Theme
    /// The chart formats written (`png` and `svg` always included).
    public var formats: [Format]
    public var curves: CurvePoints

    public static let defaultSmoothing = 0.6

    public init(smoothing: Double = ReportSettings.defaultSmoothing, theme: Theme = .auto,
                formats: [Format] = [.png, .svg], curves: CurvePoints = .best) {
        self.smoothing = smoothing
        self.theme = theme
        self.formats = formats
        self.curves = curves
    }
}
