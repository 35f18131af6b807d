import Datasets
import Diagnostics

/// Checks that need the loaded data, made for every run before anything trains, so a bad
/// setting fails with its location instead of after minutes of training.
enum RunCheck {
    /// Weights and biases of the largest model lrlab will build (about 1.2 GB with gradients and
    /// optimizer state in Float).
    static let maxParameters = 100_000_000

    static func check(_ spec: RunSpec, split: DataSplit) throws(InputError) {
        try checkModelSize(spec, split: split)
        try checkSteps(spec, split: split)
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
