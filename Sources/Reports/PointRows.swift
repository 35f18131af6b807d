import Formatting
import Insights
import Results

extension ReportModel {
    /// One row of the results table per grid point when points were repeated (`RowView`: the mean
    /// over its seeds ± their standard deviation); the per-seed rows follow, folded, in `rows`.
    /// `cells`: a point's grid cells (`ReportModel.gridCells`).
    static func pointRows(_ groups: [PointGroup], cells: (GridPoint) -> [CellView], target: Double?, best: Set<GridPoint>) -> [RowView] {
        groups.map { group in
            let runs = group.runs
            func meanOf(_ values: [Double?]) -> Double? {
                let finite = values.compactMap { $0 }.filter(\.isFinite)
                return finite.isEmpty ? nil : finite.reduce(0, +) / Double(finite.count)
            }
            func meanText(_ values: [Double?], percent: Bool) -> String {
                let finite = values.compactMap { $0 }.filter(\.isFinite)
                guard !finite.isEmpty else { return "–" }
                let m = finite.reduce(0, +) / Double(finite.count)
                guard percent else { return NumberText.loss(m) }
                guard finite.count > 1 else { return NumberText.percent(m) }
                let sd = (finite.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(finite.count - 1)).squareRoot()
                return NumberText.percent(m) + " ± " + formatFixed(sd * 100, decimals: 1)
            }
            let diverged = runs.filter { $0.status == .diverged }
            let lastStep = diverged.compactMap(\.divergence?.step).max().map { " by step \(NumberText.count($0))" } ?? ""
            let status: String
            switch diverged.count {
            case 0: status = "finished"
            case runs.count: status = runs.count == 1 ? "diverged" + lastStep : "diverged (all \(runs.count)\(lastStep.isEmpty ? "" : ",")\(lastStep))"
            default: status = "\(diverged.count) of \(runs.count) diverged (\(lastStep.dropFirst()))"
            }
            var toTarget = "–"
            if let target {
                let reached = runs.compactMap { $0.epochsToReach(target) }.sorted()
                if !reached.isEmpty {
                    let median = reached[reached.count / 2]
                    toTarget = "\(median)" + (reached.count < runs.count ? " (\(reached.count) of \(runs.count))" : "")
                }
            }
            let seconds = runs.reduce(0) { $0 + $1.wallSeconds }
            return RowView(
                gridCells: cells(group.point),
                seed: "\(runs.count)",
                finalTestAccuracy: meanText(runs.map(\.finalTestAccuracy), percent: true),
                finalValidationAccuracy: meanText(runs.map(\.finalValidationAccuracy), percent: true),
                peak: meanText(runs.map(\.bestTestAccuracy), percent: true),
                finalTrainLoss: meanText(runs.map(\.finalTrainLoss), percent: false),
                finalTestLoss: meanText(runs.map(\.finalTestLoss), percent: false),
                status: status,
                statusClass: diverged.count == runs.count ? "diverged" : (diverged.isEmpty ? "finished" : "mixed"),
                epochsToTarget: toTarget,
                seconds: NumberText.seconds(seconds),
                isBest: best.contains(group.point),
                sort: SortKeys(finalTestAccuracy: sortKey(meanOf(runs.map(\.finalTestAccuracy))),
                               finalValidationAccuracy: sortKey(meanOf(runs.map(\.finalValidationAccuracy))),
                               peak: sortKey(meanOf(runs.map(\.bestTestAccuracy))),
                               finalTrainLoss: sortKey(meanOf(runs.map(\.finalTrainLoss))),
                               finalTestLoss: sortKey(meanOf(runs.map(\.finalTestLoss))),
                               seconds: sortKey(seconds)))
        }
    }
}
