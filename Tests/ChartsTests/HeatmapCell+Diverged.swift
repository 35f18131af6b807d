import Charts
import Formatting

extension HeatmapCell {
    /// The hatched cell a report draws for a point whose runs all diverged (as `ReportCharts.divergedCell`):
    /// "diverged" with "at step N" under it.
    static func diverged(step: Int) -> HeatmapCell {
        .hatched(label: "diverged", detail: "at step " + NumberText.count(step))
    }
}
