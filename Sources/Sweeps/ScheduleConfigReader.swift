import Diagnostics
import Foundation
import Schedules

/// The `train.schedule` block of a sweep:
///
/// ```yaml
/// schedule: {library: keras, name: CosineDecay, params: {...}}   # a library's own terms
/// schedule: {from: configs/pipeline.config, params: {warmup_steps: 0}}   # a pipeline.config, optional overrides
///   unit: step        # step (default): one schedule step per update; epoch: one per epoch
///   budget: steps     # steps (default): as written; epochs: step counts × (updates per epoch
///                     # at B) / (updates per epoch at batch_size), so the schedule lasts as
///                     # many epochs at every batch size B of the grid
///   batch_size: 1024  # the batch size the schedule was written for (budget: epochs);
///                     # default: a pipeline.config's train_config.batch_size
/// ```
///
/// `train.learning_rate` and a schedule: PyTorch schedulers that multiply the optimizer's rate
/// (StepLR, CosineAnnealingLR, …) multiply `train.learning_rate`, as in PyTorch. Schedules
/// with their own rates (Keras, TF OD API, PyTorch OneCycleLR/CyclicLR, or any with
/// `optimizer_lr`) keep them, unless `train.learning_rate` is written (in the file, a grid or
/// `--set`): then every rate of the schedule is scaled so that its peak equals
/// `train.learning_rate` and its shape is kept. So a grid over `train.learning_rate` sweeps
/// the peak of the schedule.
enum ScheduleConfigReader {
    static let keys = ["library", "name", "params", "from", "unit", "budget", "batch_size"]

    struct Result {
        var spec: ScheduleSpec
        var unit: ScheduleUnit?
        /// Set with `budget: epochs`: the batch size the step counts were written for.
        var writtenFor: Int?
    }

    /// Reads `block["schedule"]` (nil when absent). `batchSize` is the run's (nil: full batch).
    static func read(_ block: [String: ConfigNode], batchSize: Int?) throws(InputError) -> Result? {
        guard let node = block["schedule"], !node.isNull else { return nil }
        var fields: [String: ConfigNode] = [:]
        for entry in try node.mapping(allowedKeys: keys) { fields[entry.key] = entry.value }
        var (spec, writtenFor) = try readSpec(node, fields)
        if let b = fields["batch_size"] {
            let value = try b.int()
            guard value >= 1 else { throw b.error("'train.schedule.batch_size' must be a positive integer, got \(value)") }
            writtenFor = value
        }
        var budgetBatch: Int?
        let unit = try fields["unit"].map { n throws(InputError) in try choice(n, ScheduleUnit.self) }
        if let budgetNode = fields["budget"], try choice(budgetNode, Budget.self) == .epochs {
            if unit == .epoch {
                throw budgetNode.error("'budget: epochs' is for schedules counted in steps; with 'unit: epoch' the schedule already lasts the same number of epochs at every batch size")
            }
            guard let from = writtenFor else {
                throw budgetNode.error("'budget: epochs' needs 'batch_size', the batch size the schedule's step counts were written for")
            }
            guard let batchSize else {
                throw budgetNode.error("'budget: epochs' needs a numeric train.batch_size, not 'all'")
            }
            // Checked here with B0/B; the trainer rescales exactly with the updates per epoch.
            _ = try rescale(spec, rate: 1, steps: Double(from) / Double(batchSize), at: budgetNode,
                            why: "kept in epochs for batch size \(batchSize)")
            budgetBatch = from
        }
        if let rateNode = block["learning_rate"], !spec.scalesOptimizerRate {
            let target = try rateNode.double()
            let peak = spec.makeSchedule().peak().learningRate
            guard peak > 0, peak.isFinite else {
                throw rateNode.error("'train.learning_rate' cannot rescale this schedule: its peak rate is \(peak)")
            }
            spec = try rescale(spec, rate: target / peak, steps: 1, at: rateNode, why: "scaled to peak at \(target)")
        }
        return Result(spec: spec, unit: unit == .step ? nil : unit, writtenFor: budgetBatch)
    }

    enum Budget: String, CaseIterable { case steps, epochs }

    /// The spec from `{library, name, params}` or `{from, params}`, and the batch size it was written for.
    static func readSpec(_ node: ConfigNode, _ fields: [String: ConfigNode]) throws(InputError) -> (ScheduleSpec, Int?) {
        guard let fromNode = fields["from"] else {
            guard let library = fields["library"] else { throw node.error("'train.schedule' needs 'library' and 'name', or 'from: path/to/pipeline.config'") }
            guard let name = fields["name"] else { throw node.error("'train.schedule' needs 'name', the schedule's class or message name") }
            return (try ScheduleSpec.parse(library: library, name: name, params: fields["params"], owner: node), nil)
        }
        for key in ["library", "name"] where fields[key] != nil {
            throw (fields[key] ?? node).error("'train.schedule' has 'from'; \(quoted(key)) comes from the pipeline.config and cannot be given too")
        }
        let path = resolve(try fromNode.string(), from: fromNode)
        let config: PipelineConfig
        do {
            config = try PipelineConfig.read(path: path)
        } catch {
            // A missing file is the sweep's problem; a bad config points into the config itself.
            throw error.location == nil ? fromNode.error(error.message) : error
        }
        var spec = config.schedule
        if let params = fields["params"] { spec = try spec.overriding(params) }
        return (spec, config.batchSize)
    }

    /// `path` relative to the sweep file's folder, or to the working directory for `--set` values.
    static func resolve(_ path: String, from node: ConfigNode) -> String {
        guard !path.hasPrefix("/") else { return path }
        guard !node.isFromCommandLine else { return path }
        return URL(fileURLWithPath: node.file).deletingLastPathComponent().appendingPathComponent(path).standardized.path
    }

    static func rescale(_ spec: ScheduleSpec, rate: Double, steps: Double, at node: ConfigNode,
                        why: String) throws(InputError) -> ScheduleSpec {
        do {
            return try spec.rescaled(rateFactor: rate, stepFactor: steps)
        } catch {
            throw node.error("the schedule \(why) is invalid: \(error.message)")
        }
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ node: ConfigNode, _ type: T.Type) throws(InputError) -> T where T.RawValue == String {
        let names = T.allCases.map(\.rawValue)
        let text = try node.string()
        guard let value = T(rawValue: text) else {
            throw node.error("\(node.name) must be one of \(names.joined(separator: ", ")), got \(quoted(text))",
                             suggestion: closestMatch(to: text, among: names))
        }
        return value
    }
}
