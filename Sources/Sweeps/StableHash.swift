import Foundation

/// FNV-1a, 64 bit: a hash that is the same on every machine and every run
/// (Swift's `Hasher` is seeded per process, so it cannot name files).
struct StableHash {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func combine(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        value ^= 0xFF  // separator, so ("ab","c") and ("a","bc") differ
        value = value &* 0x0000_0100_0000_01B3
    }

    static func of(_ parts: String...) -> UInt64 {
        var hash = StableHash()
        for part in parts { hash.combine(part) }
        return hash.value
    }

    /// Lowercase hex, zero-padded to 16 digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// A hash of a file's bytes, 8 at a time; 0 when unreadable. The file is read a megabyte at a
    /// time (memory stays flat whatever its size), and the hash is kept per path, size,
    /// modification time and file number, so the runs of a large grid over one data file read it once.
    static func ofFile(_ path: String) -> UInt64 {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.intValue else { return 0 }
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSinceReferenceDate ?? 0
        // The file number too: a file replaced by another (an editor's or a script's atomic save)
        // within one tick of the clock keeps its size and time but not its number.
        let number = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        let key = "\(size) \(modified) \(number) \(path)"
        if let known = fileHashes.withLock({ $0[key] }) { return known }
        guard let handle = FileHandle(forReadingAtPath: path) else { return 0 }
        defer { try? handle.close() }
        var value: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(size)
        var count = 0
        var tail = Data()
        while let data = try? handle.read(upToCount: 1 << 20), !data.isEmpty {
            count += data.count
            let chunk = tail.isEmpty ? data : tail + data
            let words = chunk.count / 8
            chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                for i in 0..<words {
                    value = (value ^ raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* 0x0000_0100_0000_01B3
                    value ^= value >> 29
                }
            }
            tail = chunk.subdata(in: (chunk.startIndex + words * 8)..<chunk.endIndex)
        }
        for byte in tail { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        guard count == size else { return 0 }  // changed while read: no stable name
        fileHashes.withLock { $0[key] = value }
        return value
    }

    private static let fileHashes = LockedDictionary()
}

/// The file hashes computed so far in this process.
private final class LockedDictionary: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: UInt64] = [:]

    func withLock<R>(_ body: (inout [String: UInt64]) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&values)
    }
}
