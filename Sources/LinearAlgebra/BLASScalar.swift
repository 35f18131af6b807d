/// Whether a matrix operand of `gemm` is used as stored or transposed.
public enum Transpose: Sendable {
    case none
    case transpose
}

/// A floating-point type the trainer can run in: `Float` (training, through `cblas_sgemm`)
/// and `Double` (gradient checks, through `cblas_dgemm`).
///
/// Besides the matrix product, it names the few scalar functions the kernels need, so that
/// generic code calls the right precision's libm function.
public protocol BLASScalar: BinaryFloatingPoint, Sendable {
    /// `C ← alpha · op(A) · op(B) + beta · C`, all matrices row-major.
    ///
    /// Shapes: `op(A)` is `m×k`, `op(B)` is `k×n`, `C` is `m×n`. `lda`, `ldb`, `ldc` are the
    /// row strides (elements) of the matrices as stored: `A` is stored `m×k` (`lda ≥ k`) when
    /// not transposed and `k×m` (`lda ≥ m`) when transposed; likewise for `B`.
    static func gemm(_ transposeA: Transpose, _ transposeB: Transpose,
                     m: Int, n: Int, k: Int,
                     alpha: Self, a: UnsafePointer<Self>, lda: Int,
                     b: UnsafePointer<Self>, ldb: Int,
                     beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)

    /// eˣ in this precision.
    static func exp(_ x: Self) -> Self
    /// eˣ written so that loops over it vectorise (`Float`: within 2 ulp, see its doc;
    /// `Double`: `exp`). For elementwise kernels such as softmax.
    static func vectorizableExp(_ x: Self) -> Self
    /// `Σ x[i]²` of `count` elements, accumulated at least in Double precision per block,
    /// deterministic (fixed order). For gradient norms.
    static func sumOfSquares(_ x: UnsafePointer<Self>, count: Int) -> Double
    /// The natural logarithm in this precision.
    static func log(_ x: Self) -> Self
    /// The hyperbolic tangent in this precision.
    static func tanh(_ x: Self) -> Self
    /// The error function `erf(x) = 2/√π ∫₀ˣ e^(−t²) dt` in this precision (for exact GELU).
    static func erf(_ x: Self) -> Self
}

extension BLASScalar {
    /// `gemm` over buffer pointers, with the sizes checked against the shapes first.
    ///
    /// Packed (leading dimension = row length) row-major matrices; see the pointer form.
    @inlinable
    public static func gemm(_ transposeA: Transpose, _ transposeB: Transpose,
                            m: Int, n: Int, k: Int,
                            alpha: Self, a: UnsafeBufferPointer<Self>,
                            b: UnsafeBufferPointer<Self>,
                            beta: Self, c: UnsafeMutableBufferPointer<Self>) {
        precondition(m >= 0 && n >= 0 && k >= 0, "gemm: negative dimension")
        precondition(a.count >= m * k && b.count >= k * n && c.count >= m * n, "gemm: buffer too small")
        guard m > 0, n > 0 else { return }
        let lda = transposeA == .none ? k : m
        let ldb = transposeB == .none ? n : k
        gemm(transposeA, transposeB, m: m, n: n, k: k,
             alpha: alpha, a: a.baseAddress!, lda: max(lda, 1),
             b: b.baseAddress!, ldb: max(ldb, 1),
             beta: beta, c: c.baseAddress!, ldc: n)
    }
}
