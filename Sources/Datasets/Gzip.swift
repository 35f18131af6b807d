import CZlib
import Diagnostics

/// Decompression of gzip (`.gz`) and zlib streams through zlib; the only file that touches zlib.
///
/// Inflates as a stream, chunk by chunk, and stops as soon as the output passes its limit: a
/// "gzip bomb" (a few MB inflating to GBs of zeros) fails after its first chunks instead of
/// after filling memory. A reader can look at the first inflated bytes (`inspect`) to fail
/// early or to give the exact size its header declares (IDX).
enum Gzip {
    /// Largest output accepted (2 GiB): more is treated as a damaged or hostile file. The dataset
    /// readers hold the inflated bytes and their features (4 bytes per value) in memory at once.
    static let maxOutputBytes = 1 << 31

    /// What a reader knows about the data from the bytes inflated so far.
    enum Expectation: Equatable {
        /// Not enough bytes yet: ask again after the next chunk (and accept whatever the stream holds
        /// when it ends first).
        case needMore
        /// The inflated data must be exactly this many bytes (the IDX header's size).
        case exactly(Int)
        /// Any size up to the limit.
        case any
    }

    /// Inflated bytes per round; also the most a bomb inflates past its limit before it is stopped.
    static let chunkBytes = 1 << 18

    /// Whether `bytes` start with the gzip magic number `1f 8b`.
    static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed contents of a gzip file (all members, concatenated), at most `limit` bytes.
    /// `inspect` sees the bytes inflated so far after each chunk until it answers other than
    /// `.needMore`; it may throw to stop early. `path` only names the file in errors.
    static func decompress(_ input: [UInt8], path: String, limit: Int = maxOutputBytes,
                           inspect: ([UInt8]) throws(InputError) -> Expectation = { _ in .any }) throws(InputError) -> [UInt8] {
        func fail(_ why: String) -> InputError {
            InputError("cannot decompress '\(path)': \(why)", at: SourceLocation(file: path, line: 1, column: 1))
        }
        let limit = max(0, limit)
        var stream = z_stream()
        // 15 window bits + 32: detect gzip or zlib headers automatically.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw fail("zlib could not start")
        }
        defer { inflateEnd(&stream) }

        var output = [UInt8]()
        output.reserveCapacity(min(limit, max(1 << 16, input.count.multipliedReportingOverflow(by: 4).partialValue)))
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        var offset = 0
        var expectation = Expectation.needMore
        var cap = limit
        while true {
            let status = input.withUnsafeBufferPointer { source -> Int32 in
                chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                    guard let base = source.baseAddress, let out = target.baseAddress else { return Z_BUF_ERROR }
                    let available = UInt32(min(input.count - offset, Int(UInt32.max)))
                    stream.next_in = UnsafeMutablePointer(mutating: base + offset)
                    stream.avail_in = available
                    stream.next_out = out
                    stream.avail_out = UInt32(target.count)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    offset += Int(available - stream.avail_in)
                    return result
                }
            }
            let produced = chunk.count - Int(stream.avail_out)
            chunk.withUnsafeBufferPointer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<produced])) }
            if expectation == .needMore {
                expectation = try inspect(output)
                if case .exactly(let size) = expectation {
                    guard size <= limit else {
                        throw fail("its header declares \(size) bytes of data, more than the \(limit) bytes lrlab reads from a compressed file")
                    }
                    cap = size
                }
            }
            guard output.count <= cap else {
                if case .exactly(let size) = expectation {
                    throw fail("it holds more than the \(size) bytes its header declares")
                }
                throw fail("it inflates to more than \(cap) bytes, the most lrlab reads from a compressed file (a damaged file or a \"gzip bomb\")")
            }
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
