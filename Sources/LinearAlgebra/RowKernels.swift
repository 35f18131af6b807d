import CRowKernels

/// The first layer's two products read straight from the training table's rows, picked by
/// index, so a minibatch is never gathered (`CRowKernels`; AVX-512 only, see `available`).
///
/// On 60,000 × 784 MNIST-shaped rows, batch 256, hidden 128, the forward product ran at
/// 110 GFLOP/s against 105 for gathering the rows and calling OpenBLAS's sgemm on them (the
/// gather alone was a tenth of a step), and the weight gradient at 109 against 100.
public enum RowKernels {
    /// Whether this CPU runs them (x86-64 with AVX-512F and FMA). Elsewhere callers gather the
    /// rows and use BLAS.
    public static let available: Bool = lrlab_row_kernels_available() != 0

    /// `z[r, n] += Σ_k table[rows[r], k] · w[k, n]` for `r < count`; `table` rows have
    /// `inputs` values, `w` is `inputs × outputs`, `z` is `count × outputs` (all row-major).
    public static func forward(table: UnsafePointer<Float>, inputs: Int, rows: UnsafePointer<Int>, count: Int,
                               weights: UnsafePointer<Float>, outputs: Int, into z: UnsafeMutablePointer<Float>) {
        precondition(available, "the row kernels need AVX-512")
        lrlab_rows_forward(table, inputs, rows, count, inputs, weights, outputs, z)
    }

    /// `g[f, n] = Σ_r table[rows[r], f] · delta[r, n]` for `r < count` (`g` is `inputs × outputs`,
    /// overwritten; `delta` is `count × outputs`); `count` ≥ 1.
    public static func weightGradient(table: UnsafePointer<Float>, inputs: Int, rows: UnsafePointer<Int>, count: Int,
                                      delta: UnsafePointer<Float>, outputs: Int, into g: UnsafeMutablePointer<Float>) {
        precondition(available && count >= 1, "the row kernels need AVX-512 and at least one row")
        lrlab_rows_weight_gradient(table, inputs, rows, count, inputs, delta, outputs, g)
    }
}
