/// Picks at most `limit` of `total` steps, evenly spread, first and last included:
/// the k-th kept step is `round(k · (total − 1) / (limit − 1))`; all steps when `total ≤ limit`.
struct StepSampler {
    let total: Int
    let limit: Int
    private var k = 0

    init(total: Int, limit: Int = TrainingOutcome.maxStepRecords) {
        precondition(limit >= 2)
        self.total = total
        self.limit = limit
    }

    private func target(_ k: Int) -> Int {
        guard total > limit else { return k }
        // round-half-up of k(total−1)/(limit−1) in integers
        return (2 * k * (total - 1) + (limit - 1)) / (2 * (limit - 1))
    }

    /// Whether `step` (called with 0, 1, 2, … in order) is kept.
    mutating func keeps(_ step: Int) -> Bool {
        guard k < limit, step == target(k) else { return false }
        k += 1
        return true
    }
}
