import Diagnostics
import Training

/// The `model` block: the MLP's hidden layers, activation, initialisation and dropout.
enum ModelConfigReader {

    static func read(_ block: [String: ConfigNode]) throws(InputError) -> ModelSpec {
        var hidden = [64]
        if let node = block["hidden"] {
            hidden = []
            for item in try node.sequence() {
                let width = try item.int()
                guard (1...65_536).contains(width) else {
                    throw item.error("hidden layer widths must be between 1 and 65,536, got \(width)")
                }
                hidden.append(width)
            }
            guard hidden.count <= 16 else { throw node.error("at most 16 hidden layers are supported, got \(hidden.count)") }
        }
        let activation = try RunConfigReader.oneOf(block["activation"], default: Activation.relu)
        let initialization = try RunConfigReader.oneOf(block["init"], default: Initialization.pytorch)
        var dropout: Double?
        if let node = block["dropout"] {
            let p = try node.double()
            guard p >= 0, p < 1 else { throw node.error("'model.dropout' must be in [0, 1), got \(p)") }
            if p > 0 {
                guard !hidden.isEmpty else { throw node.error("'model.dropout' needs at least one hidden layer") }
                dropout = p
            }
        }
        return ModelSpec(hidden: hidden, activation: activation,
                         initialization: initialization == .pytorch ? nil : initialization, dropout: dropout)
    }
}
