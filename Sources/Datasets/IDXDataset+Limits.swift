import Formatting
import Diagnostics

extension IDXDataset {
    /// Refuses an IDX file before reading it whole when it is larger than `DataLimits.maxFileBytes`
    /// or, uncompressed, when its header declares more images × pixels (or labels) than
    /// `DataLimits.maxValues`: a header claiming a billion images fails at once. (A `.gz` file's
    /// header is checked on its first inflated bytes, see `inspection`.)
    static func checkSize(_ path: String) throws(InputError) {
        try DataLimits.checkFileSize(path, displayPath: path)
        let head = DataLimits.prefix(path, count: 4 + 4 * 255)
        guard head.count >= 4, head[0] == 0, head[1] == 0, head[2] == 0x08, head[3] >= 1,
              head.count >= 4 + 4 * Int(head[3]) else { return }  // gzip, or not IDX: the full read says so
        let shape = (0..<Int(head[3])).map { d in
            let o = 4 + 4 * d
            return Int(head[o]) << 24 | Int(head[o + 1]) << 16 | Int(head[o + 2]) << 8 | Int(head[o + 3])
        }
        try checkShape(shape, path: path)
    }

    /// The images (N × pixels) or labels (N) a header declares, against `DataLimits.maxValues`.
    static func checkShape(_ shape: [Int], path: String) throws(InputError) {
        let pixels = shape.dropFirst().reduce(1) { partial, size in
            let (product, overflow) = partial.multipliedReportingOverflow(by: size)
            return overflow ? Int.max : product
        }
        guard let problem = DataLimits.tableProblem(rows: shape[0], columns: pixels) else { return }
        let what = shape.count == 1 ? "\(NumberText.count(shape[0])) labels"
            : "\(NumberText.count(shape[0])) images of \(shape.dropFirst().map(String.init).joined(separator: "×")) pixels"
        throw InputError("\(quoted(path)) declares \(what): \(problem)", at: SourceLocation(file: path, line: 1, column: 1))
    }

    /// For `Gzip.decompress`: the exact size the header declares (`IDXFile.expectation`), once the
    /// header's sizes have passed `checkShape`, so a compressed file claiming a billion images
    /// stops after its first inflated chunk.
    static func inspection(path: String) -> ([UInt8]) throws(InputError) -> Gzip.Expectation {
        let expectation = IDXFile.expectation(path: path)
        return { (prefix: [UInt8]) throws(InputError) -> Gzip.Expectation in
            let answer = try expectation(prefix)
            if answer != .needMore, let header = try IDXFile.header(prefix, path: path) {
                try checkShape(header.shape, path: path)
            }
            return answer
        }
    }
}
