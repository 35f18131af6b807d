import LinearAlgebra

/// The input rows of a training pass.
///
/// - `contiguous`: a row-major block (a gathered minibatch, or rows of a table read in place
///   by evaluation).
/// - `rows`: rows of the training table picked by index, read in place by the first layer's
///   row kernels (`RowKernels`: `Float` on x86-64 with AVX2 or AVX-512), so the minibatch is never copied.
enum PassInput<T: BLASScalar> {
    case contiguous(UnsafePointer<T>)
    case rows(table: UnsafePointer<Float>, indices: UnsafePointer<Int>)

    /// Whether training passes of `T` can read table rows by index here (`RowKernels.available`).
    static var rowKernelsRun: Bool { T.self == Float.self && RowKernels.available }
}
