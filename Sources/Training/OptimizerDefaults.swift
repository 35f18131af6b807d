/// PyTorch's `torch.optim` defaults, written once. The settings' initialisers default to them,
/// the sweep reader leaves a value equal to one out of the run's spec (so it does not change
/// the run id), and the spec fills them back in for the trainer. One value is lrlab's own:
/// `momentum`, for the `momentum` and `nesterov` optimizers.
public enum OptimizerDefaults {
    /// Adam and AdamW β₁ (`betas[0]`), the first moment's decay per step.
    public static let beta1 = 0.9
    /// Adam and AdamW β₂ (`betas[1]`), the second moment's decay per step.
    public static let beta2 = 0.999
    /// ε added to the denominator by Adam, AdamW and RMSprop (gradient units).
    public static let eps = 1e-8
    /// RMSprop's smoothing constant α, the squared gradients' decay per step.
    public static let alpha = 0.99
    /// SGD's dampening τ (0: the momentum buffer adds the whole gradient).
    public static let dampening = 0.0
    /// Weight decay λ (per unit learning rate) of SGD, Adam and RMSprop: none.
    public static let weightDecay = 0.0
    /// AdamW's decoupled weight decay λ: `w ← w·(1 − lr·λ)` each step.
    public static let decoupledWeightDecay = 0.01
    /// lrlab's momentum μ for the `momentum` and `nesterov` optimizers (PyTorch's SGD has 0).
    public static let momentum = 0.9

    /// λ of an optimizer: `decoupledWeightDecay` for AdamW (`decoupled`), else `weightDecay`.
    public static func weightDecay(decoupled: Bool) -> Double {
        decoupled ? decoupledWeightDecay : weightDecay
    }
}
