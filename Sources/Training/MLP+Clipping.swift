import LinearAlgebra

extension MLP {
    /// `‖g‖₂` over the whole flat gradient buffer (deterministic order, Double accumulation).
    func gradientNorm() -> Double {
        gradientNormSquared().squareRoot()
    }

    /// `‖g‖₂²` over the whole flat gradient buffer (deterministic order, Double accumulation).
    func gradientNormSquared() -> Double {
        T.sumOfSquares(gradients.base, count: layout.parameterCount)
    }

    /// `torch.nn.utils.clip_grad_norm_(max_norm: c)` given the current norm `‖g‖`:
    /// `g ← g · c / (‖g‖ + 1e−6)` when that factor is < 1, otherwise unchanged.
    func clipGradients(norm: Double, to clip: Double) {
        let factor = clip / (norm + 1e-6)
        guard factor < 1 else { return }
        let g = gradients.base, f = T(factor)
        for i in 0..<layout.parameterCount { g[i] *= f }
    }
}
