import Diagnostics

/// Keras 3 `keras.optimizers.schedules.*`, evaluated in float64 at `step = optimizer.iterations`.
///
/// Keras computes in the dtype of `initial_learning_rate` (float32 for Python floats); these
/// types compute in Double, matching Keras with float64 parameters, and differ from the stock
/// float32 result by at most float32 rounding (≤ 5e-8 absolute for rates ≤ 1).
public enum Keras {
    static func positive(_ name: String) -> CatalogEntry.Validate {
        { p throws(InputError) in
            guard p.double(name) > 0 else {
                throw p.error(name, "Argument `\(name)` must be > 0. Received: \(name)=\(p.shown(name))")
            }
        }
    }

    static let catalog: [CatalogEntry] = [
        CatalogEntry("keras", "ExponentialDecay", [
            ParamDef("initial_learning_rate", .float), ParamDef("decay_steps", .float),
            ParamDef("decay_rate", .float), ParamDef("staircase", .bool, .bool(false)),
        ], validate: positive("decay_steps")) { p, _ in
            ExponentialDecay(initialLearningRate: p.double("initial_learning_rate"), decaySteps: p.double("decay_steps"),
                             decayRate: p.double("decay_rate"), staircase: p.bool("staircase"))
        },
        CatalogEntry("keras", "PiecewiseConstantDecay", [
            ParamDef("boundaries", .numberList), ParamDef("values", .numberList),
        ], validate: { p throws(InputError) in
            let b = p.list("boundaries"), v = p.list("values")
            guard b.count == v.count - 1 else {
                throw p.error("values", "The length of boundaries should be 1 less than the length of values. "
                    + "Received: boundaries=\(p.shown("boundaries")) of length \(b.count), and values=\(p.shown("values")) of length \(v.count).")
            }
            guard !b.isEmpty else {
                throw p.error("boundaries", "boundaries must not be empty (Keras raises IndexError: list index out of range when the schedule is called)")
            }
        }) { p, _ in
            PiecewiseConstantDecay(boundaries: p.doubles("boundaries"), values: p.doubles("values"))
        },
        CatalogEntry("keras", "PolynomialDecay", [
            ParamDef("initial_learning_rate", .float), ParamDef("decay_steps", .float),
            ParamDef("end_learning_rate", .float, .number(0.0001)), ParamDef("power", .float, .number(1.0)),
            ParamDef("cycle", .bool, .bool(false)),
        ], validate: positive("decay_steps")) { p, _ in
            PolynomialDecay(initialLearningRate: p.double("initial_learning_rate"), decaySteps: p.double("decay_steps"),
                            endLearningRate: p.double("end_learning_rate"), power: p.double("power"), cycle: p.bool("cycle"))
        },
        CatalogEntry("keras", "InverseTimeDecay", [
            ParamDef("initial_learning_rate", .float), ParamDef("decay_steps", .float),
            ParamDef("decay_rate", .float), ParamDef("staircase", .bool, .bool(false)),
        ], validate: positive("decay_steps")) { p, _ in
            InverseTimeDecay(initialLearningRate: p.double("initial_learning_rate"), decaySteps: p.double("decay_steps"),
                             decayRate: p.double("decay_rate"), staircase: p.bool("staircase"))
        },
        CatalogEntry("keras", "CosineDecay", [
            ParamDef("initial_learning_rate", .float), ParamDef("decay_steps", .float),
            ParamDef("alpha", .float, .number(0.0)), ParamDef("warmup_target", .optionalFloat),
            ParamDef("warmup_steps", .float, .number(0)),
        ], validate: positive("decay_steps")) { p, _ in
            CosineDecay(initialLearningRate: p.double("initial_learning_rate"), decaySteps: p.double("decay_steps"),
                        alpha: p.double("alpha"), warmupTarget: p.optionalDouble("warmup_target"),
                        warmupSteps: p.double("warmup_steps"))
        },
        CatalogEntry("keras", "CosineDecayRestarts", [
            ParamDef("initial_learning_rate", .float), ParamDef("first_decay_steps", .float),
            ParamDef("t_mul", .float, .number(2.0)), ParamDef("m_mul", .float, .number(1.0)),
            ParamDef("alpha", .float, .number(0.0)),
        ], validate: positive("first_decay_steps")) { p, _ in
            CosineDecayRestarts(initialLearningRate: p.double("initial_learning_rate"),
                                firstDecaySteps: p.double("first_decay_steps"), tMul: p.double("t_mul"),
                                mMul: p.double("m_mul"), alpha: p.double("alpha"))
        },
    ]
}

/// A step count as an Int for chart metadata, clamped to 0…10⁹.
func clampedSteps(_ x: Double) -> Int {
    guard x.isFinite else { return x > 0 ? 1_000_000_000 : 0 }
    return Int(min(max(x, 0), 1_000_000_000))
}
