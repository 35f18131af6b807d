import Formatting
public import Results

/// The grid points of one batch size, every other key free: what the batch-size findings
/// (generalisation gap, steps to target, noise scale, throughput) compare.
public struct BatchBucket: Sendable {
    /// The batch size's grid value; nil when the grid does not vary the batch size.
    public var value: GridValue?
    /// Examples per optimizer step (the training-set size for `all`).
    public var batchSize: Int
    /// The points of this batch size, in grid order.
    public var groups: [PointGroup]

    /// "batch 64"; "the full batch (1,438)" for a batch of the whole training set.
    public var label: String {
        if let value, value.isAll || (groups.first?.runs.first.map { batchSize >= $0.setup.trainCount } ?? false) {
            return "the full batch (\(NumberText.count(batchSize)))"
        }
        return "batch \(value?.label ?? String(batchSize))"
    }

    /// The batch size's best point by the report's rule (`Analysis.bestPoints`) among its points
    /// with at least one run that did not diverge; the first in grid order on a tie.
    public var best: PointGroup? { Analysis.bestPoints(groups.filter { !$0.allDiverged }).first }

    /// One bucket per batch size in display order when the grid varies it; else one bucket of
    /// every point (at the first run's batch size). Empty without runs.
    public static func split(_ groups: [PointGroup]) -> [BatchBucket] {
        guard let first = groups.first(where: { !$0.runs.isEmpty })?.runs.first else { return [] }
        guard let axis = GridAxis.axes(of: groups).first(where: { $0.key == GridAxis.batchKey }) else {
            return [BatchBucket(value: nil, batchSize: first.setup.batchSize, groups: groups)]
        }
        return axis.values.compactMap { value in
            let members = groups.filter { $0.point.value(axis.key) == value }
            guard let run = members.first(where: { !$0.runs.isEmpty })?.runs.first else { return nil }
            return BatchBucket(value: value, batchSize: run.setup.batchSize, groups: members)
        }
    }
}

/// Runs that make results: finished, with at least one epoch measured.
func finishedRuns(_ group: PointGroup) -> [RunRecord] {
    group.runs.filter { $0.status == .finished && !$0.history.isEmpty }
}

/// "3.1" or, over seeds, "3.1 ± 0.4": a fraction as points.
func pointsText(_ value: SeedMean) -> String {
    var text = formatFixed(value.mean * 100, decimals: 1)
    if let sd = value.standardDeviation { text += " ± " + formatFixed(sd * 100, decimals: 1) }
    return text
}

/// The grid values of `point` that differ from `reference` ("lr 0.003"), or its whole label.
func difference(_ point: GridPoint, from reference: GridPoint) -> String {
    let differing = point.values.filter { reference.value($0.key) != $0 }
    let text = GridPoint(differing).label
    return text.isEmpty ? point.label : text
}
