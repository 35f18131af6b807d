import Foundation
public import Results

/// The runs of one grid point: its repeats (seeds), nothing else.
public struct PointGroup: Sendable {
    public var point: GridPoint
    /// In repeat order.
    public var runs: [RunRecord]

    public var label: String { point.label }
    public var runIds: [String] { runs.map(\.runId) }

    /// Mean over the seeds of the accuracy "best" is chosen on (`RunRecord.selectionAccuracy`):
    /// final validation accuracy with a validation set, else final test accuracy.
    public var selection: Double? { mean(runs.compactMap(\.selectionAccuracy)) }
    /// Mean final test accuracy over the seeds.
    public var finalTest: Double? { mean(runs.compactMap(\.finalTestAccuracy)) }
    /// Sample standard deviation of the selection accuracy over the seeds; nil with one seed.
    public var spread: Double? { standardDeviation(runs.compactMap(\.selectionAccuracy)) }
    /// Sample standard deviation of the final test accuracy over the seeds; nil with one seed.
    public var testSpread: Double? { standardDeviation(runs.compactMap(\.finalTestAccuracy)) }

    public var diverged: [RunRecord] { runs.filter { $0.status == .diverged } }
    public var allDiverged: Bool { !runs.isEmpty && diverged.count == runs.count }
    public var anyDiverged: Bool { !diverged.isEmpty }

    /// Groups runs by their full grid point, in grid order (the first run of each point decides).
    /// Runs of one point whose other settings differ (several sweeps, an edited sweep) are told
    /// apart by a leading "setting" value naming the difference, so repeats are seeds only.
    public static func group(_ runs: [RunRecord]) -> [PointGroup] {
        var order: [GridPoint] = []
        var byPoint: [GridPoint: [RunRecord]] = [:]
        let sorted = runs.sorted(by: RunRecord.gridOrder)
        let variants = SetupVariants.values(sorted)
        for run in sorted {
            let point = variants[run.runId].map { GridPoint([$0] + run.grid) } ?? run.point
            if byPoint[point] == nil { order.append(point) }
            byPoint[point, default: []].append(run)
        }
        return order.map { PointGroup(point: $0, runs: byPoint[$0] ?? []) }
    }
}

func mean(_ values: [Double]) -> Double? {
    let finite = values.filter(\.isFinite)
    return finite.isEmpty ? nil : finite.reduce(0, +) / Double(finite.count)
}

func standardDeviation(_ values: [Double]) -> Double? {
    let finite = values.filter(\.isFinite)
    guard finite.count > 1, let m = mean(finite) else { return nil }
    let squares = finite.reduce(0) { $0 + ($1 - m) * ($1 - m) }
    return (squares / Double(finite.count - 1)).squareRoot()
}
