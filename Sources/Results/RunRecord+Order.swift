extension RunRecord {
    /// Grid order, as the sweep lists its runs: by sweep, then grid point, then repeat.
    public static func gridOrder(_ a: RunRecord, _ b: RunRecord) -> Bool {
        (a.sweep.name, a.gridIndex, a.repeatIndex, a.runId) < (b.sweep.name, b.gridIndex, b.repeatIndex, b.runId)
    }
}
