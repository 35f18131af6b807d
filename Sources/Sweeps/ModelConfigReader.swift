import Diagnostics
import Training

/// The `model` block: the MLP's hidden layers, activation, initialisation and dropout.
enum ModelConfigReader {

    /// Each key (and each hidden width) is checked even when another is bad.
    static func read(_ block: [String: ConfigNode]) throws(InputError) -> ModelSpec {
        var problems = InputErrorCollector()
        var hidden = [64]
        if let node = block["hidden"] {
            hidden = []
            for item in problems.attempt({ () throws(InputError) in try node.sequence() }) ?? [] {
                problems.attempt { () throws(InputError) in
                    let width = try item.int()
                    guard (1...65_536).contains(width) else {
                        throw item.error("hidden layer widths must be between 1 and 65,536, got \(width)")
                    }
                    hidden.append(width)
                }
            }
            if let count = node.node.sequence?.count, count > 16 {
                problems.record(node.error("at most 16 hidden layers are supported, got \(count)"))
            }
        }
        let activation = problems.attempt { () throws(InputError) in try RunConfigReader.oneOf(block["activation"], default: Activation.relu) }
        let initialization = problems.attempt { () throws(InputError) in
            try RunConfigReader.oneOf(block["init"], default: Initialization.pytorch)
        }
        var dropout: Double?
        if let node = block["dropout"] {
            dropout = problems.attempt { () throws(InputError) -> Double? in
                let p = try node.double()
                guard p >= 0, p < 1 else { throw node.error("'model.dropout' must be in [0, 1), got \(p)") }
                guard p > 0 else { return nil }
                guard block["hidden"]?.node.sequence?.isEmpty != true else {
                    throw node.error("'model.dropout' needs at least one hidden layer")
                }
                return p
            } ?? nil
        }
        try problems.check()
        guard let activation, let initialization else { throw InputError("the model could not be read") }  // recorded above
        return ModelSpec(hidden: hidden, activation: activation,
                         initialization: initialization == .pytorch ? nil : initialization, dropout: dropout)
    }
}
