import LinearAlgebra

/// `torch.optim.SGD`, element by element (`g` the gradient, `w` the parameter, `λ` the
/// weight decay, `μ` the momentum, `τ` the dampening):
///
///     d ← g + λ·w
///     b ← d                       on the first step (μ ≠ 0)
///     b ← μ·b + (1 − τ)·d         afterwards
///     d ← d + μ·b  (Nesterov)  or  d ← b
///     w ← w − lr·d
///
/// With μ = 0 this is plain SGD; `b` starts at 0, so the first step's `μ·0 + 1·d` is `d` exactly.
struct SGD<Scalar: BLASScalar>: Optimizer {
    let momentum: Scalar
    let dampening: Scalar
    let nesterov: Bool
    let weightDecay: Scalar
    let buffer: ScalarBuffer<Scalar>
    private var started = false

    init(_ settings: SGDSettings, parameterCount: Int) {
        momentum = Scalar(settings.momentum)
        dampening = Scalar(settings.dampening)
        nesterov = settings.nesterov
        weightDecay = Scalar(settings.weightDecay)
        buffer = ScalarBuffer(count: settings.momentum == 0 ? 0 : parameterCount)
    }

    /// The momentum buffer (none without momentum).
    var stateValues: Int { buffer.count }

    mutating func update(_ parameters: UnsafeMutablePointer<Scalar>, gradients: UnsafePointer<Scalar>,
                         count: Int, learningRate lr: Scalar) {
        let mu = momentum, wd = weightDecay
        let damp: Scalar = started ? 1 - dampening : 1
        started = true
        if mu == 0 {
            for i in 0..<count { parameters[i] -= lr * (gradients[i] + wd * parameters[i]) }
            return
        }
        let b = buffer.base
        if nesterov {
            for i in 0..<count {
                let d = gradients[i] + wd * parameters[i]
                let bi = mu * b[i] + damp * d
                b[i] = bi
                parameters[i] -= lr * (d + mu * bi)
            }
        } else {
            for i in 0..<count {
                let bi = mu * b[i] + damp * (gradients[i] + wd * parameters[i])
                b[i] = bi
                parameters[i] -= lr * bi
            }
        }
    }
}
