import Formatting
public import Results

/// Seeds treated statistically (with at least `minimumRepeats` repeats): every point's mean
/// selection accuracy (`RunRecord.selectionAccuracy`, what "best" is chosen on) with its 95%
/// Student-t interval, and a paired comparison of the best point against the runner-up over
/// the seeds they share — repeat i of every point trains from the same seed, so the seeds pair by
/// `repeatIndex` and the seed-to-seed variation common to both cancels.
public struct SeedStatistics: Sendable {
    /// Repeats needed for intervals and the paired comparison.
    public static let minimumRepeats = 3

    /// One grid point.
    public struct Row: Sendable {
        public var point: GridPoint
        /// Its runs with a selection accuracy, in repeat order.
        public var runs: [String]
        /// Mean, standard deviation, count and (`interval95`) the 95% t-interval of the mean.
        public var accuracy: SeedMean
    }

    /// The best point against the runner-up, seed by seed.
    public struct PairedComparison: Sendable {
        public var best: GridPoint
        public var runnerUp: GridPoint
        /// The paired runs of both points (best first, then runner-up, in repeat order).
        public var runs: [String]
        /// Seeds both points have; in how many the best point was ahead, tied or behind.
        public var pairs: Int
        public var wins: Int
        public var ties: Int
        /// Best − runner-up accuracy, per pair averaged, with its 95% t-interval (nil with one pair).
        public var difference: SeedMean
        /// Whether the interval excludes 0: the difference is more than seed noise.
        public var distinguishable: Bool {
            guard let i = difference.interval95 else { return false }
            return i.lowerBound > 0 || i.upperBound < 0
        }
    }

    /// Every point with a selection accuracy, in grid order.
    public var rows: [Row]
    public var comparison: PairedComparison?
    /// Whether the accuracy is validation accuracy (else test).
    public var usesValidation: Bool

    /// The statistics of `groups`; nil when no point has `minimumRepeats` seeds.
    public static func measure(groups: [PointGroup]) -> SeedStatistics? {
        guard groups.contains(where: { $0.runs.count >= minimumRepeats }) else { return nil }
        let rows = groups.compactMap { g -> Row? in
            let scored = g.runs.filter { $0.selectionAccuracy?.isFinite == true }
            guard let m = SeedMean(scored.compactMap(\.selectionAccuracy)) else { return nil }
            return Row(point: g.point, runs: scored.map(\.runId), accuracy: m)
        }
        guard !rows.isEmpty else { return nil }
        return SeedStatistics(rows: rows, comparison: compare(groups), usesValidation: Noise(groups).usesValidation)
    }

    /// The best point (the first, on a tie) against the next by mean selection accuracy.
    static func compare(_ groups: [PointGroup]) -> PairedComparison? {
        guard let best = Analysis.bestPoints(groups).first else { return nil }
        let others = groups.filter { $0.point != best.point && $0.selection != nil }
        guard let runnerUp = others.max(by: { ($0.selection ?? 0) < ($1.selection ?? 0) }) else { return nil }
        func byRepeat(_ g: PointGroup) -> [Int: RunRecord] {
            var out: [Int: RunRecord] = [:]
            for run in g.runs where run.selectionAccuracy?.isFinite == true && out[run.repeatIndex] == nil {
                out[run.repeatIndex] = run
            }
            return out
        }
        let a = byRepeat(best), b = byRepeat(runnerUp)
        let shared = a.keys.filter { b[$0] != nil }.sorted()
        var diffs: [Double] = []
        var ids: [String] = [], otherIds: [String] = []
        for r in shared {
            guard let x = a[r], let y = b[r], let ax = x.selectionAccuracy, let ay = y.selectionAccuracy else { continue }
            diffs.append(ax - ay)
            ids.append(x.runId)
            otherIds.append(y.runId)
        }
        guard let difference = SeedMean(diffs) else { return nil }
        return PairedComparison(best: best.point, runnerUp: runnerUp.point, runs: ids + otherIds, pairs: diffs.count,
                                wins: diffs.filter { $0 > 0 }.count, ties: diffs.filter { $0 == 0 }.count,
                                difference: difference)
    }

    /// "96.3% (95% CI 95.8–96.8, 5 seeds)".
    public static func intervalText(_ m: SeedMean) -> String {
        var text = NumberText.percent(m.mean)
        if let i = m.interval95 { text += " (95% CI " + range(i.lowerBound * 100, i.upperBound * 100) + ", \(m.count) seeds)" }
        return text
    }

    /// "0.3–1.3", or "−0.2 to 1.3" when a bound is negative (a dash would read as a minus).
    static func range(_ lo: Double, _ hi: Double) -> String {
        let a = formatFixed(lo, decimals: 1), b = formatFixed(hi, decimals: 1)
        return lo < 0 || hi < 0 ? a + " to " + b : a + "–" + b
    }

    /// The sentences the `seeds` finding adds: the best and runner-up means with their intervals
    /// and the paired comparison in words.
    var sentences: String {
        let set = usesValidation ? "validation" : "test"
        func name(_ p: GridPoint) -> String { p.label.isEmpty ? "the run" : p.label }
        guard let c = comparison,
              let best = rows.first(where: { $0.point == c.best }), let next = rows.first(where: { $0.point == c.runnerUp }) else {
            // One point (or nothing to pair): its interval alone.
            guard rows.count == 1, let only = rows.first, only.accuracy.interval95 != nil else { return "" }
            return "Mean final \(set) accuracy with a 95% t-interval: \(name(only.point)) \(Self.intervalText(only.accuracy))."
        }
        var text = "Mean final \(set) accuracy with 95% t-intervals: \(name(c.best)) \(Self.intervalText(best.accuracy)), \(name(c.runnerUp)) \(Self.intervalText(next.accuracy))."
        let d = c.difference
        let sign = d.mean >= 0 ? "+" : ""
        text += " Paired by seed, \(name(c.best)) beat \(difference(c.runnerUp, from: c.best)) in \(c.wins) of \(c.pairs) seeds"
        if c.ties > 0 { text += " (\(c.ties) tied)" }
        text += " (mean \(sign)\(formatFixed(d.mean * 100, decimals: 1)) points"
        if let i = d.interval95 {
            text += ", 95% CI " + Self.range(i.lowerBound * 100, i.upperBound * 100) + ")"
            text += c.distinguishable ? ": more than seed noise." : ": not distinguishable from seed noise."
        } else {
            text += "; one shared seed gives no interval)."
        }
        return text
    }
}
