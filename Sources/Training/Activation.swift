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
            for i in 0..<count {
                let v = z[i]
                a[i] = v > 0 ? v : 0
            }
        }
    }

    /// `delta[i] *= f′(z[i])` (given both `z` and `a = f(z)`, whichever is cheaper).
    func backward<T: BLASScalar>(z: UnsafePointer<T>, a: UnsafePointer<T>,
                                 delta: UnsafeMutablePointer<T>, count: Int) {
        switch self {
        case .relu:
            // numpy's reference zeroes where z <= 0; the same here, kinks included.
            for i in 0..<count {
                delta[i] = z[i] > 0 ? delta[i] : 0
            }
        }
    }
}
