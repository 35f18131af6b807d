public import ArgumentParser
import Diagnostics
import ScheduleCharts
import Schedules

/// `--batch-size B [--from-batch-size B0] [--rule linear|sqrt|none]` of `lrlab schedule`: each
/// schedule rewritten for batch size B (see `BatchRescale`).
struct BatchRescaleOptions: ParsableArguments {
    @Option(name: .customLong("batch-size"), help: "Rescale the schedule for this batch size.")
    var batchSize: String?

    @Option(name: .customLong("from-batch-size"), help: "The batch size the schedule was written for (default: the file's).")
    var fromBatchSize: String?

    @Option(help: "How rates follow the batch size: linear | sqrt | none (default linear).")
    var rule: ChoiceText<BatchRescale.Rule>?

    func validate() throws {
        try reportingErrors { _ = try rescale() }
    }

    /// The rescale asked for, nil without `--batch-size`; the flags are checked in the order given.
    func rescale() throws(InputError) -> BatchRescale? {
        let target = try Self.count(batchSize, "--batch-size")
        let from = try Self.count(fromBatchSize, "--from-batch-size")
        let rule = try self.rule?.choice(for: "--rule")
        guard let target else {
            if from != nil || rule != nil { throw InputError("--from-batch-size and --rule need --batch-size") }
            return nil
        }
        return BatchRescale(batchSize: target, rule: rule ?? .linear)
    }

    /// `source` rewritten for `--batch-size`, from `--from-batch-size` or else the file's own
    /// batch size; unchanged without `--batch-size`.
    func apply(to source: ScheduleSource) throws(InputError) -> ScheduleSource {
        guard let rescale = try rescale() else { return source }
        guard let from = try Self.count(fromBatchSize, "--from-batch-size") ?? source.batchSize else {
            throw InputError("--batch-size needs --from-batch-size: '\(source.path)' does not say which batch size its schedule was written for")
        }
        // A pipeline.config may say `batch_size: 0`.
        guard from >= 1 else { throw InputError("--from-batch-size must be at least 1, got \(from)") }
        return try rescale.apply(to: source, from: from)
    }

    /// A positive whole number given for `option`, nil when the option is not given.
    static func count(_ text: String?, _ option: String) throws(InputError) -> Int? {
        guard let text else { return nil }
        guard let n = Int(text), n >= 1 else { throw InputError("\(option) must be a positive integer, got '\(text)'") }
        return n
    }
}

/// `--rule linear|sqrt|none`.
extension BatchRescale.Rule: ExpressibleByArgument {}
