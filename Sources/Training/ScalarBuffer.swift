import LinearAlgebra

/// A fixed-size, zero-initialised, heap-allocated buffer with a stable address, for the
/// kernels' hot loops (no copy-on-write, no exclusivity checks, no reallocation).
final class ScalarBuffer<T: BLASScalar> {
    let pointer: UnsafeMutableBufferPointer<T>
    /// The values asked for. An empty buffer still allocates one value so `base` is valid;
    /// that placeholder is not counted here (nor in `bytes`).
    let count: Int

    init(count: Int) {
        self.count = max(count, 0)
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0)
    }

    deinit { pointer.deallocate() }

    var base: UnsafeMutablePointer<T> { pointer.baseAddress! }
    /// `count` values' bytes.
    var bytes: Int { count * MemoryLayout<T>.stride }
}
