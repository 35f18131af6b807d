import LinearAlgebra

/// A dataset's rows in place: row-major features and labels.
struct Table<T: BLASScalar> {
    let features: UnsafePointer<T>?
    let labels: UnsafePointer<Int32>?
    let count: Int
}
