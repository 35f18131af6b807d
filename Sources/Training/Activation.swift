import LinearAlgebra

/// Hidden-layer nonlinearity, applied elementwise: `a = f(z)`, backward `δz = δa ⊙ f′(z)`.
///
/// Loops run over raw buffers so the optimizer vectorises them.
enum Activation: String, Sendable, CaseIterable {
    case relu

    /// `a[i] = f(z[i])` for `i < count`.
    func forward<T: BLASScalar>(_ z: UnsafePointer<T>, into a: UnsafeMutablePointer<T>, count: Int) {
        switch self {
        case .relu:
            // As numpy's `maximum(z, 0)`: NaN passes through (so divergence shows as NaN).
            for i in 0..<count {
                let v = z[i]
                a[i] = v < 0 ? 0 : v
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
        }
    }
}
