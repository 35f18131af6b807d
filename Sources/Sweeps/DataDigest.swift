import Crypto
public import Datasets
import Foundation

/// A SHA-256 of the data a run trained and was tested on, as loaded: after the split and the
/// scaling, so it names exactly what the trainer saw whatever the source (embedded, generated,
/// CSV, IDX). Each part in turn (train, test, validation when present): a tag, its shape, its
/// features as Float32 and its labels as Int32, little-endian.
public enum DataDigest {
    public static func sha256(_ split: DataSplit) -> String {
        var hash = SHA256()
        let parts: [(String, Dataset?)] = [("train", split.train), ("test", split.test), ("validation", split.validation)]
        for (tag, part) in parts {
            guard let part else { continue }
            hash.update(data: Data("\(tag) \(part.count)×\(part.featureCount) \(part.classCount) classes\n".utf8))
            #if _endian(little)
            part.features.withUnsafeBytes { hash.update(bufferPointer: $0) }
            part.labels.withUnsafeBytes { hash.update(bufferPointer: $0) }
            #else
            part.features.map(\.bitPattern.littleEndian).withUnsafeBytes { hash.update(bufferPointer: $0) }
            part.labels.map(\.littleEndian).withUnsafeBytes { hash.update(bufferPointer: $0) }
            #endif
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
