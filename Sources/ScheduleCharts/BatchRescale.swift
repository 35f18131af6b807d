import Diagnostics
import Formatting
import Foundation
import Schedules

/// `--batch-size B --from-batch-size B0 --rule linear|sqrt|none`: a schedule written for batch
/// size B0 rewritten for batch size B. Rates are multiplied by B/B0 (linear), √(B/B0) (sqrt)
/// or 1 (none); step counts by B0/B, so every phase covers the same number of examples.
public struct BatchRescale: Sendable, Equatable {
    public enum Rule: String, Sendable, CaseIterable {
        case linear, sqrt, none
    }

    public var batchSize: Int
    /// nil: the file's own batch size (a pipeline.config's `train_config.batch_size`).
    public var fromBatchSize: Int?
    public var rule: Rule

    public init(batchSize: Int, fromBatchSize: Int? = nil, rule: Rule = .linear) {
        self.batchSize = batchSize
        self.fromBatchSize = fromBatchSize
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

    /// `source` rewritten for `batchSize`; `num_steps` is scaled like the schedule's step counts.
    public func apply(to source: ScheduleSource) throws(InputError) -> ScheduleSource {
        guard batchSize >= 1 else { throw InputError("--batch-size must be at least 1, got \(batchSize)") }
        guard let from = fromBatchSize ?? source.batchSize else {
            throw InputError("--batch-size needs --from-batch-size: '\(source.path)' does not say which batch size its schedule was written for")
        }
        guard from >= 1 else { throw InputError("--from-batch-size must be at least 1, got \(from)") }
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
        result.numSteps = source.numSteps.map { max(1, Int((Double($0) * steps).rounded())) }
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
