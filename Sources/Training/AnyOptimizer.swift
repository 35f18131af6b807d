import LinearAlgebra

/// The optimizer chosen in `TrainingOptions`, as one concrete type: a switch per step picks
/// the rule, and each rule's loop stays specialised for the scalar (an existential would
/// call generic, unspecialised code per element).
enum AnyOptimizer<Scalar: BLASScalar>: Optimizer {
    case sgd(SGD<Scalar>)
    case adam(Adam<Scalar>)
    case rmsprop(RMSprop<Scalar>)

    init(_ choice: OptimizerChoice, parameterCount: Int) {
        switch choice {
        case .sgd(let s): self = .sgd(SGD(s, parameterCount: parameterCount))
        case .adam(let s): self = .adam(Adam(s, parameterCount: parameterCount))
        case .rmsprop(let s): self = .rmsprop(RMSprop(s, parameterCount: parameterCount))
        }
    }

    var stateValues: Int {
        switch self {
        case .sgd(let o): o.stateValues
        case .adam(let o): o.stateValues
        case .rmsprop(let o): o.stateValues
        }
    }

    mutating func update(_ parameters: UnsafeMutablePointer<Scalar>, gradients: UnsafePointer<Scalar>,
                         count: Int, learningRate: Scalar) {
        switch self {
        case .sgd(var o):
            o.update(parameters, gradients: gradients, count: count, learningRate: learningRate)
            self = .sgd(o)
        case .adam(var o):
            o.update(parameters, gradients: gradients, count: count, learningRate: learningRate)
            self = .adam(o)
        case .rmsprop(var o):
            o.update(parameters, gradients: gradients, count: count, learningRate: learningRate)
            self = .rmsprop(o)
        }
    }
}
