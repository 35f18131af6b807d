#if canImport(Glibc)
import Glibc
#endif
import LinearAlgebra

/// A fixed-size, zero-initialised, heap-allocated buffer with a stable address, for the
/// kernels' hot loops (no copy-on-write, no exclusivity checks, no reallocation).
final class ScalarBuffer<T: BLASScalar> {
    let pointer: UnsafeMutableBufferPointer<T>
    /// The values asked for. An empty buffer still allocates one value so `base` is valid;
    /// that placeholder is not counted here (nor in `bytes`).
    let count: Int
    /// Whether `pointer` came from `posix_memalign` (freed with `free`) rather than `allocate`.
    private let aligned: Bool

    /// A zeroed buffer of `count` values.
    init(count: Int) {
        self.count = max(count, 0)
        (pointer, aligned) = Self.allocate(capacity: max(count, 1), largePages: false)
        pointer.initialize(repeating: 0)
    }

    /// A buffer holding `values` as `T`. With `largePages`, a buffer of at least two large
    /// pages is on 2 MiB pages where the system has them (`LargePages`).
    init(converting values: [Float], largePages: Bool = false) {
        count = values.count
        (pointer, aligned) = Self.allocate(capacity: max(values.count, 1), largePages: largePages)
        if values.isEmpty {
            pointer.initialize(repeating: 0)  // the placeholder
        } else if T.self == Float.self {
            values.withUnsafeBufferPointer { source in
                UnsafeMutableRawPointer(pointer.baseAddress!).copyMemory(
                    from: UnsafeRawPointer(source.baseAddress!), byteCount: source.count * MemoryLayout<Float>.stride)
            }
        } else {
            for i in values.indices { (pointer.baseAddress! + i).initialize(to: T(values[i])) }
        }
    }

    private static func allocate(capacity: Int, largePages: Bool) -> (UnsafeMutableBufferPointer<T>, aligned: Bool) {
        let bytes = capacity.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        if largePages, !bytes.overflow, bytes.partialValue >= 2 * LargePages.bytes,
           let raw = LargePages.allocate(bytes: bytes.partialValue) {
            return (UnsafeMutableBufferPointer(start: raw.bindMemory(to: T.self, capacity: capacity), count: capacity), true)
        }
        return (.allocate(capacity: capacity), false)
    }

    deinit {
        if aligned {
            free(UnsafeMutableRawPointer(pointer.baseAddress))
        } else {
            pointer.deallocate()
        }
    }

    var base: UnsafeMutablePointer<T> { pointer.baseAddress! }
    /// `count` values' bytes.
    var bytes: Int { count * MemoryLayout<T>.stride }
}
