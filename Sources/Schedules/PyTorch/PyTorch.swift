import Diagnostics

/// PyTorch `torch.optim.lr_scheduler.*`, in the recursive form `scheduler.step()` produces:
/// `learningRate(at: k)` is the optimizer's `lr` after `k` calls of `step()` (float64).
public enum PyTorch {
    static let lr = ParamDef("optimizer_lr", .optionalFloat)

    /// The optimizer rate for a build: the spec's `optimizer_lr`, the caller's, else 1.0.
    static func base(_ p: ScheduleParams, _ given: Double?) -> Double { p.optionalDouble("optimizer_lr") ?? given ?? 1.0 }

    static func nonZero(_ name: String, _ what: String) -> CatalogEntry.Validate {
        { p throws(InputError) in
            if p.int(name) == 0 {
                throw p.error(name, "\(name) must not be 0: \(what) divides by it (ZeroDivisionError: integer division or modulo by zero)")
            }
        }
    }

    /// Python's `isinstance(x, int) and x > 0` for a parameter read as a float.
    static func positiveInteger(_ p: ScheduleParams, _ name: String) -> Bool {
        p.writtenAsInteger.contains(name) && p.double(name) > 0
    }

    static func subSchedulers(_ p: ScheduleParams) -> [any TorchScheduler] {
        p.schedules("schedulers").compactMap { $0.makeSchedule(optimizerLearningRate: 1.0) as? any TorchScheduler }
    }

    static let catalog: [CatalogEntry] = [
        CatalogEntry("pytorch", "StepLR", [ParamDef("step_size", .int), ParamDef("gamma", .float, .number(0.1)), lr],
                     validate: nonZero("step_size", "StepLR")) { p, given in
            StepLR(stepSize: p.int("step_size"), gamma: p.double("gamma"), optimizerLR: base(p, given))
        },
        CatalogEntry("pytorch", "MultiStepLR", [ParamDef("milestones", .numberList), ParamDef("gamma", .float, .number(0.1)), lr]) { p, given in
            MultiStepLR(milestones: p.doubles("milestones"), gamma: p.double("gamma"), optimizerLR: base(p, given))
        },
        CatalogEntry("pytorch", "ConstantLR", [
            ParamDef("factor", .float, .number(1.0 / 3.0)), ParamDef("total_iters", .int, .integer(5)), lr,
        ], validate: { p throws(InputError) in
            let f = p.double("factor")
            if f > 1.0 || f < 0 { throw p.error("factor", "Constant multiplicative factor expected to be between 0 and 1.") }
            if f == 0 && p.int("total_iters") > 0 {
                throw p.error("factor", "factor=0 makes ConstantLR divide by zero at step total_iters (ZeroDivisionError: float division by zero)")
            }
        }) { p, given in
            ConstantLR(factor: p.double("factor"), totalIters: p.int("total_iters"), optimizerLR: base(p, given))
        },
        CatalogEntry("pytorch", "LinearLR", [
            ParamDef("start_factor", .float, .number(1.0 / 3.0)), ParamDef("end_factor", .float, .number(1.0)),
            ParamDef("total_iters", .int, .integer(5)), lr,
        ], validate: { p throws(InputError) in
            let sf = p.double("start_factor"), ef = p.double("end_factor")
            if sf > 1.0 || sf <= 0 {
                throw p.error("start_factor", "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
            }
            if ef > 1.0 || ef < 0 { throw p.error("end_factor", "Ending multiplicative factor expected to be between 0 and 1.") }
        }) { p, given in
            LinearLR(startFactor: p.double("start_factor"), endFactor: p.double("end_factor"),
                     totalIters: p.int("total_iters"), optimizerLR: base(p, given))
        },
        CatalogEntry("pytorch", "ExponentialLR", [ParamDef("gamma", .float), lr]) { p, given in
            ExponentialLR(gamma: p.double("gamma"), optimizerLR: base(p, given))
        },
        CatalogEntry("pytorch", "PolynomialLR", [
            ParamDef("total_iters", .int, .integer(5)), ParamDef("power", .float, .number(1.0)), lr,
        ], validate: nonZero("total_iters", "PolynomialLR")) { p, given in
            PolynomialLR(totalIters: p.int("total_iters"), power: p.double("power"), optimizerLR: base(p, given))
        },
        CatalogEntry("pytorch", "CosineAnnealingLR", [ParamDef("T_max", .int), ParamDef("eta_min", .float, .number(0.0)), lr],
                     validate: nonZero("T_max", "CosineAnnealingLR")) { p, given in
            CosineAnnealingLR(tMax: p.int("T_max"), etaMin: p.double("eta_min"), optimizerLR: base(p, given))
        },
        CatalogEntry("pytorch", "CosineAnnealingWarmRestarts", [
            ParamDef("T_0", .float), ParamDef("T_mult", .float, .number(1)), ParamDef("eta_min", .float, .number(0.0)), lr,
        ], validate: { p throws(InputError) in
            if !positiveInteger(p, "T_0") { throw p.error("T_0", "Expected positive integer T_0, but got \(p.shown("T_0"))") }
            if p.double("T_0") > 1e15 { throw p.error("T_0", "T_0 is too large") }
            if p.has("T_mult") && p.locations["T_mult"] != nil && (!p.writtenAsInteger.contains("T_mult") || p.double("T_mult") < 1) {
                throw p.error("T_mult", "Expected integer T_mult >= 1, but got \(p.shown("T_mult"))")
            }
            if p.double("T_mult") > 1e15 { throw p.error("T_mult", "T_mult is too large") }
        }) { p, given in
            CosineAnnealingWarmRestarts(t0: p.int("T_0"), tMult: p.int("T_mult"), etaMin: p.double("eta_min"), optimizerLR: base(p, given))
        },
        CatalogEntry("pytorch", "OneCycleLR", [
            ParamDef("max_lr", .float), ParamDef("total_steps", .optionalFloat), ParamDef("epochs", .optionalFloat),
            ParamDef("steps_per_epoch", .optionalFloat), ParamDef("pct_start", .float, .number(0.3)),
            ParamDef("anneal_strategy", .choice(["cos", "linear"]), .string("cos")),
            ParamDef("cycle_momentum", .bool, .bool(true)), ParamDef("base_momentum", .float, .number(0.85)),
            ParamDef("max_momentum", .float, .number(0.95)), ParamDef("div_factor", .float, .number(25.0)),
            ParamDef("final_div_factor", .float, .number(1e4)), ParamDef("three_phase", .bool, .bool(false)), lr,
        ], validate: { p throws(InputError) in
            if p.has("total_steps") {
                if !positiveInteger(p, "total_steps") || p.double("total_steps") > 1e15 {
                    throw p.error("total_steps", "Expected positive integer total_steps, but got \(p.shown("total_steps"))")
                }
            } else if p.has("epochs") && p.has("steps_per_epoch") {
                for name in ["epochs", "steps_per_epoch"] where !positiveInteger(p, name) || p.double(name) > 1e15 {
                    throw p.error(name, "Expected positive integer \(name), but got \(p.shown(name))")
                }
                if p.double("epochs") * p.double("steps_per_epoch") > 1e15 {
                    throw p.error("steps_per_epoch", "epochs × steps_per_epoch is too large")
                }
            } else {
                throw p.error("total_steps", "You must define either total_steps OR (epochs AND steps_per_epoch)")
            }
            let pct = p.double("pct_start")
            if pct < 0 || pct > 1 || p.writtenAsInteger.contains("pct_start") {
                throw p.error("pct_start", "Expected float between 0 and 1 pct_start, but got \(p.shown("pct_start"))")
            }
        }) { p, given in
            let total = p.optionalInt("total_steps") ?? (p.int("epochs") &* p.int("steps_per_epoch"))
            return OneCycleLR(maxLR: p.double("max_lr"), totalSteps: total, pctStart: p.double("pct_start"),
                              annealStrategy: p.string("anneal_strategy") == "linear" ? .linear : .cos,
                              divFactor: p.double("div_factor"), finalDivFactor: p.double("final_div_factor"),
                              threePhase: p.bool("three_phase"), optimizerLR: base(p, given))
        },
        CatalogEntry("pytorch", "CyclicLR", [
            ParamDef("base_lr", .float), ParamDef("max_lr", .float), ParamDef("step_size_up", .float, .number(2000)),
            ParamDef("step_size_down", .optionalFloat), ParamDef("mode", .choice(["triangular", "triangular2", "exp_range"]), .string("triangular")),
            ParamDef("gamma", .float, .number(1.0)), ParamDef("scale_mode", .choice(["cycle", "iterations"]), .string("cycle")),
            ParamDef("cycle_momentum", .bool, .bool(true)), ParamDef("base_momentum", .float, .number(0.8)),
            ParamDef("max_momentum", .float, .number(0.9)), lr,
        ], validate: { p throws(InputError) in
            let up = p.double("step_size_up"), down = p.optionalDouble("step_size_down") ?? up
            if up + down == 0 {
                throw p.error("step_size_up", "step_size_up + step_size_down must not be 0 (ZeroDivisionError: float division by zero)")
            }
        }) { p, given in
            CyclicLR(baseLR: p.double("base_lr"), maxLR: p.double("max_lr"), stepSizeUp: p.double("step_size_up"),
                     stepSizeDown: p.optionalDouble("step_size_down"), mode: CyclicLR.Mode(rawValue: p.string("mode")) ?? .triangular,
                     gamma: p.double("gamma"), optimizerLR: base(p, given))
        },
        CatalogEntry("pytorch", "SequentialLR", [ParamDef("schedulers", .schedulers), ParamDef("milestones", .numberList), lr],
                     validate: { p throws(InputError) in
            let n = p.list("schedulers").count, m = p.list("milestones").count
            if n < 1 { throw p.error("schedulers", "SequentialLR expects at least one scheduler, but got no scheduler.") }
            if m != n - 1 {
                throw p.error("milestones", "Sequential Schedulers expects number of schedulers provided to be one more than "
                    + "the number of milestone points, but got number of schedulers \(n) and the number of milestones to be equal to \(m)")
            }
        }) { p, given in
            SequentialLR(schedulers: subSchedulers(p), milestones: p.doubles("milestones"), optimizerLR: base(p, given))
        },
        CatalogEntry("pytorch", "ChainedScheduler", [ParamDef("schedulers", .schedulers), lr], validate: { p throws(InputError) in
            if p.list("schedulers").isEmpty {
                throw p.error("schedulers", "ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.")
            }
        }) { p, given in
            ChainedScheduler(schedulers: subSchedulers(p), optimizerLR: base(p, given))
        },
    ]
}
