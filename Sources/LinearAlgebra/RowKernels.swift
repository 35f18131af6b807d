import CRowKernels

/// The first layer's two products read straight from the training table's rows, picked by
/// index, so a minibatch is never gathered (`CRowKernels`: AVX-512, else AVX2; see `available`).
///
/// On 60,000 × 784 MNIST-shaped rows, batch 256, hidden 128, the forward product ran at
/// 110 GFLOP/s against 105 for gathering the rows and calling OpenBLAS's sgemm on them (the
/// gather alone was a tenth of a step), and the weight gradient at 109 against 100.
public enum RowKernels {
    /// The kernels a CPU can run, widest last.
    public enum Level: Int32, Sendable, CaseIterable, Comparable {
        /// Plain loops (correct, not fast: training uses BLAS instead).
        case plain = 0
        case avx2 = 1
        case avx512 = 2

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    /// The widest kernels this CPU runs.
    public static let level: Level = Level(rawValue: lrlab_row_kernels_level()) ?? .plain

    /// Whether training uses them here (x86-64 with AVX2 or AVX-512, and FMA). Elsewhere
    /// callers gather the rows and use BLAS.
    public static var available: Bool { level > .plain }

    /// `z[r, n] += Σ_k table[rows[r], k] · w[k, n]` for `r < count`; `table` rows have
    /// `inputs` values, `w` is `inputs × outputs`, `z` is `count × outputs` (all row-major).
    /// `rows` nil reads rows 0, 1, 2, … (a block, as evaluation does). `at` picks narrower
    /// kernels than the CPU's (tests); wider ones than it runs are not used.
    public static func forward(table: UnsafePointer<Float>, inputs: Int, rows: UnsafePointer<Int>?, count: Int,
                               weights: UnsafePointer<Float>, outputs: Int, into z: UnsafeMutablePointer<Float>,
                               at: Level = level) {
        lrlab_rows_forward_at(min(at, level).rawValue, table, inputs, rows, count, inputs, weights, outputs, z)
    }

    /// `g[f, n] = Σ_r table[rows[r], f] · delta[r, n]` for `r < count` (`g` is `inputs × outputs`,
    /// overwritten; `delta` is `count × outputs`).
    public static func weightGradient(table: UnsafePointer<Float>, inputs: Int, rows: UnsafePointer<Int>, count: Int,
                                      delta: UnsafePointer<Float>, outputs: Int, into g: UnsafeMutablePointer<Float>,
                                      at: Level = level) {
        lrlab_rows_weight_gradient_at(min(at, level).rawValue, table, inputs, rows, count, inputs, delta, outputs, g)
    }
}
