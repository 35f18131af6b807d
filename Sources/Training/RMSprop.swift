import LinearAlgebra

/// `torch.optim.RMSprop` (`g` gradient, `w` parameter, `λ` weight decay, `α`, `ε`, `μ` momentum):
///
///     g ← g + λ·w
///     s ← α·s + (1 − α)·g²
///     ḡ ← ḡ + (1 − α)·(g − ḡ)           centered only (torch's lerp)
///     d ← √(s − ḡ²) + ε  (centered)  or  √s + ε
///     b ← μ·b + g / d,  w ← w − lr·b     when μ > 0
///     w ← w − lr · g / d                 otherwise
struct RMSprop<Scalar: BLASScalar>: Optimizer {
    let settings: RMSpropSettings
    let square: ScalarBuffer<Scalar>
    let average: ScalarBuffer<Scalar>
    let buffer: ScalarBuffer<Scalar>

    init(_ settings: RMSpropSettings, parameterCount: Int) {
        self.settings = settings
        square = ScalarBuffer(count: parameterCount)
        average = ScalarBuffer(count: settings.centered ? parameterCount : 0)
        buffer = ScalarBuffer(count: settings.momentum > 0 ? parameterCount : 0)
    }

    /// The squared-gradient average, the centered mean and the momentum buffer (when used).
    var stateValues: Int { square.count + average.count + buffer.count }

    mutating func update(_ parameters: UnsafeMutablePointer<Scalar>, gradients: UnsafePointer<Scalar>,
                         count: Int, learningRate lr: Scalar) {
        let s = settings
        let wd = Scalar(s.weightDecay), alpha = Scalar(s.alpha), w = Scalar(1 - s.alpha)
        let eps = Scalar(s.eps), mu = Scalar(s.momentum)
        let sq = square.base, avg = average.base, b = buffer.base
        for i in 0..<count {
            let g = gradients[i] + wd * parameters[i]
            let si = alpha * sq[i] + w * (g * g)
            sq[i] = si
            var d: Scalar
            if s.centered {
                let ai = avg[i] + w * (g - avg[i])
                avg[i] = ai
                d = (si - ai * ai).squareRoot() + eps
            } else {
                d = si.squareRoot() + eps
            }
            if s.momentum > 0 {
                let bi = mu * b[i] + g / d
                b[i] = bi
                parameters[i] -= lr * bi
            } else {
                parameters[i] -= lr * (g / d)
            }
        }
    }
}
