extension ScheduleSpec {
    /// The schedule's parameter names in the library's order (proto field order, Python signature order).
    public var parameterNames: [String] {
        ScheduleCatalog.entry(library: library, name: name)?.params.map(\.name) ?? params.keys.sorted()
    }

    /// The library's default for parameter `name`, nil when it is required or unknown.
    public func defaultValue(of parameter: String) -> ScheduleValue? {
        ScheduleCatalog.entry(library: library, name: name)?.params.first { $0.name == parameter }?.defaultValue
    }

    /// Whether the curve depends on the optimizer's learning rate (PyTorch schedulers that multiply
    /// it, without an explicit `optimizer_lr`), rather than carrying its own rates.
    public var scalesOptimizerRate: Bool {
        guard library == "pytorch", params["optimizer_lr"]?.doubleValue == nil else { return false }
        let a = makeSchedule(optimizerLearningRate: 1), b = makeSchedule(optimizerLearningRate: 2)
        let n = min(a.info.defaultSteps, 2_000)
        return zip(a.learningRates(count: n), b.learningRates(count: n)).contains { $0 != $1 }
    }
}
