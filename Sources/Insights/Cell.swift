import Results

/// The runs of one (batch size, learning rate, schedule) combination: repeats of the same point.
public struct Cell: Sendable {
    public var batchSize: Int
    public var learningRate: Double
    public var schedule: String
    public var runs: [RunRecord]

    /// Mean over the cell's runs of their final test accuracy (diverged runs count with the evaluation at divergence).
    public var finalTestAccuracy: Double? { mean(runs.compactMap(\.finalTestAccuracy)) }
    public var bestTestAccuracy: Double? { mean(runs.compactMap(\.bestTestAccuracy)) }
    public var diverged: [RunRecord] { runs.filter { $0.status == .diverged } }
    public var allDiverged: Bool { !runs.isEmpty && diverged.count == runs.count }

    /// Groups runs by batch size, learning rate and schedule, sorted by batch size then rate.
    public static func group(_ runs: [RunRecord]) -> [Cell] {
        var cells: [Cell] = []
        for run in runs {
            let s = run.setup
            if let i = cells.firstIndex(where: { $0.batchSize == s.batchSize && $0.learningRate == s.learningRate && $0.schedule == s.schedule }) {
                cells[i].runs.append(run)
            } else {
                cells.append(Cell(batchSize: s.batchSize, learningRate: s.learningRate, schedule: s.schedule, runs: [run]))
            }
        }
        return cells.sorted { ($0.batchSize, $0.learningRate, $0.schedule) < ($1.batchSize, $1.learningRate, $1.schedule) }
    }
}

func mean(_ values: [Double]) -> Double? {
    let finite = values.filter(\.isFinite)
    return finite.isEmpty ? nil : finite.reduce(0, +) / Double(finite.count)
}
