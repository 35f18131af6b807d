/// A valid gzip file of `prefix` followed by `zeros` zero bytes, compressed about 1,000:1 (the
/// most deflate allows) without zlib: one fixed-Huffman block of literals, then back-references
/// of 258 bytes at distance 1. 100 MB of zeros take about 630 KB. For "gzip bomb" tests.
public func gzipWithZeros(prefix: [UInt8] = [], zeros: Int) -> [UInt8] {
    var bits = BitWriter()
    bits.write(1, count: 1)  // BFINAL
    bits.write(1, count: 2)  // BTYPE 01: fixed Huffman codes
    func literal(_ v: Int) {
        if v < 144 { bits.huffman(0x30 + v, length: 8) } else { bits.huffman(0x190 + v - 144, length: 9) }
    }
    for byte in prefix { literal(Int(byte)) }
    var left = zeros
    if left > 0 { literal(0); left -= 1 }
    while left >= 258 {
        bits.huffman(0xC0 + 5, length: 8)  // length code 285: 258 bytes
        bits.huffman(0, length: 5)  // distance code 0: distance 1
        left -= 258
    }
    while left > 0 { literal(0); left -= 1 }
    bits.huffman(0, length: 7)  // end of block (256)
    var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
    out += bits.finish()
    let payloadCRC = crc32(prefix, zeros: zeros)
    let size = UInt32(truncatingIfNeeded: prefix.count + zeros)
    for v in [payloadCRC, size] { out += (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
    return out
}

private struct BitWriter {
    var bytes: [UInt8] = []
    var accumulator: UInt64 = 0
    var filled = 0

    /// `count` bits of `value`, least significant first (deflate's header and extra bits).
    mutating func write(_ value: Int, count: Int) {
        accumulator |= UInt64(value & ((1 << count) - 1)) << UInt64(filled)
        filled += count
        while filled >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: accumulator))
            accumulator >>= 8
            filled -= 8
        }
    }

    /// A Huffman code, most significant bit first.
    mutating func huffman(_ code: Int, length: Int) {
        var reversed = 0
        for i in 0..<length where code & (1 << i) != 0 { reversed |= 1 << (length - 1 - i) }
        write(reversed, count: length)
    }

    mutating func finish() -> [UInt8] {
        if filled > 0 { bytes.append(UInt8(truncatingIfNeeded: accumulator)) }
        return bytes
    }
}

/// CRC-32 (gzip's) of `prefix` followed by `zeros` zero bytes.
private func crc32(_ prefix: [UInt8], zeros: Int) -> UInt32 {
    var table = [UInt32](repeating: 0, count: 256)
    for i in 0..<256 {
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        table[i] = c
    }
    var crc: UInt32 = 0xFFFF_FFFF
    func feed(_ byte: UInt8) { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    for byte in prefix { feed(byte) }
    for _ in 0..<zeros { feed(0) }
    return crc ^ 0xFFFF_FFFF
}
