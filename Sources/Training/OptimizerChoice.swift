/// Which update rule trains the model, with PyTorch's parameters and defaults (`OptimizerDefaults`).
public enum OptimizerChoice: Sendable, Hashable {
    /// `torch.optim.SGD`: plain, with momentum, or Nesterov.
    case sgd(SGDSettings)
    /// `torch.optim.Adam`, or `AdamW` when `decoupled`.
    case adam(AdamSettings)
    /// `torch.optim.RMSprop`.
    case rmsprop(RMSpropSettings)

    /// The settings' weight decay λ (L2 added to the gradient; decoupled for AdamW).
    public var weightDecay: Double {
        switch self {
        case .sgd(let s): s.weightDecay
        case .adam(let s): s.weightDecay
        case .rmsprop(let s): s.weightDecay
        }
    }
}

/// `torch.optim.SGD(momentum, dampening, weight_decay, nesterov)`.
public struct SGDSettings: Sendable, Hashable {
    /// μ ≥ 0; 0 is plain SGD.
    public var momentum: Double
    /// τ in [0, 1]: the momentum buffer adds `(1 − τ)·g` (not on its first step).
    public var dampening: Double
    /// Nesterov momentum (needs μ > 0 and τ = 0, as PyTorch).
    public var nesterov: Bool
    /// λ ≥ 0, added to the gradient as `λ·w`.
    public var weightDecay: Double

    public init(momentum: Double = 0, dampening: Double = OptimizerDefaults.dampening, nesterov: Bool = false,
                weightDecay: Double = OptimizerDefaults.weightDecay) {
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }
}

/// `torch.optim.Adam(betas, eps, weight_decay, amsgrad)`; `decoupled` makes it `AdamW`.
public struct AdamSettings: Sendable, Hashable {
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    /// λ ≥ 0: L2 on the gradient (Adam) or `w ← w·(1 − lr·λ)` (AdamW).
    public var weightDecay: Double
    public var amsgrad: Bool
    /// AdamW's decoupled weight decay.
    public var decoupled: Bool

    public init(beta1: Double = OptimizerDefaults.beta1, beta2: Double = OptimizerDefaults.beta2,
                eps: Double = OptimizerDefaults.eps, weightDecay: Double = OptimizerDefaults.weightDecay,
                amsgrad: Bool = false, decoupled: Bool = false) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        self.decoupled = decoupled
    }
}

/// `torch.optim.RMSprop(alpha, eps, weight_decay, momentum, centered)`.
public struct RMSpropSettings: Sendable, Hashable {
    public var alpha: Double
    public var eps: Double
    public var weightDecay: Double
    public var momentum: Double
    public var centered: Bool

    public init(alpha: Double = OptimizerDefaults.alpha, eps: Double = OptimizerDefaults.eps,
                weightDecay: Double = OptimizerDefaults.weightDecay, momentum: Double = 0, centered: Bool = false) {
        self.alpha = alpha
        self.eps = eps
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
    }
}
