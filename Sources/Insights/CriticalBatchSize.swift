import Formatting
import Foundation
public import Results

/// The critical batch size from the gradient noise scale (McCandlish et al. 2018, "An Empirical
/// Model of Large-Batch Training"): per batch size, B_simple = tr(Σ)/|G|² over training from the
/// runs' `NoiseSample`s (`NoiseScale.overTraining`, population = the training-set size), and
/// how it compares with the critical batch size the measured steps to target show.
///
/// Each batch size is read at its best point (`BatchBucket.best`), its finished seeds' samples
/// pooled: seeds share the weights' trajectory in distribution, and B_simple is a ratio of
/// averages that needs many samples. The noise scale is a property of the problem at a given
/// loss, not of the batch that trains it, so the batch sizes should agree where their losses do.
public struct CriticalBatchSize: Sendable {
    /// B_simple over one stretch of training.
    public struct Window: Sendable {
        /// First and last update of the samples averaged, and their middle.
        public var firstStep: Int
        public var lastStep: Int
        public var step: Double { (Double(firstStep) + Double(lastStep)) / 2 }
        /// Training examples seen at the middle step (step × batch size).
        public var examples: Double
        public var samples: Int
        /// B_simple; nil when the mean estimate of |G|² was not positive (noise swamps the signal).
        public var simple: Double?
        /// Mean minibatch training loss logged in the stretch (the runs' step logs); nil without entries.
        public var loss: Double?
    }

    /// One batch size's B_simple over training: the series of a chart (step or examples → B_simple).
    public struct Series: Sendable {
        public var batch: GridValue?
        public var batchSize: Int
        /// "batch 64", "the full batch (1,438)".
        public var batchLabel: String
        /// The best point whose runs' samples are pooled, and those runs.
        public var point: GridPoint
        public var runs: [String]
        /// In step order.
        public var windows: [Window]

        /// The first and last windows with a value: B_simple early and late in training.
        public var early: Window? { windows.first { $0.simple != nil } }
        public var late: Window? { windows.last { $0.simple != nil } }
        /// Whether B_simple was estimated in two different stretches of training (else early and
        /// late are one and the same estimate, which says nothing of a trend).
        public var hasTrend: Bool {
            guard let e = early, let l = late else { return false }
            return e.firstStep != l.firstStep
        }
    }

    /// A measured critical batch size within this factor of the range B_simple spans over
    /// training is consistent with it: B_simple equals the critical batch size only when the
    /// loss's Hessian is a multiple of the identity (McCandlish et al. §2.2; their measurements
    /// agree to a small factor), and steps are counted to within one epoch.
    public static let consistencyFactor = 3.0
    /// B_simple grows (falls) over training when its late value is this many times its early one.
    public static let growthFactor = 1.5

    /// One series per batch size with noise samples, smallest batch first.
    public var series: [Series]
    /// The steps-to-target result compared with.
    public var stepsToTarget: StepsToTarget?

    /// The noise scale of `groups`, split into up to `windows` stretches per batch size (fewer with
    /// few samples: about 20 samples a stretch). `stepsToTarget` defaults to
    /// `StepsToTarget.measure(groups:)`. Nil when no finished run recorded a noise sample.
    public static func measure(groups: [PointGroup], stepsToTarget: StepsToTarget? = nil, windows: Int = 8) -> CriticalBatchSize? {
        var series: [Series] = []
        for bucket in BatchBucket.split(groups) {
            guard let best = bucket.best else { continue }
            let runs = finishedRuns(best).filter { !($0.noise ?? []).isEmpty }
            guard let population = runs.first?.setup.trainCount else { continue }
            let samples = runs.flatMap { $0.noise ?? [] }
            let parts = samples.count >= 10 ? min(max(windows, 1), max(2, samples.count / 20)) : 1
            let estimates = NoiseScale.overTraining(samples, population: population, windows: parts)
            guard !estimates.isEmpty else { continue }
            let logged = runs.flatMap(\.steps)
            let list = estimates.map { e -> Window in
                let inside = logged.filter { $0.step >= e.firstStep && $0.step <= e.lastStep && $0.loss.isFinite }.map(\.loss)
                let middle = (Double(e.firstStep) + Double(e.lastStep)) / 2
                return Window(firstStep: e.firstStep, lastStep: e.lastStep, examples: middle * Double(bucket.batchSize),
                              samples: e.samples, simple: e.simple,
                              loss: inside.isEmpty ? nil : inside.reduce(0, +) / Double(inside.count))
            }
            series.append(Series(batch: bucket.value, batchSize: bucket.batchSize, batchLabel: bucket.label,
                                 point: best.point, runs: runs.map(\.runId), windows: list))
        }
        guard !series.isEmpty else { return nil }
        series.sort { $0.batchSize < $1.batchSize }
        return CriticalBatchSize(series: series, stepsToTarget: stepsToTarget ?? StepsToTarget.measure(groups: groups))
    }

    /// The medians over batch sizes of B_simple early and late in training; nil without a value.
    /// Only batch sizes estimated in two different stretches count (`Series.hasTrend`).
    public var earlyAndLate: (early: Double, late: Double)? {
        let trending = series.filter(\.hasTrend)
        let early = trending.compactMap { $0.early?.simple }.sorted()
        let late = trending.compactMap { $0.late?.simple }.sorted()
        guard let e = median(early), let l = median(late) else { return nil }
        return (e, l)
    }

    /// Whether the steps-to-target measurement agrees with the noise scale: true or false with
    /// the reason in words, nil when there is nothing to compare (no fit or no B_simple).
    public var consistency: (consistent: Bool, text: String)? {
        guard let steps = stepsToTarget, let fit = steps.fit, let (early, late) = earlyAndLate else { return nil }
        let lo = min(early, late), hi = max(early, late)
        let reached = steps.rows.filter(\.reached).map(\.batchSize)
        guard let smallest = reached.first, let largest = reached.last else { return nil }
        let goal = steps.targetText
        var measured: String
        if let helpful = steps.largestHelpfulBatch, helpful < largest {
            measured = "the measured steps to \(goal) stopped falling past batch \(String(helpful))"
        } else {
            measured = "the measured steps to \(goal) still fell up to batch \(String(largest))"
        }
        let f = Self.consistencyFactor
        switch fit {
        case .critical(_, let batch):
            measured += " and fit steps = S_min·(1 + B_crit/B) with B_crit ≈ \(Self.approximate(batch))"
            if batch < lo / f { return (false, measured + ": inconsistent — well below B_simple; the target is reached early, where the noise scale is lower, or the rate grid is too coarse to find each batch size's fastest rate.") }
            if batch > hi * f { return (false, measured + ": inconsistent — well above B_simple; the noise scale may be underestimated by its small-batch probe, or the target lies beyond the end of the noise measurements.") }
            return (true, measured + ": consistent with B_simple (within a factor \(Self.approximate(f)) of its range over training).")
        case .aboveGrid:
            measured += ", about ∝ 1/B throughout (B_crit above the grid)"
            return hi * f >= Double(largest)
                ? (true, measured + ": consistent with B_simple reaching the largest batch tried.")
                : (false, measured + ": inconsistent — B_simple stays well below batch \(String(largest)), where the noise scale predicts diminishing returns.")
        case .belowGrid:
            measured += ", not at all from the smallest batch (B_crit below the grid)"
            return lo / f <= Double(smallest)
                ? (true, measured + ": consistent with a B_simple no larger than the smallest batch tried.")
                : (false, measured + ": inconsistent — B_simple is well above batch \(String(smallest)), where the noise scale predicts nearly perfect scaling.")
        }
    }

    /// The `critical-batch-size` finding: B_simple early and late per batch size, whether it grows
    /// as the loss falls, and the comparison with the measured steps to target.
    public var finding: Finding {
        let runs = series.flatMap(\.runs)
        let valued = series.filter { $0.late != nil }
        guard !valued.isEmpty else {
            return Finding(kind: .criticalBatchSize, headline: "Critical batch size",
                           text: "The gradient noise scale could not be estimated: over every stretch of training the noise swamped the mean gradient (the estimate of |G|² was not positive). More samples per run would separate them.",
                           runs: runs)
        }
        let one = series.count == 1
        let parts = valued.compactMap { s -> String? in
            guard let first = s.early?.simple, let last = s.late?.simple else { return nil }
            let where_ = one ? "" : s.batchLabel + " "
            guard s.hasTrend else { return where_ + "≈ \(Self.approximate(first)) (one stretch only)" }
            return where_ + "≈ \(Self.approximate(first)) → \(Self.approximate(last))"
        }
        var text = "Gradient noise scale B_simple = tr(Σ)/|G|² (McCandlish et al. 2018), early → late in training"
        text += one ? ": " : " at each batch size's best point: "
        text += Analysis.list(parts, separator: ", ") + "."
        guard let (early, late) = earlyAndLate else {
            text += " Too few samples to follow it over training: no batch size has estimates from two stretches."
            return Finding(kind: .criticalBatchSize, headline: "Critical batch size", text: text, runs: runs)
        }
        if late > early * Self.growthFactor {
            text += " It grows as the training loss falls"
            // The example quoted is a batch size whose own estimate grew, with its loss falling.
            if let s = valued.first(where: { s in
                   guard s.hasTrend, let a = s.early?.simple, let b = s.late?.simple, let la = s.early?.loss, let lb = s.late?.loss else { return false }
                   return b > a && lb < la
               }), let a = s.early?.loss, let b = s.late?.loss {
                text += " (loss \(NumberText.loss(a)) → \(NumberText.loss(b))\(one ? "" : " at " + s.batchLabel))"
            }
            text += ", as the paper predicts: a larger batch pays off later in training."
        } else if early > late * Self.growthFactor {
            text += " It falls over training, unlike the paper's runs, where it grows as the loss falls."
        } else {
            text += " It stays about level over training."
        }
        text += " B_simple reaches ≈ \(Self.approximate(late)) by the end\(one ? "" : " (median over batch sizes)")"
        if let c = consistency {
            text += "; " + c.text
        } else {
            text += ". There is no steps-to-target curve to compare with (at least two batch sizes must reach the target)."
        }
        return Finding(kind: .criticalBatchSize, headline: "Critical batch size", text: text, runs: runs)
    }

    /// Two significant digits: "450", "38", "4.2" (the finding's and the report table's B_simple).
    public static func approximate(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return formatFixed(value, decimals: 0) }
        let rounded = Analysis.roundedToTwoDigits(value)
        if rounded >= 10 { return formatFixed(rounded, decimals: 0, grouping: true) }
        // Through text, so that float noise (4.2000000000000002) never shows.
        return NumberText.learningRate(Double(String(format: "%.2g", value)) ?? rounded)
    }
}

/// The middle value of sorted `values` (the mean of the two middle ones for an even count).
func median(_ sorted: [Double]) -> Double? {
    guard !sorted.isEmpty else { return nil }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
