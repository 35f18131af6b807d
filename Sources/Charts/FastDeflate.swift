/// A run-length deflate encoder (RFC 1950/1951) for PNG scanlines, with the fixed Huffman code:
/// each run of zero bytes becomes one literal and distance-1 matches. Pure Swift, one pass.
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

        @inline(__always)
        mutating func write(_ bits: UInt32, _ n: Int) {
            acc |= UInt64(bits) << UInt64(count)
            count += n
            if count >= 32 {
                out.append(UInt8(truncatingIfNeeded: acc))
                out.append(UInt8(truncatingIfNeeded: acc >> 8))
                out.append(UInt8(truncatingIfNeeded: acc >> 16))
                out.append(UInt8(truncatingIfNeeded: acc >> 24))
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

    /// Adler-32 kept incrementally; a run of zeros updates it in O(1). Sums are reduced modulo 65521
    /// every 4,096 updates (far below UInt64 overflow).
    private struct Adler {
        var a: UInt64 = 1
        var b: UInt64 = 0
        var pending = 0

        mutating func add(_ byte: UInt8) {
            a += UInt64(byte)
            b += a
            tick()
        }

        mutating func addZeros(_ n: Int) {
            b += UInt64(n) * a
            tick()
        }

        private mutating func tick() {
            pending += 1
            if pending >= 4096 { reduce() }
        }

        mutating func reduce() {
            a %= 65521
            b %= 65521
            pending = 0
        }

        var value: UInt32 {
            var c = self
            c.reduce()
            return UInt32(c.b << 16 | c.a)
        }
    }

    private struct Encoder {
        var w = BitWriter()
        var adler = Adler()
        var zeros = 0
        let codes = FastDeflate.literalCodes, table = FastDeflate.lengthTable, extras = FastDeflate.lengthExtra

        @inline(__always)
        mutating func literal(_ byte: UInt8) {
            let c = codes[Int(byte)]
            w.write(c.code, c.length)
            adler.add(byte)
        }

        @inline(__always)
        mutating func byte(_ v: UInt8) {
            if v == 0 { zeros += 1 } else { flushZeros(); literal(v) }
        }

        /// A run of zero bytes: one literal 0, then distance-1 matches of up to 258 bytes.
        mutating func flushZeros() {
            guard zeros > 0 else { return }
            literal(0)
            var rest = zeros - 1
            adler.addZeros(rest)
            while rest >= 3 {
                let len = min(rest, 258)
                let entry = table[len]
                let sym = codes[257 + entry.index]
                w.write(sym.code, sym.length)
                if extras[entry.index] > 0 { w.write(UInt32(entry.extra), extras[entry.index]) }
                w.write(0, 5)  // distance code 0 = distance 1
                rest -= len
            }
            let zero = codes[0]
            for _ in 0..<rest { w.write(zero.code, zero.length) }
            zeros = 0
        }
    }

    /// A zlib stream of PNG scanlines (Sub filter, 8-bit RGB) made straight from Cairo RGB24 words
    /// (0x00RRGGBB, `stride` bytes per row): the filtered bytes are never materialised, and runs of
    /// equal pixels become runs of zero bytes.
    static func zlibStream(rgb24 pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int) -> [UInt8] {
        var e = Encoder()
        e.w.out.reserveCapacity(width * height / 4 + 1024)
        e.w.out += [0x78, 0x01]
        e.w.write(1, 1)  // BFINAL
        e.w.write(1, 2)  // BTYPE = fixed Huffman
        for y in 0..<height {
            let row = UnsafeRawPointer(pixels + y * stride).assumingMemoryBound(to: UInt32.self)
            e.byte(1)  // filter type Sub
            var prev: UInt32 = 0
            for x in 0..<width {
                let p = row[x] & 0xFF_FFFF
                if p == prev {
                    e.zeros += 3
                    continue
                }
                e.byte(UInt8(truncatingIfNeeded: p >> 16) &- UInt8(truncatingIfNeeded: prev >> 16))
                e.byte(UInt8(truncatingIfNeeded: p >> 8) &- UInt8(truncatingIfNeeded: prev >> 8))
                e.byte(UInt8(truncatingIfNeeded: p) &- UInt8(truncatingIfNeeded: prev))
                prev = p
            }
            e.flushZeros()
        }
        let end = e.codes[256]
        e.w.write(end.code, end.length)
        e.w.flush()
        let a = e.adler.value
        e.w.out += [UInt8(a >> 24), UInt8((a >> 16) & 0xFF), UInt8((a >> 8) & 0xFF), UInt8(a & 0xFF)]
        return e.w.out
    }
}
