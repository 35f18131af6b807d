import LinearAlgebra

/// `torch.optim.Adam` / `torch.optim.AdamW` (single-tensor form), at step `t = 1, 2, …`
/// (`g` gradient, `w` parameter, `λ` weight decay, `β₁, β₂, ε`):
///
///     w ← w·(1 − lr·λ)                        AdamW (decoupled)
///     g ← g + λ·w                             Adam (L2)
///     m ← m + (1 − β₁)·(g − m)                (torch's lerp)
///     v ← β₂·v + (1 − β₂)·g²
///     v̂ ← max(v̂, v)                           AMSGrad, using v̂ below instead of v
///     w ← w − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// The bias corrections are computed in Double, then rounded to the scalar (as PyTorch's
/// Python-float scalars).
struct Adam<Scalar: BLASScalar>: Optimizer {
    let settings: AdamSettings
    let m: ScalarBuffer<Scalar>
    let v: ScalarBuffer<Scalar>
    let vMax: ScalarBuffer<Scalar>
    private var t = 0

    init(_ settings: AdamSettings, parameterCount: Int) {
        self.settings = settings
        m = ScalarBuffer(count: parameterCount)
        v = ScalarBuffer(count: parameterCount)
        vMax = ScalarBuffer(count: settings.amsgrad ? parameterCount : 0)
    }

    /// The two moments, and AMSGrad's running maximum.
    var stateValues: Int { m.count + v.count + vMax.count }

    mutating func update(_ parameters: UnsafeMutablePointer<Scalar>, gradients: UnsafePointer<Scalar>,
                         count: Int, learningRate lr: Scalar) {
        t += 1
        let s = settings
        if s.decoupled, s.weightDecay != 0 {
            let factor = Scalar(1 - Double(lr) * s.weightDecay)
            for i in 0..<count { parameters[i] *= factor }
        }
        let wd = Scalar(s.decoupled ? 0 : s.weightDecay)
        let w1 = Scalar(1 - s.beta1), b2 = Scalar(s.beta2), w2 = Scalar(1 - s.beta2)
        let stepSize = Scalar(Double(lr) / (1 - Self.power(s.beta1, t)))
        let correction2 = Scalar((1 - Self.power(s.beta2, t)).squareRoot())
        let eps = Scalar(s.eps)
        let m = m.base, v = v.base
        let second = s.amsgrad ? vMax.base : v
        for i in 0..<count {
            let g = gradients[i] + wd * parameters[i]
            let mi = m[i] + w1 * (g - m[i])
            let vi = b2 * v[i] + w2 * (g * g)
            m[i] = mi
            v[i] = vi
        }
        if s.amsgrad {
            for i in 0..<count { second[i] = Swift.max(second[i], v[i]) }
        }
        for i in 0..<count {
            let denom = second[i].squareRoot() / correction2 + eps
            parameters[i] -= stepSize * (m[i] / denom)
        }
    }

    /// `base^exponent` by repeated squaring in Double (no libm call: the same bits everywhere).
    static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0, factor = base, n = exponent
        while n > 0 {
            if n & 1 == 1 { result *= factor }
            factor *= factor
            n >>= 1
        }
        return result
    }
}
