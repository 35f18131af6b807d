import CZlib
import Diagnostics

/// Decompression of gzip (`.gz`) and zlib streams through zlib; the only file that touches zlib.
enum Gzip {
    /// Largest output accepted (bytes): more is treated as a damaged or hostile file.
    static let maxOutputBytes = 1 << 33

    /// Whether `bytes` start with the gzip magic number `1f 8b`.
    static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed contents of a gzip file (all members, concatenated).
    /// `path` only names the file in errors.
    static func decompress(_ input: [UInt8], path: String) throws(InputError) -> [UInt8] {
        func fail(_ why: String) -> InputError {
            InputError("cannot decompress '\(path)': \(why)", at: SourceLocation(file: path, line: 1, column: 1))
        }
        var stream = z_stream()
        // 15 window bits + 32: detect gzip or zlib headers automatically.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw fail("zlib could not start")
        }
        defer { inflateEnd(&stream) }

        var output = [UInt8]()
        output.reserveCapacity(min(maxOutputBytes, max(1 << 16, input.count.multipliedReportingOverflow(by: 4).partialValue)))
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        var offset = 0
        while true {
            let status = input.withUnsafeBufferPointer { source -> Int32 in
                chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                    guard let base = source.baseAddress, let out = target.baseAddress else { return Z_BUF_ERROR }
                    stream.next_in = UnsafeMutablePointer(mutating: base + offset)
                    stream.avail_in = UInt32(min(input.count - offset, Int(UInt32.max)))
                    stream.next_out = out
                    stream.avail_out = UInt32(target.count)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    offset += Int(UInt32(min(input.count - offset, Int(UInt32.max))) - stream.avail_in)
                    return result
                }
            }
            let produced = chunk.count - Int(stream.avail_out)
            output.append(contentsOf: chunk[0..<produced])
            guard output.count <= maxOutputBytes else { throw fail("more than \(maxOutputBytes) bytes of data") }
            switch status {
            case Z_STREAM_END:
                // Another gzip member may follow (files made by `cat a.gz b.gz`); padding may not.
                guard offset < input.count, isCompressed(Array(input[offset...].prefix(2))) else {
                    return output
                }
                guard inflateReset(&stream) == Z_OK else { throw fail("zlib could not continue") }
            case Z_OK, Z_BUF_ERROR:
                if produced == 0 && offset >= input.count {
                    throw fail("the file ends before the compressed data does")
                }
            default:
                throw fail(status == Z_DATA_ERROR ? "the data is corrupt" : "zlib error \(status)")
            }
        }
    }
}
