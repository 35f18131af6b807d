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

    /// A hash of a file's bytes, 8 at a time (fast enough for MNIST-sized files); 0 when unreadable.
    static func ofFile(_ path: String) -> UInt64 {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        var value: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(data.count)
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let words = raw.count / 8
            for i in 0..<words {
                value = (value ^ raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* 0x0000_0100_0000_01B3
                value ^= value >> 29
            }
            for i in (words * 8)..<raw.count {
                value = (value ^ UInt64(raw[i])) &* 0x0000_0100_0000_01B3
            }
        }
        return value
    }
}
