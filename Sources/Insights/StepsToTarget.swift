import Formatting
import Foundation
public import Results

/// Optimizer steps and training examples to a target test accuracy by batch size (Shallue et
/// al. 2018, "Measuring the Effects of Data Parallelism on Neural Network Training"): per batch
/// size the fewest steps any of its points (rates, other keys) needed, and how the steps fall
/// from one batch size to the next — perfect scaling (steps ∝ 1/batch), diminishing returns, or
/// no further gain.
///
/// Steps are read from the per-epoch history: the first epoch whose test accuracy, as the mean
/// over the point's seeds, reaches the target, times the steps per epoch. A count is therefore
/// exact to within one epoch (an upper bound). Points with a diverged seed do not count: a rate
/// that diverges on some seeds is no way to reach the target.
public struct StepsToTarget: Sendable {
    /// How the steps fell from one batch size to the next larger one.
    public enum Regime: String, Sendable, CaseIterable {
        /// Steps fell about as fast as the batch grew: scaling exponent ≥ `perfectExponent`.
        case perfectScaling = "perfect scaling"
        /// Steps fell, but more slowly than the batch grew.
        case diminishingReturns = "diminishing returns"
        /// Steps fell by less than `noGainExponent` on the log–log scale, or rose.
        case noFurtherGain = "no further gain"
    }

    /// The scaling exponent e = ln(steps ratio) / ln(batch ratio) at and above which a step between
    /// batch sizes is perfect scaling: for a doubling, steps fall at least ×1.74 (1 would be
    /// exactly ∝ 1/batch). The tolerance covers the one-epoch resolution of the counts.
    public static let perfectExponent = 0.8
    /// Below this exponent there is no further gain: for a doubling, steps fall by less than 10%.
    public static let noGainExponent = 0.15

    /// One batch size's fastest point.
    public struct Row: Sendable {
        public var batch: GridValue?
        public var batchSize: Int
        /// "batch 64", "the full batch (1,438)".
        public var batchLabel: String
        /// The fastest point and its finished runs; nil and empty when no point reached the target.
        public var point: GridPoint?
        public var runs: [String]
        /// The point's learning rate (the setup's base rate).
        public var learningRate: Double?
        /// First epoch, optimizer steps and training examples at which the mean test accuracy reached the target.
        public var epochs: Int?
        public var steps: Int?
        public var examples: Int?

        public var reached: Bool { steps != nil }
    }

    /// From one batch size to the next larger one that reached the target.
    public struct Transition: Sendable {
        public var smallerBatch: Int
        public var largerBatch: Int
        /// larger / smaller batch size, and smaller / larger steps (the speed-up).
        public var batchRatio: Double
        public var stepRatio: Double
        /// ln(stepRatio) / ln(batchRatio): 1 for perfect scaling, 0 for none.
        public var exponent: Double
        public var regime: Regime
    }

    /// A least-squares fit of steps = S_min · (1 + B_crit / B) (McCandlish et al. 2018, eq. 2.11)
    /// over the batch sizes that reached the target.
    public enum Fit: Sendable, Equatable {
        /// The steps level off: S_min and B_crit.
        case critical(minimumSteps: Double, batch: Double)
        /// The steps fall at least as fast as 1/B throughout: B_crit lies above the grid.
        case aboveGrid
        /// The steps do not fall with the batch: B_crit lies below the grid.
        case belowGrid
    }

    /// The test accuracy to reach (a fraction).
    public var target: Double
    /// Whether the target was given (`report.target_accuracy`, or by the caller); else `defaultTarget` chose it.
    public var targetFromSweep: Bool
    /// One row per batch size, smallest first.
    public var rows: [Row]
    /// Between consecutive batch sizes that reached the target.
    public var transitions: [Transition]

    /// The largest batch size that still cut the steps: walking up the batch sizes that reached
    /// the target, a batch counts when its steps are clearly below the fewest of every smaller
    /// batch — below them by more than no-further-gain would allow for the batch ratio between
    /// them (steps ≤ best · (B / B_best)^−`noGainExponent`). A noisy dip in between (one batch
    /// that gained nothing, the next that gained again) does not end the walk. Nil when fewer
    /// than two batch sizes reached the target.
    public var largestHelpfulBatch: Int? {
        let reached = rows.filter { ($0.steps ?? 0) > 0 }
        guard reached.count >= 2, let first = reached.first, var bestSteps = first.steps.map(Double.init) else { return nil }
        var bestBatch = Double(first.batchSize)
        var largest = first.batchSize
        for row in reached.dropFirst() {
            guard let steps = row.steps.map(Double.init), row.batchSize > 0 else { continue }
            let ratio = Double(row.batchSize) / bestBatch
            if ratio > 1, steps <= bestSteps * pow(ratio, -Self.noGainExponent) {
                largest = row.batchSize
                bestSteps = steps
                bestBatch = Double(row.batchSize)
            }
        }
        return largest
    }

    /// The steps at `batchSize` if they fell ∝ 1/batch from the smallest batch size that
    /// reached the target: the perfect-scaling line of the log–log chart.
    public func perfectScalingSteps(batchSize: Int) -> Double? {
        guard let base = rows.first(where: \.reached), let steps = base.steps, batchSize > 0 else { return nil }
        return Double(steps) * Double(base.batchSize) / Double(batchSize)
    }

    /// The fit of steps against 1/batch; nil with fewer than two batch sizes reached.
    public var fit: Fit? {
        let points = rows.compactMap { r in r.steps.map { (1 / Double(r.batchSize), Double($0)) } }
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let mx = points.reduce(0) { $0 + $1.0 } / n, my = points.reduce(0) { $0 + $1.1 } / n
        let sxx = points.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
        guard sxx > 0 else { return nil }
        let slope = points.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
        let intercept = my - slope * mx
        if slope <= 0 { return .belowGrid }
        if intercept <= 0 { return .aboveGrid }
        return .critical(minimumSteps: intercept, batch: slope / intercept)
    }

    /// The steps to the target of `groups`: to `target` when given, else the sweep's
    /// `report.target_accuracy`, else `defaultTarget`. Nil without a target or a finished run.
    public static func measure(groups: [PointGroup], target: Double? = nil) -> StepsToTarget? {
        let sweepTarget = groups.lazy.flatMap(\.runs).compactMap(\.sweep.targetAccuracy).first
        guard let goal = target ?? sweepTarget ?? defaultTarget(groups), goal > 0, goal.isFinite else { return nil }
        var rows: [Row] = []
        for bucket in BatchBucket.split(groups) {
            var row = Row(batch: bucket.value, batchSize: bucket.batchSize, batchLabel: bucket.label, point: nil, runs: [])
            var fastest: (group: PointGroup, epoch: Int, steps: Int, examples: Int)?
            for group in bucket.groups where !group.anyDiverged {
                let runs = finishedRuns(group)
                guard let run = runs.first,
                      let epoch = meanCurve(runs, { $0.testAccuracy }).first(where: { $0.value >= goal - 1e-12 })?.epoch else { continue }
                let (steps, overflow) = epoch.multipliedReportingOverflow(by: run.setup.stepsPerEpoch)
                let (examples, overflow2) = epoch.multipliedReportingOverflow(by: examplesPerEpoch(run))
                guard !overflow, !overflow2 else { continue }
                if let f = fastest {
                    let faster = steps < f.steps || (steps == f.steps && (group.selection ?? 0) > (f.group.selection ?? 0))
                    guard faster else { continue }
                }
                fastest = (group, epoch, steps, examples)
            }
            if let f = fastest {
                row.point = f.group.point
                row.runs = finishedRuns(f.group).map(\.runId)
                row.learningRate = f.group.runs.first?.setup.learningRate
                row.epochs = f.epoch
                row.steps = f.steps
                row.examples = f.examples
            }
            rows.append(row)
        }
        guard !rows.isEmpty else { return nil }
        rows.sort { $0.batchSize < $1.batchSize }
        let reached = rows.filter(\.reached)
        let transitions = zip(reached, reached.dropFirst()).compactMap { a, b -> Transition? in
            guard let sa = a.steps, let sb = b.steps, sa > 0, sb > 0, b.batchSize > a.batchSize else { return nil }
            let batchRatio = Double(b.batchSize) / Double(a.batchSize)
            let stepRatio = Double(sa) / Double(sb)
            let exponent = log(stepRatio) / log(batchRatio)
            let regime: Regime = exponent >= perfectExponent ? .perfectScaling
                : exponent < noGainExponent ? .noFurtherGain : .diminishingReturns
            return Transition(smallerBatch: a.batchSize, largerBatch: b.batchSize, batchRatio: batchRatio,
                              stepRatio: stepRatio, exponent: exponent, regime: regime)
        }
        return StepsToTarget(target: goal, targetFromSweep: (target ?? sweepTarget) != nil,
                             rows: rows, transitions: transitions)
    }

    /// The target when the sweep sets none: the highest whole percent of test accuracy that every
    /// batch size's best point (`BatchBucket.best`) reaches — the lowest of their peak mean
    /// test accuracies over the epochs, rounded down to a whole percent — so that every batch
    /// size has a count to compare. Nil when no best point has a curve or the lowest peak is under 1%.
    public static func defaultTarget(_ groups: [PointGroup]) -> Double? {
        let peaks = BatchBucket.split(groups).compactMap { bucket -> Double? in
            guard let best = bucket.best else { return nil }
            return meanCurve(finishedRuns(best), { $0.testAccuracy }).map(\.value).max()
        }
        guard let lowest = peaks.min() else { return nil }
        // Rounded down in whole percent, with room for the binary representation (0.97 stays 97%).
        let percent = (lowest * 100 + 1e-9).rounded(.down)
        return percent >= 1 ? percent / 100 : nil
    }

    /// Examples one epoch consumed: the run's examples seen over its epochs when it recorded
    /// them, else the training-set size (every epoch passes over it once).
    static func examplesPerEpoch(_ run: RunRecord) -> Int {
        if let seen = run.examplesSeen, run.status == .finished, !run.history.isEmpty, seen > 0,
           seen % run.history.count == 0 {
            return seen / run.history.count
        }
        return run.setup.trainCount
    }

    /// The target as the finding, the chart and the table write it: "90%", "97.5%" (a whole
    /// percent without decimals, allowing for the binary representation of 0.57).
    public var targetText: String {
        let percent = target * 100
        return NumberText.percent(target, decimals: abs(percent - percent.rounded()) < 1e-9 ? 0 : 1)
    }

    /// The `steps-to-target` finding: per batch size the fewest steps and examples and at which
    /// rate, the regimes between batch sizes and the largest batch that still helps.
    public var finding: Finding {
        let goal = targetText
        var text = "Steps to \(goal) test accuracy"
        text += targetFromSweep ? " (the sweep's target)"
            : " (a target chosen from the results: the highest whole percent every batch size's best point reaches; set report.target_accuracy to choose another)"
        let reached = rows.filter(\.reached)
        let one = rows.count == 1
        let parts = reached.compactMap { row -> String? in
            guard let steps = row.steps, let epochs = row.epochs, let examples = row.examples else { return nil }
            var text = one ? "" : row.batchLabel + " needed "
            text += "\(NumberText.count(steps)) steps (\(epochs) epoch\(epochs == 1 ? "" : "s"), \(NumberText.count(examples)) examples"
            let rest = (one ? row.point?.label : row.point?.removing(GridAxis.batchKey).label) ?? ""
            if !rest.isEmpty { text += ", " + rest }
            return text + ")"
        }
        if parts.isEmpty {
            text += ": no point got there."
        } else {
            text += ", at each batch size's fastest point: " + Analysis.list(parts) + "."
        }
        let missed = rows.filter { !$0.reached }.map(\.batchLabel)
        if !missed.isEmpty, !parts.isEmpty { text += " Never reached at " + Analysis.list(missed, separator: ", ") + "." }
        if !transitions.isEmpty {
            let steps = transitions.map { t in
                "from batch \(t.smallerBatch) to \(t.largerBatch) (×\(ratio(t.batchRatio))) the steps fell ×\(ratio(t.stepRatio)): \(t.regime.rawValue)"
            }
            text += " " + capitalized(Analysis.list(steps)) + "."
            if let largest = largestHelpfulBatch {
                let top = reached.last?.batchSize
                text += largest == top
                    ? " The largest batch tried that reached the target, \(largest), still cut the steps."
                    : " The largest batch that still cut the steps is \(largest)."
            }
        }
        if let early = reached.first(where: { $0.epochs == 1 }) {
            text += " \(capitalized(early.batchLabel)) got there within its first epoch: its count is an upper bound (steps are read at the end of each epoch)."
        }
        return Finding(kind: .stepsToTarget, headline: "Steps to target", text: text, runs: reached.flatMap(\.runs))
    }

    /// "3.8", "4", "16": a ratio with one decimal below 10 unless whole, whole above.
    func ratio(_ value: Double) -> String {
        let whole = value >= 9.95 || abs(value - value.rounded()) < 1e-9
        return formatFixed(value, decimals: whole ? 0 : 1)
    }

    func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
