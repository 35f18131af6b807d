public import Training

/// The model block, resolved. Optional fields are nil when they hold their default, so that
/// setups written before they existed keep their hash (and their finished runs).
public struct ModelSpec: Sendable, Hashable, Codable {
    public var hidden: [Int]
    /// The hidden layers' nonlinearity; written in the setup's JSON as its sweep spelling
    /// ("relu", "leaky_relu", "tanh", "sigmoid", "gelu"), as when it was a string.
    public var activation: Activation
    /// `.he` or `.glorot`; nil is PyTorch's default (kept nil so the setup's JSON, and the run
    /// id, stay as they were before the field existed).
    public var initialization: Initialization?
    /// Dropout probability in (0, 1); nil is none.
    public var dropout: Double?

    public init(hidden: [Int], activation: Activation, initialization: Initialization? = nil, dropout: Double? = nil) {
        self.hidden = hidden
        self.activation = activation
        self.initialization = initialization
        self.dropout = dropout
    }
}
