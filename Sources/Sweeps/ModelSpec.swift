/// The model block, resolved. Optional fields are nil when they hold their default, so that
/// setups written before they existed keep their hash (and their finished runs).
public struct ModelSpec: Sendable, Hashable, Codable {
    public var hidden: [Int]
    /// "relu" | "leaky_relu" | "tanh" | "sigmoid" | "gelu"
    public var activation: String
    /// "he" | "glorot"; nil is "pytorch".
    public var initialization: String?
    /// Dropout probability in (0, 1); nil is none.
    public var dropout: Double?

    public init(hidden: [Int], activation: String, initialization: String? = nil, dropout: Double? = nil) {
        self.hidden = hidden
        self.activation = activation
        self.initialization = initialization
        self.dropout = dropout
    }
}
