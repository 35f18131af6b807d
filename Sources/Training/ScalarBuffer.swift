import LinearAlgebra

/// A fixed-size, zero-initialised, heap-allocated buffer with a stable address, for the
/// kernels' hot loops (no copy-on-write, no exclusivity checks, no reallocation).
final class ScalarBuffer<T: BLASScalar> {
    let pointer: UnsafeMutableBufferPointer<T>

    init(count: Int) {
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0)
    }

    deinit { pointer.deallocate() }

    var base: UnsafeMutablePointer<T> { pointer.baseAddress! }
    var count: Int { pointer.count }
}
