import Diagnostics

/// The `model` block: the MLP's hidden layers and activation.
enum ModelConfigReader {
    static let activations = ["relu"]

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
        return ModelSpec(hidden: hidden, activation: try RunConfigReader.oneOf(block["activation"], activations, default: "relu"))
    }

}
