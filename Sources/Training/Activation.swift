import LinearAlgebra

/// Hidden-layer nonlinearity, applied elementwise: `a = f(z)`, backward `δz = δa ⊙ f′(z)`.
///
/// Each case follows PyTorch's default module (`nn.ReLU`, `nn.LeakyReLU()`, `nn.Tanh`,
/// `nn.Sigmoid`, `nn.GELU()`). Loops run over raw buffers with the case switched outside,
/// so `relu`, `leaky_relu` and `sigmoid` vectorise; `tanh` and `gelu` call libm per element.
public enum Activation: String, Sendable, CaseIterable, Codable {
    /// `max(z, 0)`; `f′ = 0` for `z ≤ 0` (as the numpy reference: `da[z <= 0] = 0`).
    case relu
    /// `z` for `z > 0`, else `0.01·z` (PyTorch's default negative slope).
    case leakyRelu = "leaky_relu"
    /// `tanh z`; `f′ = 1 − a²`.
    case tanh
    /// `1 / (1 + e^(−z))`; `f′ = a(1 − a)`.
    case sigmoid
    /// Exact GELU `z·Φ(z)`, `Φ(z) = ½(1 + erf(z/√2))`; `f′ = Φ(z) + z·φ(z)`, `φ(z) = e^(−z²/2)/√(2π)`.
    case gelu

    /// PyTorch's `nn.LeakyReLU` default.
    public static let leakySlope = 0.01

    /// `a[i] = f(z[i])` for `i < count`.
    func forward<T: BLASScalar>(_ z: UnsafePointer<T>, into a: UnsafeMutablePointer<T>, count: Int) {
        switch self {
        case .relu:
            // As numpy's `maximum(z, 0)`: NaN passes through (so divergence shows as NaN).
            for i in 0..<count {
                let v = z[i]
                a[i] = v < 0 ? 0 : v
            }
        case .leakyRelu:
            let slope = T(Self.leakySlope)
            for i in 0..<count {
                let v = z[i]
                a[i] = v > 0 ? v : slope * v
            }
        case .tanh:
            for i in 0..<count { a[i] = T.tanh(z[i]) }
        case .sigmoid:
            for i in 0..<count { a[i] = 1 / (1 + T.vectorizableExp(-z[i])) }
        case .gelu:
            let invSqrt2 = T(0.707_106_781_186_547_524_4)
            for i in 0..<count {
                let v = z[i]
                a[i] = v * (1 + T.erf(v * invSqrt2)) / 2
            }
        }
    }

    /// `delta[i] = upstream[i] · f′(z[i])` (given both `z` and `a = f(z)`, whichever is
    /// cheaper). `delta` must not overlap `upstream`: an in-place select is turned into a
    /// conditional store, which does not vectorise.
    func backward<T: BLASScalar>(z: UnsafePointer<T>, a: UnsafePointer<T>, upstream: UnsafePointer<T>,
                                 into delta: UnsafeMutablePointer<T>, count: Int) {
        switch self {
        case .relu:
            // As numpy's `da[z <= 0] = 0`, kinks included.
            for i in 0..<count {
                let d = upstream[i], v = z[i]
                delta[i] = v <= 0 ? 0 : d
            }
        case .leakyRelu:
            let slope = T(Self.leakySlope)
            for i in 0..<count {
                let d = upstream[i]
                delta[i] = z[i] > 0 ? d : slope * d
            }
        case .tanh:
            for i in 0..<count { delta[i] = upstream[i] * (1 - a[i] * a[i]) }
        case .sigmoid:
            for i in 0..<count { delta[i] = upstream[i] * a[i] * (1 - a[i]) }
        case .gelu:
            let invSqrt2 = T(0.707_106_781_186_547_524_4)
            let invSqrt2Pi = T(0.398_942_280_401_432_677_9)
            for i in 0..<count {
                let v = z[i]
                let cdf = (1 + T.erf(v * invSqrt2)) / 2
                let pdf = T.exp(-v * v / 2) * invSqrt2Pi
                delta[i] = upstream[i] * (cdf + v * pdf)
            }
        }
    }
}
