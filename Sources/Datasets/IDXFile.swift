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
        func fail(_ message: String) -> InputError {
            InputError("'\(path)' is not a valid IDX file: \(message)", at: SourceLocation(file: path, line: 1, column: 1))
        }
        guard !bytes.isEmpty else { throw fail("the file is empty") }
        guard bytes.count >= 4, bytes[0] == 0, bytes[1] == 0 else {
            throw fail("it does not start with the IDX magic number 00 00 (found \(bytes.prefix(4).map { hex($0) }.joined(separator: " ")))")
        }
        guard bytes[2] == 0x08 else {
            throw fail("values of type 0x\(hex(bytes[2])) are not supported (only unsigned bytes, 0x08)")
        }
        let rank = Int(bytes[3])
        guard rank >= 1 else { throw fail("it declares 0 dimensions") }
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else { throw fail("the header of \(rank) dimensions is cut short") }
        var shape: [Int] = []
        var total = 1
        for d in 0..<rank {
            let o = 4 + 4 * d
            let size = Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3])
            shape.append(size)
            let (product, overflow) = total.multipliedReportingOverflow(by: size)
            guard !overflow else { throw fail("the sizes \(shape.map(String.init).joined(separator: "×")) are too large") }
            total = product
        }
        let available = bytes.count - headerSize
        guard available == total else {
            let sizes = shape.map(String.init).joined(separator: "×")
            throw fail("the header says \(sizes) = \(total) values but the file holds \(available) bytes after the header")
        }
        self.shape = shape
        self.values = bytes[headerSize...]
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
}
