import Formatting
import Datasets
public import Diagnostics

/// Checks that need the loaded data, made for every run before anything trains, so a bad
/// setting fails with its location instead of after minutes of training.
enum RunCheck {
    /// Weights and biases of the largest model lrlab will build (about 1.2 GB with gradients and
    /// optimizer state in Float).
    static let maxParameters = 100_000_000

    /// The most problems listed at once (a bad setting shared by many runs fails each of them).
    static let maxProblems = 20

    /// Loads the data of every run in `specs` (each dataset once) and makes `check` for each run:
    /// everything `lrlab run` checks before it trains, shared by `lrlab validate`. Every problem
    /// found is reported (up to `maxProblems`). A problem of the split itself (no file to point
    /// at) is placed at the fraction it names, else at the `data` block.
    static func loadAndCheck(_ specs: [RunSpec], maxLoaded: Int = maxLoadedBytes) throws(InputError) -> [DataSpec: DataSplit] {
        var splits: [DataSpec: DataSplit] = [:]
        var failed: Set<DataSpec> = []
        var problems = InputErrorCollector()
        var loaded = 0
        for spec in specs where problems.errors.count < maxProblems {
            let data = spec.setup.data
            if splits[data] == nil, !failed.contains(data) {
                do throws(InputError) {
                    let split = try DataLoader.load(data)
                    let bytes = loadedBytes(split)
                    guard loaded + bytes <= maxLoaded else {
                        throw InputError("the sweep's data settings load \(splits.count + 1) datasets of \(NumberText.bytes(loaded + bytes)) together, more than the \(NumberText.bytes(maxLoaded)) lrlab holds at once; vary fewer data settings in one sweep",
                                         at: spec.locations["data"])
                    }
                    loaded += bytes
                    splits[data] = split
                } catch {
                    problems.record(placed(error, spec: spec))
                    failed.insert(data)
                }
            }
            if let split = splits[data] {
                problems.attempt { () throws(InputError) in try check(spec, split: split) }
            }
        }
        try problems.check()
        return splits
    }

    /// `error` at the place of the setting it is about, when it has no place of its own.
    static func placed(_ error: InputError, spec: RunSpec) -> InputError {
        guard error.location == nil else { return error }
        let keys = error.message.contains("validation_fraction") ? ["data.validation_fraction", "data.test_fraction"]
            : error.message.contains("test_fraction") ? ["data.test_fraction"] : []
        var located = error
        located.location = keys.lazy.compactMap { spec.locations[$0] }.first ?? spec.locations["data"]
        return located
    }

    static func check(_ spec: RunSpec, split: DataSplit) throws(InputError) {
        try checkModelSize(spec, split: split)
        try checkSteps(spec, split: split)
        try checkMemory(spec, split: split)
        try checkSchedule(spec, split: split)
    }

    /// Updates per epoch × epochs must stay within `RunPlan.maxPlannedSteps`.
    static func checkSteps(_ spec: RunSpec, split: DataSplit) throws(InputError) {
        let plan = RunPlan(spec.setup.train, trainCount: split.train.count)
        guard plan.plannedSteps > RunPlan.maxPlannedSteps else { return }
        let train = spec.setup.train
        throw InputError("\(train.epochs) epochs of \(plan.stepsPerEpoch) updates (\(split.train.count) examples at batch size \(plan.batchSize)) is more than 4,294,967,295 (2³² − 1) optimizer updates, the most lrlab plans for one run; train fewer epochs or use a larger batch size",
                         at: spec.locations["train.epochs"] ?? spec.locations["train.batch_size"] ?? spec.locations["train"])
    }

    static func checkModelSize(_ spec: RunSpec, split: DataSplit) throws(InputError) {
        var total = 0, fanIn = split.train.featureCount
        for width in spec.setup.model.hidden + [split.train.classCount] {
            let (weights, overflow) = fanIn.multipliedReportingOverflow(by: width)
            let (sum, overflow2) = total.addingReportingOverflow(weights &+ width)
            guard !overflow, !overflow2, sum <= maxParameters else {
                throw InputError("a model with hidden layers \(spec.setup.model.hidden) on \(split.train.featureCount) features has more than 100 million parameters, more than lrlab will train",
                                 at: spec.locations["model.hidden"] ?? spec.locations["model"])
            }
            total = sum
            fanIn = width
        }
    }

    /// The schedule must give a finite, non-negative rate at every step the run makes
    /// (PyTorch's OneCycleLR, for one, raises past its `total_steps`).
    static func checkSchedule(_ spec: RunSpec, split: DataSplit) throws(InputError) {
        guard let schedule = spec.setup.train.schedule, split.train.count > 0 else { return }
        let plan = RunPlan(spec.setup.train, trainCount: split.train.count)
        let (planned, stepsPerEpoch) = (plan.plannedSteps, plan.stepsPerEpoch)
        let rate = plan.learningRate()
        for step in 0..<planned {
            let value = rate(step)
            guard value.isFinite, value >= 0 else {
                throw InputError("\(schedule.name) gives no valid learning rate at step \(step) (\(value)), but this run makes \(planned) steps (\(spec.setup.train.epochs) epochs of \(stepsPerEpoch)); lengthen the schedule or train fewer epochs",
                                 at: spec.locations["train.schedule"] ?? spec.locations["train"])
            }
        }
    }
}

extension Sweep {
    /// Loads the data of every run and checks what needs it (see `RunCheck.loadAndCheck`), as
    /// `lrlab run` does before training: a sweep that passes trains without an input error.
    public func checkData() throws(InputError) {
        _ = try RunCheck.loadAndCheck(runs)
    }
}
