import Charts
import Formatting
import Results

/// Divergence in the report's charts, drawn with the neutral marks of `Charts`: a ✕ end mark labelled
/// "diverged at step N" where a line stops, "✕ diverged" in the legend row, and a hatched cell reading
/// "diverged / at step N" in heatmaps (N is the 0-based index of the update at which the rule fired).
extension ReportCharts {
    /// The legend row's key for the ✕ end marks.
    static let divergedKey = "diverged"

    /// "diverged at step 1,250".
    static func divergedLabel(step: Int) -> String { "diverged at step " + NumberText.count(step) }

    /// A hatched heatmap cell for a point whose runs all diverged, the first of them at `step`.
    static func divergedCell(step: Int) -> HeatmapCell {
        .hatched(label: "diverged", detail: "at step " + NumberText.count(step))
    }

    /// The ✕ where `run` diverged, at x `x` (default: epochs seen) and y `y` of its divergence record; nil when
    /// the run did not diverge.
    func divergenceMark(_ run: RunRecord, x: (DivergenceInfo) -> Double = { $0.epochsSeen },
                        y: (DivergenceInfo) -> Double) -> EndMark? {
        run.divergence.map { EndMark(x: x($0), y: y($0), label: Self.divergedLabel(step: $0.step)) }
    }
}
