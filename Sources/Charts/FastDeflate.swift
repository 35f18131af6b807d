/// A run-length deflate encoder (RFC 1950/1951) with the fixed Huffman code: each run of a repeated
/// byte becomes one literal and distance-1 matches. Fast on filtered chart images; pure Swift.
enum FastDeflate {
    /// Bit-reversed fixed Huffman codes and lengths for literal/length symbols 0...287.
    private static let literalCodes: [(code: UInt32, length: Int)] = (0...287).map { sym in
        let (code, length): (UInt32, Int)
        switch sym {
        case 0...143: (code, length) = (UInt32(0x30 + sym), 8)
        case 144...255: (code, length) = (UInt32(0x190 + sym - 144), 9)
        case 256...279: (code, length) = (UInt32(sym - 256), 7)
        default: (code, length) = (UInt32(0xC0 + sym - 280), 8)
        }
        var r: UInt32 = 0
        for i in 0..<length where code & (1 << UInt32(i)) != 0 { r |= 1 << UInt32(length - 1 - i) }
        return (r, length)
    }

    private static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                      67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
                                      4, 4, 4, 4, 5, 5, 5, 5, 0]

    /// For match lengths 3...258: symbol index into the bases, and the extra-bits value.
    private static let lengthTable: [(index: Int, extra: Int)] = (0...258).map { len in
        guard len >= 3 else { return (0, 0) }
        let i = lengthBases.lastIndex(where: { $0 <= len }) ?? 0
        return (i, len - lengthBases[i])
    }

    private struct BitWriter {
        var out: [UInt8] = []
        var acc: UInt64 = 0
        var count = 0

        mutating func write(_ bits: UInt32, _ n: Int) {
            acc |= UInt64(bits) << UInt64(count)
            count += n
            if count >= 32 {
                let word = UInt32(truncatingIfNeeded: acc)
                out.append(contentsOf: [UInt8(truncatingIfNeeded: word), UInt8(truncatingIfNeeded: word >> 8),
                                        UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 24)])
                acc >>= 32
                count -= 32
            }
        }

        mutating func flush() {
            while count > 0 {
                out.append(UInt8(truncatingIfNeeded: acc))
                acc >>= 8
                count -= 8
            }
            acc = 0
            count = 0
        }
    }

    private static func encodeRuns(_ buf: UnsafeBufferPointer<UInt8>, into w: inout BitWriter) {
        guard let base = buf.baseAddress else { return }
        let codes = literalCodes, table = lengthTable, extras = lengthExtra
        let n = buf.count
        var i = 0
        while i < n {
            let v = base[i]
            var j = i + 1
            // Skip whole 8-byte words of the repeated byte, then finish byte by byte.
            let pattern = UInt64(v) &* 0x0101_0101_0101_0101
            while j + 8 <= n && UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self) == pattern { j += 8 }
            while j < n && base[j] == v { j += 1 }
            let lit = codes[Int(v)]
            w.write(lit.code, lit.length)
            var rest = j - i - 1
            while rest >= 3 {
                let len = min(rest, 258)
                let entry = table[len]
                let sym = codes[257 + entry.index]
                w.write(sym.code, sym.length)
                if extras[entry.index] > 0 { w.write(UInt32(entry.extra), extras[entry.index]) }
                w.write(0, 5)  // distance code 0 = distance 1
                rest -= len
            }
            for _ in 0..<rest { w.write(lit.code, lit.length) }
            i = j
        }
    }

    /// A zlib stream (header, one fixed-Huffman block, Adler-32) holding `input`.
    static func zlibStream(_ input: [UInt8]) -> [UInt8] {
        var w = BitWriter()
        w.out.reserveCapacity(input.count / 8 + 1024)
        w.out += [0x78, 0x01]
        w.write(1, 1)  // BFINAL
        w.write(1, 2)  // BTYPE = fixed Huffman
        input.withUnsafeBufferPointer { encodeRuns($0, into: &w) }
        let codes = literalCodes
        let end = codes[256]
        w.write(end.code, end.length)
        w.flush()
        let a = PNGWriter.adler32(input)
        w.out += [UInt8(a >> 24), UInt8((a >> 16) & 0xFF), UInt8((a >> 8) & 0xFF), UInt8(a & 0xFF)]
        return w.out
    }
}
