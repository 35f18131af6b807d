import CCairo
import Foundation

// The only file that touches zlib (for its CRC-32 and Adler-32): a fast PNG encoder for Cairo's RGB24
// pixels. Cairo's own writer uses libpng's defaults (adaptive filters, zlib level 6): ~80 ms for
// 1600 × 1000, and even zlib's run-length strategy needs ~15 ms. Charts are mostly flat colour, so the
// Sub filter turns them into long runs, which `FastDeflate` codes in ~2 ms at ~2× the size of libpng's.

/// Encodes 8-bit RGB pixels as a PNG file.
enum PNGWriter {
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        let a = bytes.withUnsafeBufferPointer { CCairo.adler32(1, $0.baseAddress, UInt32($0.count)) }
        return UInt32(truncatingIfNeeded: a)
    }

    /// `pixels` are Cairo RGB24 words (0x00RRGGBB), `stride` bytes per row.
    static func encode(width: Int, height: Int, stride: Int, pixels: UnsafePointer<UInt8>) -> [UInt8] {
        let rowBytes = width * 3 + 1
        var raw = [UInt8](repeating: 0, count: rowBytes * height)
        raw.withUnsafeMutableBufferPointer { out in
            guard let o = out.baseAddress else { return }
            for y in 0..<height {
                let row = UnsafeRawPointer(pixels + y * stride).assumingMemoryBound(to: UInt32.self)
                let dst = o + y * rowBytes
                dst[0] = 1  // Sub filter
                var pr: UInt8 = 0, pg: UInt8 = 0, pb: UInt8 = 0
                for x in 0..<width {
                    let v = row[x]
                    let r = UInt8(truncatingIfNeeded: v >> 16), g = UInt8(truncatingIfNeeded: v >> 8)
                    let b = UInt8(truncatingIfNeeded: v)
                    let d = dst + 1 + x * 3
                    d[0] = r &- pr
                    d[1] = g &- pg
                    d[2] = b &- pb
                    (pr, pg, pb) = (r, g, b)
                }
            }
        }
        let idat = FastDeflate.zlibStream(raw)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr: [UInt8] = []
        ihdr += bigEndian(UInt32(width))
        ihdr += bigEndian(UInt32(height))
        ihdr += [8, 2, 0, 0, 0]
        appendChunk(&png, "IHDR", ihdr)
        appendChunk(&png, "IDAT", idat)
        appendChunk(&png, "IEND", [])
        return png
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    private static func appendChunk(_ png: inout [UInt8], _ type: String, _ data: [UInt8]) {
        let typeBytes = Array(type.utf8)
        png += bigEndian(UInt32(data.count))
        var crc = crc32(0, nil, 0)
        crc = typeBytes.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
        crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
        png += typeBytes
        png += data
        png += bigEndian(UInt32(truncatingIfNeeded: crc))
    }
}
