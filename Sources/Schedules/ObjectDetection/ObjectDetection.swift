import Diagnostics

/// The TensorFlow Object Detection API (`research/object_detection`): the four
/// `LearningRate` proto messages with the proto's field names and defaults, and the four
/// `utils/learning_schedules.py` functions with their argument names. All computed in Float
/// at `step = global_step`.
public enum ObjectDetection {
    static let library = "tf-od-api"

    /// The float32 value of a proto `float` field, widened as Python reads it.
    static func f32(_ x: Double) -> Double { Double(Float(x)) }

    static func cosineChecks(base: Double, warmupLR: Double, _ p: ScheduleParams, baseName: String) throws(InputError) {
        if p.int("total_steps") < p.int("warmup_steps") {
            throw p.error("total_steps", "total_steps must be larger or equal to warmup_steps.")
        }
        if p.int("warmup_steps") > 0 && base < warmupLR {
            throw p.error(p.locations["warmup_learning_rate"] == nil ? baseName : "warmup_learning_rate",
                          "learning_rate_base must be larger or equal to warmup_learning_rate.")
        }
    }

    /// `manual_stepping`'s checks. `key(i)` names where boundary `i` was written.
    static func manualChecks(_ p: ScheduleParams, boundaries: [ScheduleValue], rateCount: Int, ratesAreFloats: Bool,
                             boundaryKey: (Int) -> String, ratesKey: String) throws(InputError) {
        for (i, b) in boundaries.enumerated() {
            guard case .integer(let v) = b, v >= 0 else {
                throw p.error(boundaryKey(i), "boundaries must be a list of positive integers")
            }
        }
        let ints = boundaries.map { $0.intValue ?? 0 }
        for i in ints.indices.dropFirst() where ints[i] <= ints[i - 1] {
            throw p.error(boundaryKey(i), "Entries in boundaries must be strictly increasing.")
        }
        if !ratesAreFloats { throw p.error(ratesKey, "Learning rates must be floats") }
        if rateCount != ints.count + 1 {
            throw p.error(ratesKey, "Number of provided learning rates must exceed number of boundary points by exactly 1.")
        }
        if ints.first == 0 { throw p.error(boundaryKey(0), "First step cannot be zero.") }
    }

    static func entries(_ p: ScheduleParams) -> [ManualStepLearningRate.Entry] {
        p.list("schedule").map { item in
            guard case .mapping(let m) = item else { return .init() }
            return .init(step: m["step"]?.intValue ?? 0, learningRate: m["learning_rate"]?.doubleValue ?? .nan)
        }
    }

    static let catalog: [CatalogEntry] = [
        // Proto messages (optimizer.proto), with the proto defaults.
        CatalogEntry(library, "constant_learning_rate", [ParamDef("learning_rate", .float, .number(0.002))]) { p, _ in
            ConstantLearningRate(learningRate: p.double("learning_rate"))
        },
        CatalogEntry(library, "exponential_decay_learning_rate", [
            ParamDef("initial_learning_rate", .float, .number(0.002)), ParamDef("decay_steps", .uint32, .integer(4_000_000)),
            ParamDef("decay_factor", .float, .number(0.95)), ParamDef("staircase", .bool, .bool(true)),
            ParamDef("burnin_learning_rate", .float, .number(0)), ParamDef("burnin_steps", .uint32, .integer(0)),
            ParamDef("min_learning_rate", .float, .number(0)),
        ]) { p, _ in
            ExponentialDecayLearningRate(initialLearningRate: p.double("initial_learning_rate"), decaySteps: p.int("decay_steps"),
                                         decayFactor: p.double("decay_factor"), staircase: p.bool("staircase"),
                                         burninLearningRate: p.double("burnin_learning_rate"), burninSteps: p.int("burnin_steps"),
                                         minLearningRate: p.double("min_learning_rate"))
        },
        CatalogEntry(library, "manual_step_learning_rate", [
            ParamDef("initial_learning_rate", .float, .number(0.002)), ParamDef("schedule", .manualSchedule, .list([])),
            ParamDef("warmup", .bool, .bool(false)),
        ], validate: { p throws(InputError) in
            let items = entries(p)
            if items.isEmpty { throw p.error("schedule", "Empty learning rate schedule.") }
            try manualChecks(p, boundaries: items.map { .integer($0.step) }, rateCount: items.count + 1, ratesAreFloats: true,
                             boundaryKey: { "schedule[\($0)]" }, ratesKey: "schedule")
        }) { p, _ in
            ManualStepLearningRate(initialLearningRate: p.double("initial_learning_rate"), schedule: entries(p), warmup: p.bool("warmup"))
        },
        CatalogEntry(library, "cosine_decay_learning_rate", [
            ParamDef("learning_rate_base", .float, .number(0.002)), ParamDef("total_steps", .uint32, .integer(4_000_000)),
            ParamDef("warmup_learning_rate", .float, .number(0.0002)), ParamDef("warmup_steps", .uint32, .integer(10_000)),
            ParamDef("hold_base_rate_steps", .uint32, .integer(0)),
        ], validate: { p throws(InputError) in
            try cosineChecks(base: f32(p.double("learning_rate_base")), warmupLR: f32(p.double("warmup_learning_rate")), p,
                             baseName: "learning_rate_base")
        }) { p, _ in
            CosineDecayLearningRate(learningRateBase: p.double("learning_rate_base"), totalSteps: p.int("total_steps"),
                                    warmupLearningRate: p.double("warmup_learning_rate"), warmupSteps: p.int("warmup_steps"),
                                    holdBaseRateSteps: p.int("hold_base_rate_steps"))
        },
        // Functions of learning_schedules.py, with their argument names.
        CatalogEntry(library, "cosine_decay_with_warmup", [
            ParamDef("learning_rate_base", .float), ParamDef("total_steps", .int),
            ParamDef("warmup_learning_rate", .float, .number(0)), ParamDef("warmup_steps", .int, .integer(0)),
            ParamDef("hold_base_rate_steps", .int, .integer(0)),
        ], validate: { p throws(InputError) in
            try cosineChecks(base: p.double("learning_rate_base"), warmupLR: p.double("warmup_learning_rate"), p,
                             baseName: "learning_rate_base")
        }) { p, _ in
            CosineDecayWithWarmup(learningRateBase: p.double("learning_rate_base"), totalSteps: p.int("total_steps"),
                                  warmupLearningRate: p.double("warmup_learning_rate"), warmupSteps: p.int("warmup_steps"),
                                  holdBaseRateSteps: p.int("hold_base_rate_steps"))
        },
        CatalogEntry(library, "exponential_decay_with_burnin", [
            ParamDef("learning_rate_base", .float), ParamDef("learning_rate_decay_steps", .int),
            ParamDef("learning_rate_decay_factor", .float), ParamDef("burnin_learning_rate", .float, .number(0)),
            ParamDef("burnin_steps", .int, .integer(0)), ParamDef("min_learning_rate", .float, .number(0)),
            ParamDef("staircase", .bool, .bool(true)),
        ]) { p, _ in
            ExponentialDecayWithBurnin(learningRateBase: p.double("learning_rate_base"),
                                       learningRateDecaySteps: p.int("learning_rate_decay_steps"),
                                       learningRateDecayFactor: p.double("learning_rate_decay_factor"),
                                       burninLearningRate: p.double("burnin_learning_rate"), burninSteps: p.int("burnin_steps"),
                                       minLearningRate: p.double("min_learning_rate"), staircase: p.bool("staircase"))
        },
        CatalogEntry(library, "exponential_decay_with_warmup", [
            ParamDef("learning_rate_base", .float), ParamDef("learning_rate_decay_steps", .int),
            ParamDef("learning_rate_decay_factor", .float), ParamDef("warmup_learning_rate", .float, .number(0)),
            ParamDef("warmup_steps", .int, .integer(0)), ParamDef("min_learning_rate", .float, .number(0)),
            ParamDef("staircase", .bool, .bool(true)),
        ], validate: { p throws(InputError) in
            if p.double("learning_rate_base") < p.double("warmup_learning_rate") {
                throw p.error("warmup_learning_rate", "learning_rate_base must be larger or equal to warmup_learning_rate.")
            }
            if p.int("warmup_steps") == 0 {
                throw p.error("warmup_steps", "warmup_steps must not be 0: the warmup slope divides by it (ZeroDivisionError: float division by zero)")
            }
        }) { p, _ in
            ExponentialDecayWithWarmup(learningRateBase: p.double("learning_rate_base"),
                                       learningRateDecaySteps: p.int("learning_rate_decay_steps"),
                                       learningRateDecayFactor: p.double("learning_rate_decay_factor"),
                                       warmupLearningRate: p.double("warmup_learning_rate"), warmupSteps: p.int("warmup_steps"),
                                       minLearningRate: p.double("min_learning_rate"), staircase: p.bool("staircase"))
        },
        CatalogEntry(library, "manual_stepping", [
            ParamDef("boundaries", .numberList), ParamDef("rates", .numberList), ParamDef("warmup", .bool, .bool(false)),
        ], validate: { p throws(InputError) in
            let rates = p.list("rates")
            let floats = rates.allSatisfy { if case .number = $0 { return true } else { return false } }
            try manualChecks(p, boundaries: p.list("boundaries"), rateCount: rates.count, ratesAreFloats: floats,
                             boundaryKey: { "boundaries[\($0)]" }, ratesKey: "rates")
        }) { p, _ in
            ManualStepping(boundaries: p.ints("boundaries"), rates: p.doubles("rates"), warmup: p.bool("warmup"))
        },
    ]
}
