public import Diagnostics

extension ScheduleSpec {
    /// What a parameter means when a schedule moves to another batch size.
    public enum ParameterRole: Sendable {
        /// A learning rate (scaled by the rate rule).
        case rate
        /// A count of steps (scaled by `B0/B` so it covers the same number of examples).
        case steps
        /// Anything else: factors, exponents, flags (kept).
        case other
    }

    static let rateParameters: Set<String> = [
        "initial_learning_rate", "end_learning_rate", "warmup_target", "values", "learning_rate", "learning_rate_base",
        "warmup_learning_rate", "burnin_learning_rate", "min_learning_rate", "rates", "max_lr", "base_lr",
        "optimizer_lr", "eta_min",
    ]
    static let stepParameters: Set<String> = [
        "decay_steps", "first_decay_steps", "warmup_steps", "boundaries", "step_size", "milestones", "total_iters",
        "T_max", "T_0", "total_steps", "steps_per_epoch", "step_size_up", "step_size_down", "burnin_steps",
        "hold_base_rate_steps", "learning_rate_decay_steps",
    ]

    /// The role of parameter `name` (`schedule` entries of `manual_step_learning_rate` hold both).
    public static func role(of name: String) -> ParameterRole {
        rateParameters.contains(name) ? .rate : stepParameters.contains(name) ? .steps : .other
    }

    /// The schedule rewritten for another batch size: every rate multiplied by `rateFactor`
    /// (e.g. `B/B0` for the linear rule, `√(B/B0)` for sqrt, 1 for none) and every step count
    /// by `stepFactor` (`B0/B` keeps the length in examples). Integral step counts are rounded
    /// to the nearest integer, never below 1 when they were positive. Nested schedulers are
    /// rescaled too; `defaulted` parameters become explicit. The result is validated again.
    public func rescaled(rateFactor: Double, stepFactor: Double) throws(InputError) -> ScheduleSpec {
        var result = self
        if let entry = ScheduleCatalog.entry(library: library, name: name) {
            result.params = entry.withDefaults(params).values
        }
        for (key, value) in result.params {
            result.params[key] = Self.rescale(value, role: Self.role(of: key), rate: rateFactor, steps: stepFactor)
        }
        result.defaulted = []
        try result.validate()
        return result
    }

    static func rescale(_ value: ScheduleValue, role: ParameterRole, rate: Double, steps: Double) -> ScheduleValue {
        switch value {
        case .list(let items):
            return .list(items.map { rescale($0, role: role, rate: rate, steps: steps) })
        case .mapping(let m):
            var out = m
            if let r = m["learning_rate"] { out["learning_rate"] = rescale(r, role: .rate, rate: rate, steps: steps) }
            if let s = m["step"] { out["step"] = rescale(s, role: .steps, rate: rate, steps: steps) }
            return .mapping(out)
        case .schedule(let spec):
            var sub = spec
            if let entry = ScheduleCatalog.entry(library: spec.library, name: spec.name) {
                sub.params = entry.withDefaults(spec.params).values
            }
            for (k, v) in sub.params { sub.params[k] = rescale(v, role: Self.role(of: k), rate: rate, steps: steps) }
            sub.defaulted = []
            return .schedule(sub)
        case .number(let x):
            switch role {
            case .rate: return .number(x * rate)
            case .steps: return x.rounded() == x ? .number(roundSteps(x * steps, positive: x > 0)) : .number(x * steps)
            case .other: return value
            }
        case .integer(let i):
            switch role {
            case .rate: return .number(Double(i) * rate)
            case .steps:
                let scaled = roundSteps(Double(i) * steps, positive: i > 0)
                return .integer(Int(scaled))
            case .other: return value
            }
        default: return value
        }
    }

    private static func roundSteps(_ x: Double, positive: Bool) -> Double {
        guard x.isFinite else { return positive ? 4_294_967_295 : 0 }
        let r = min(max(x.rounded(), -4_294_967_295), 4_294_967_295)
        return positive ? max(1, r) : r
    }
}
