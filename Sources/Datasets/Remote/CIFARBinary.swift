import Diagnostics

/// CIFAR-10's binary version (`cifar-10-binary.tar.gz`): a gzipped tar of `data_batch_1.bin` …
/// `data_batch_5.bin` (training) and `test_batch.bin`, each a run of 3,073-byte records — the
/// label (0–9), then the 32 × 32 red, green and blue planes, row-major. Pixels become features
/// scaled by 1/255 in that order (3,072 per image), as the MLP takes a flat vector.
enum CIFARBinary {
    static let recordBytes = 1 + 3 * 32 * 32
    static let classCount = 10

    /// The training and test sets of the archive at `path`.
    static func load(_ path: String) throws(InputError) -> (train: Dataset, test: Dataset) {
        let (bytes, members) = try TarArchive.read(try FileBytes.read(path, displayPath: path), path: path)
        var train: [[UInt8].SubSequence] = []
        for index in 1...5 {
            guard let member = members["cifar-10-batches-bin/data_batch_\(index).bin"] else {
                throw InputError("\(quoted(path)) has no cifar-10-batches-bin/data_batch_\(index).bin", at: SourceLocation(file: path, line: 1, column: 1))
            }
            train.append(bytes[member])
        }
        guard let test = members["cifar-10-batches-bin/test_batch.bin"] else {
            throw InputError("\(quoted(path)) has no cifar-10-batches-bin/test_batch.bin", at: SourceLocation(file: path, line: 1, column: 1))
        }
        return (try dataset(train, path: path), try dataset([bytes[test]], path: path))
    }

    /// The records of `parts` as one dataset.
    static func dataset(_ parts: [[UInt8].SubSequence], path: String) throws(InputError) -> Dataset {
        let pixels = recordBytes - 1
        var count = 0
        for part in parts {
            guard part.count % recordBytes == 0 else {
                throw InputError("\(quoted(path)) holds a batch of \(part.count) bytes, not whole \(recordBytes)-byte images",
                                 at: SourceLocation(file: path, line: 1, column: 1))
            }
            count += part.count / recordBytes
        }
        var features = [Float](repeating: 0, count: count * pixels)
        var labels = [Int32](repeating: 0, count: count)
        var row = 0
        let scale: Float = 1 / 255
        for part in parts {
            var offset = part.startIndex
            while offset < part.endIndex {
                let label = part[offset]
                guard Int(label) < classCount else {
                    throw InputError("\(quoted(path)) has an image labelled \(label); CIFAR-10 labels are 0–9",
                                     at: SourceLocation(file: path, line: 1, column: 1))
                }
                labels[row] = Int32(label)
                let base = row * pixels
                for i in 0..<pixels { features[base + i] = Float(part[offset + 1 + i]) * scale }
                offset += recordBytes
                row += 1
            }
        }
        return Dataset(name: "cifar10", features: features, labels: labels, featureCount: pixels, classCount: classCount)
    }
}

/// The regular files of a POSIX (ustar) tar archive, gzipped or not.
enum TarArchive {
    /// The archive's bytes (inflated) and its regular files: name → the range of their contents in those bytes.
    static func read(_ file: [UInt8], path: String) throws(InputError) -> (bytes: [UInt8], members: [String: Range<Int>]) {
        let bytes = Gzip.isCompressed(file) ? try Gzip.decompress(file, path: path) : file
        func fail(_ why: String) -> InputError {
            InputError("\(quoted(path)) is not a tar archive lrlab can read: \(why)", at: SourceLocation(file: path, line: 1, column: 1))
        }
        var members: [String: Range<Int>] = [:]
        var offset = 0
        while offset + 512 <= bytes.count {
            let header = bytes[offset..<(offset + 512)]
            if header.allSatisfy({ $0 == 0 }) { break }  // the end-of-archive blocks
            func field(_ start: Int, _ length: Int) -> String {
                let raw = header[(offset + start)..<(offset + start + length)]
                return String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            let prefix = field(345, 155), name = field(0, 100)
            let fullName = prefix.isEmpty ? name : prefix + "/" + name
            let sizeText = String(field(124, 12).filter { $0 != " " })
            guard let size = Int(sizeText, radix: 8), size >= 0 else { throw fail("a header's size \(quoted(sizeText)) is not octal") }
            let start = offset + 512
            guard size <= bytes.count - start else { throw fail("\(quoted(fullName)) is cut short") }
            let type = header[offset + 156]
            if type == 0 || type == UInt8(ascii: "0") { members[fullName] = (start..<(start + size)) }
            let blocks = (size + 511) / 512
            offset = start + blocks * 512
        }
        return (bytes, members)
    }
}
