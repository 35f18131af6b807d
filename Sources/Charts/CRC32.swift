/// CRC-32 as PNG chunks use it (ISO 3309, the same as zlib's `crc32` and gzip): the reflected
/// polynomial 0xEDB88320, starting from 0xFFFFFFFF and inverted at the end, one table lookup per byte.
struct CRC32 {
    /// The remainder of each byte value, built once.
    private static let table: [UInt32] = (0...255).map { byte in
        var c = UInt32(byte)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    private var state: UInt32 = 0xFFFF_FFFF

    /// The checksum of the bytes added so far (0 for none).
    var value: UInt32 { ~state }

    /// Adds `bytes` to the checksum, as if appended to those added before.
    mutating func update(_ bytes: [UInt8]) {
        var c = state
        Self.table.withUnsafeBufferPointer { table in
            for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        }
        state = c
    }

    /// The checksum of `bytes`.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }
}
