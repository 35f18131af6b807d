public import Diagnostics
import Formatting
import Foundation
public import Schedules

/// A schedule written for batch size B0 rewritten for batch size B (`lrlab schedule
/// --batch-size`). Rates are multiplied by B/B0 (linear), √(B/B0) (sqrt) or 1 (none); step
/// counts by B0/B, so every phase covers the same number of examples.
public struct BatchRescale: Sendable, Equatable {
    /// How rates follow the batch size.
    public enum Rule: String, Sendable, CaseIterable {
        case linear, sqrt, none
    }

    /// The batch size to rewrite the schedule for (at least 1).
    public var batchSize: Int
    /// How rates follow the batch size (step counts always follow it linearly).
    public var rule: Rule

    /// A rescale to `batchSize` (at least 1) by `rule`.
    public init(batchSize: Int, rule: Rule = .linear) {
        self.batchSize = batchSize
        self.rule = rule
    }

    /// The rate multiplier for going from `from` to `batchSize`.
    public func rateFactor(from: Int) -> Double {
        let ratio = Double(batchSize) / Double(from)
        switch rule {
        case .linear: return ratio
        case .sqrt: return ratio.squareRoot()
        case .none: return 1
        }
    }

    /// `source`, written for batch size `from`, rewritten for `batchSize`; `num_steps` is scaled
    /// like the schedule's step counts, and `rescaleNote` says what was done.
    public func apply(to source: ScheduleSource, from: Int) throws(InputError) -> ScheduleSource {
        guard batchSize >= 1, from >= 1 else {
            throw InputError("batch sizes must be at least 1, got \(from) → \(batchSize)")
        }
        let rate = rateFactor(from: from), steps = Double(from) / Double(batchSize)
        var result = source
        var spec = source.spec
        if spec.scalesOptimizerRate {
            // The curve multiplies the optimizer's rate (1 when not given): scale that rate.
            spec.params["optimizer_lr"] = .number(spec.params["optimizer_lr"]?.doubleValue ?? 1)
        }
        do {
            result.spec = try spec.rescaled(rateFactor: rate, stepFactor: steps)
        } catch {
            throw InputError("rescaled for batch size \(batchSize), the schedule of '\(source.path)' is invalid: \(error.message)")
        }
        // As the schedule's own step counts: rounded, at least 1, at most 2³² − 1.
        result.numSteps = source.numSteps.map { n in
            let scaled = (Double(n) * steps).rounded()
            return scaled.isFinite ? Int(min(max(scaled, 1), 4_294_967_295)) : 4_294_967_295
        }
        result.batchSize = batchSize
        result.batchSizeWritten = true
        let ruleText = rule == .none ? "rates kept" : "\(rule.rawValue) rule: rates ×\(shortFactor(rate))"
        result.rescaleNote = "rescaled from batch \(from) to \(batchSize) (\(ruleText), step counts ×\(shortFactor(steps)))"
        return result
    }

    private func shortFactor(_ x: Double) -> String {
        NumberText.learningRate((x * 1e4).rounded() / 1e4)
    }
}
