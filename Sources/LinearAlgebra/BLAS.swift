// The only file that touches OpenBLAS.
import COpenBLAS
public import Foundation

/// Process-wide settings of the BLAS library.
public enum BLAS {
    /// Sets how many threads OpenBLAS may use for one call (process-wide).
    ///
    /// Sweeps that train several runs at once set 1; a single run may use all cores.
    /// Values below 1 are treated as 1.
    public static func setThreads(_ n: Int) {
        openblas_set_num_threads(Int32(clamping: max(1, n)))
    }

    /// How many threads OpenBLAS currently uses.
    public static var threads: Int { Int(openblas_get_num_threads()) }
}

@inline(__always)
private func cblasTranspose(_ t: Transpose) -> CBLAS_TRANSPOSE {
    t == .none ? CblasNoTrans : CblasTrans
}

extension Float: BLASScalar {
    public static func gemm(_ transposeA: Transpose, _ transposeB: Transpose,
                            m: Int, n: Int, k: Int,
                            alpha: Float, a: UnsafePointer<Float>, lda: Int,
                            b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, cblasTranspose(transposeA), cblasTranspose(transposeB),
                    blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda),
                    b, blasint(ldb), beta, c, blasint(ldc))
    }

    @inlinable public static func exp(_ x: Float) -> Float { Foundation.exp(x) }
    @inlinable public static func log(_ x: Float) -> Float { Foundation.log(x) }
    @inlinable public static func tanh(_ x: Float) -> Float { Foundation.tanh(x) }
    @inlinable public static func erf(_ x: Float) -> Float { Foundation.erf(x) }
}

extension Double: BLASScalar {
    public static func gemm(_ transposeA: Transpose, _ transposeB: Transpose,
                            m: Int, n: Int, k: Int,
                            alpha: Double, a: UnsafePointer<Double>, lda: Int,
                            b: UnsafePointer<Double>, ldb: Int,
                            beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dgemm(CblasRowMajor, cblasTranspose(transposeA), cblasTranspose(transposeB),
                    blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda),
                    b, blasint(ldb), beta, c, blasint(ldc))
    }

    @inlinable public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    @inlinable public static func log(_ x: Double) -> Double { Foundation.log(x) }
    @inlinable public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
    @inlinable public static func erf(_ x: Double) -> Double { Foundation.erf(x) }
}
