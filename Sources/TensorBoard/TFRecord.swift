public import Diagnostics

/// TFRecord framing, the container of TensorFlow event files: each record is
///
///     uint64 length (little-endian) · uint32 masked CRC-32C of those 8 bytes ·
///     `length` bytes of data · uint32 masked CRC-32C of the data
///
/// Every record's two checksums are verified. A record whose checksum is wrong is an error
/// naming the file and the record's byte offset; a last record cut short (a file still being
/// written, or a copy interrupted) is not an error but a warning, as TensorBoard treats it.
public enum TFRecord {
    /// One record's data and where it starts in the file (the offset of its length field).
    public struct Record: Sendable, Equatable {
        public var offset: Int
        public var data: [UInt8]

        public init(offset: Int, data: [UInt8]) {
            self.offset = offset
            self.data = data
        }
    }

    /// The records of a file's bytes, and a warning when the last one is cut short.
    ///
    /// `file` names the file in messages. Throws an `InputError` located at `file` for a
    /// checksum that does not match; never traps, whatever the bytes.
    public static func records(in bytes: [UInt8], file: String) throws(InputError) -> (records: [Record], warning: String?) {
        var records: [Record] = []
        var offset = 0
        let total = bytes.count
        while offset < total {
            let remaining = total - offset
            guard remaining >= 12 else {
                return (records, truncated(file: file, offset: offset, have: remaining, need: "a 12-byte record header"))
            }
            let lengthBytes = bytes[offset..<(offset + 8)]
            let lengthCRC = readUInt32(bytes, at: offset + 8)
            guard CRC32C.maskedChecksum(lengthBytes) == lengthCRC else {
                throw corrupt(file: file, offset: offset, what: "the checksum of its length field does not match")
            }
            let length = readUInt64(bytes, at: offset)
            // The data and its checksum must fit in what is left; compared without overflow.
            let available = UInt64(remaining - 12)
            guard available >= 4, length <= available - 4 else {
                return (records, truncated(file: file, offset: offset, have: remaining,
                                           need: "\(length) bytes of data and a checksum after its header"))
            }
            let start = offset + 12
            let end = start + Int(length)
            let data = Array(bytes[start..<end])
            guard CRC32C.maskedChecksum(data) == readUInt32(bytes, at: end) else {
                throw corrupt(file: file, offset: offset, what: "the checksum of its \(length) bytes of data does not match")
            }
            records.append(Record(offset: offset, data: data))
            offset = end + 4
        }
        return (records, nil)
    }

    /// The framing of `data` as one record (for writing test files).
    public static func frame(_ data: [UInt8]) -> [UInt8] {
        var length = UInt64(data.count).littleEndian
        let lengthBytes = withUnsafeBytes(of: &length) { Array($0) }
        return lengthBytes + littleEndianBytes(CRC32C.maskedChecksum(lengthBytes)) + data
            + littleEndianBytes(CRC32C.maskedChecksum(data))
    }

    static func corrupt(file: String, offset: Int, what: String) -> InputError {
        InputError("corrupt TFRecord at byte \(offset): \(what) (the file is damaged, or not an event file)",
                   at: SourceLocation(file: file, line: 1, column: 1))
    }

    static func truncated(file: String, offset: Int, have: Int, need: String) -> String {
        "\(quoted(file)): the last record (at byte \(offset)) is cut short, \(have) bytes where it needs \(need); "
            + "read up to it (the file may still be being written)"
    }

    static func littleEndianBytes(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }

    /// Callers check that `offset + 4 <= bytes.count`.
    static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }

    /// Callers check that `offset + 8 <= bytes.count`.
    static func readUInt64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }
}
