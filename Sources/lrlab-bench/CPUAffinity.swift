import Foundation

/// Pinning the whole process (every existing thread, and so the threads they start) to its
/// first `n` allowed cores, as `../shared/bench/common.py` does with `sched_setaffinity`.
///
/// glibc declares `sched_{get,set}affinity` only under `_GNU_SOURCE`, which Swift's Glibc
/// module does not define, so they are looked up at run time.
enum CPUAffinity {
    private typealias Call = @convention(c) (Int32, Int, UnsafeMutableRawPointer) -> Int32
    /// Bytes of a `cpu_set_t` (1024 CPUs).
    private static let setSize = 128

    private static func function(_ name: String) -> Call? {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, name) else { return nil }
        return unsafeBitCast(symbol, to: Call.self)
    }

    /// `function(0, size, bytes)` for this thread; −1 when there is no buffer.
    private static func call(_ function: Call, _ bytes: inout [UInt8]) -> Int32 {
        bytes.withUnsafeMutableBytes { raw in raw.baseAddress.map { function(0, setSize, $0) } ?? -1 }
    }

    /// Restricts every thread of this process to the first `n` cores it may run on.
    /// Best effort: failures leave the affinity as it was.
    static func limit(to n: Int) {
        guard let get = function("sched_getaffinity"), let set = function("sched_setaffinity") else { return }
        var allowed = [UInt8](repeating: 0, count: setSize)
        guard call(get, &allowed) == 0 else { return }
        var chosen = [UInt8](repeating: 0, count: setSize)
        var kept = 0
        for bit in 0..<(setSize * 8) where kept < n && allowed[bit / 8] & (1 << (bit % 8)) != 0 {
            chosen[bit / 8] |= 1 << (bit % 8)
            kept += 1
        }
        guard kept > 0 else { return }
        // A thread id is a pid for sched_setaffinity; OpenBLAS's pool already exists at this point.
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        chosen.withUnsafeMutableBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            for task in tasks.compactMap({ Int32($0) }) { _ = set(task, setSize, base) }
            _ = set(0, setSize, base)
        }
    }

    /// How many cores this thread may run on now (0 when unknown).
    static func allowedCount() -> Int {
        guard let get = function("sched_getaffinity") else { return 0 }
        var set = [UInt8](repeating: 0, count: setSize)
        guard call(get, &set) == 0 else { return 0 }
        return set.reduce(0) { $0 + $1.nonzeroBitCount }
    }
}
