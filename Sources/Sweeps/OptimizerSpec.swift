/// The optimizer, resolved, with PyTorch's parameter names. Optional fields are nil when they
/// hold the optimizer's default (`OptimizerDefaults`, see `ModelSpec`); `choice` fills them in.
public struct OptimizerSpec: Sendable, Hashable, Codable {
    /// "sgd" | "momentum" | "nesterov" | "adam" | "adamw" | "rmsprop"
    public var name: String
    /// SGD family and RMSprop (0 for Adam).
    public var momentum: Double
    public var dampening: Double?
    /// `nesterov: true` on `sgd`/`momentum` (the `nesterov` name implies it).
    public var nesterov: Bool?
    public var betas: [Double]?
    public var eps: Double?
    public var weightDecay: Double?
    public var amsgrad: Bool?
    public var alpha: Double?
    public var centered: Bool?

    public init(name: String, momentum: Double, dampening: Double? = nil, nesterov: Bool? = nil,
                betas: [Double]? = nil, eps: Double? = nil, weightDecay: Double? = nil, amsgrad: Bool? = nil,
                alpha: Double? = nil, centered: Bool? = nil) {
        self.name = name
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        self.alpha = alpha
        self.centered = centered
    }
}
