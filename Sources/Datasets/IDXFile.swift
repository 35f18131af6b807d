import Diagnostics

/// An IDX file (the MNIST format): magic `00 00 TYPE RANK`, RANK big-endian 32-bit sizes,
/// then the values, big-endian, row-major. Only unsigned bytes (TYPE `08`) are read, which
/// is what MNIST, Fashion-MNIST and KMNIST use.
struct IDXFile {
    /// The sizes from the header, e.g. `[60000, 28, 28]`.
    var shape: [Int]
    /// The values, `shape.reduce(1, *)` of them.
    var values: ArraySlice<UInt8>

    /// Parses `bytes` (already decompressed); `path` names the file in errors.
    init(_ bytes: [UInt8], path: String) throws(InputError) {
        guard !bytes.isEmpty else { throw Self.fail("the file is empty", path) }
        guard bytes.count >= 4 else { try Self.checkMagic(bytes, path: path); throw Self.fail("it is only \(bytes.count) bytes long", path) }
        guard let header = try Self.header(bytes, path: path) else {
            throw Self.fail("the header of \(bytes[3]) dimensions is cut short", path)
        }
        let available = bytes.count - header.size
        guard available == header.total else {
            let sizes = header.shape.map(String.init).joined(separator: "×")
            throw Self.fail("the header says \(sizes) = \(header.total) values but the file holds \(available) bytes after the header", path)
        }
        self.shape = header.shape
        self.values = bytes[header.size...]
    }

    static func fail(_ message: String, _ path: String) -> InputError {
        InputError("'\(path)' is not a valid IDX file: \(message)", at: SourceLocation(file: path, line: 1, column: 1))
    }

    /// The magic number and value type in the first (up to 4) bytes.
    static func checkMagic(_ bytes: [UInt8], path: String) throws(InputError) {
        let known = bytes.prefix(4)
        guard known.prefix(2).allSatisfy({ $0 == 0 }) else {
            throw fail("it does not start with the IDX magic number 00 00 (found \(known.map { hex($0) }.joined(separator: " ")))", path)
        }
        if known.count >= 3, known[known.startIndex + 2] != 0x08 {
            throw fail("values of type 0x\(hex(known[known.startIndex + 2])) are not supported (only unsigned bytes, 0x08)", path)
        }
        if known.count >= 4, known[known.startIndex + 3] == 0 { throw fail("it declares 0 dimensions", path) }
    }

    /// The header at the start of `bytes`: the sizes, their product and the header's length; nil
    /// while `bytes` is too short to hold it. Throws as soon as the bytes present are wrong.
    static func header(_ bytes: [UInt8], path: String) throws(InputError) -> (shape: [Int], total: Int, size: Int)? {
        try checkMagic(bytes, path: path)
        guard bytes.count >= 4 else { return nil }
        let rank = Int(bytes[3])
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else { return nil }
        var shape: [Int] = []
        var total = 1
        for d in 0..<rank {
            let o = 4 + 4 * d
            let size = Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3])
            shape.append(size)
            let (product, overflow) = total.multipliedReportingOverflow(by: size)
            guard !overflow else { throw fail("the sizes \(shape.map(String.init).joined(separator: "×")) are too large", path) }
            total = product
        }
        return (shape, total, headerSize)
    }

    /// For `Gzip.decompress`: the exact inflated size once the header is in, so a compressed
    /// file that holds more than its header declares stops there.
    static func expectation(path: String) -> ([UInt8]) throws(InputError) -> Gzip.Expectation {
        { (prefix: [UInt8]) throws(InputError) -> Gzip.Expectation in
            guard let header = try header(prefix, path: path) else { return .needMore }
            let (size, overflow) = header.size.addingReportingOverflow(header.total)
            return .exactly(overflow ? Int.max : size)
        }
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
}
