import Diagnostics

/// A labelled table of examples: `count` rows of `featureCount` features each.
///
/// Features are row-major (`features[row * featureCount + column]`); labels are class
/// indices in `0..<classCount`.
public struct Dataset: Sendable, Equatable {
    /// A short name for reports, e.g. `"digits"`.
    public let name: String
    /// Row-major `count × featureCount`.
    public let features: [Float]
    /// One class index per row, each in `0..<classCount`.
    public let labels: [Int32]
    /// Number of rows (examples).
    public let count: Int
    /// Number of features per row.
    public let featureCount: Int
    /// Number of classes; labels are `0..<classCount`.
    public let classCount: Int

    /// Wraps already-validated arrays; callers that read user data validate it first
    /// (a mismatch here is a programming error and traps).
    public init(name: String, features: [Float], labels: [Int32], featureCount: Int, classCount: Int) {
        precondition(featureCount > 0 && features.count == labels.count * featureCount,
                     "Dataset: features do not match labels × featureCount")
        precondition(labels.allSatisfy { $0 >= 0 && Int($0) < classCount }, "Dataset: label out of range")
        self.name = name
        self.features = features
        self.labels = labels
        self.count = labels.count
        self.featureCount = featureCount
        self.classCount = classCount
    }

    /// The rows at `indices`, in that order, keeping `name` and `classCount`.
    public func rows(_ indices: [Int]) -> Dataset {
        var selected = [Float]()
        selected.reserveCapacity(indices.count * featureCount)
        features.withUnsafeBufferPointer { all in
            for i in indices {
                selected.append(contentsOf: all[i * featureCount ..< (i + 1) * featureCount])
            }
        }
        return Dataset(name: name, features: selected, labels: indices.map { labels[$0] },
                       featureCount: featureCount, classCount: classCount)
    }

    /// How many rows each class has, indexed by class.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[Int(label)] += 1 }
        return counts
    }
}
