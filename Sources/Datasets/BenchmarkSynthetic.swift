/// The synthetic MNIST-sized data of the benchmark scripts (`../shared/bench/common.py`),
/// reproduced bit for bit: a counter-based SplitMix64 stream, class centroids with two
/// sub-clusters each (scale 0.12) plus unit noise, normals from a 4-term Irwin–Hall sum.
///
/// ```
/// key(s)       = mix64(seed + s·GOLDEN)          word(s, i) = mix64(key(s) + (i+1)·GOLDEN)
/// normal(s, i) = (a + b + c + d − 131070) / 65536 · √3   (a…d: the 16-bit fields of word(s, i))
/// centroid[c][k][f] = 0.12 · normal(1, (c·2 + k)·F + f)
/// row i: label = (word(2, i) >> 32) mod C,  sub = (word(3, i) >> 32) mod 2,
///        x[i][f] = Float(centroid[label][sub][f] + normal(4, i·F + f))   (test: streams 5, 6, 7)
/// ```
public enum BenchmarkSynthetic {
    static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15
    static let separation = 0.12
    static let subClusters = 2

    /// Which half of the data: the training rows (streams 2–4) or the test rows (streams 5–7).
    public enum Part: Sendable { case train, test }

    /// `count` rows of `features` features and `classes` classes, as `make_synthetic` makes them.
    /// All arguments must be positive.
    public static func make(count: Int, features: Int, classes: Int, seed: UInt64, part: Part) -> Dataset {
        precondition(count > 0 && features > 0 && classes > 0, "BenchmarkSynthetic: sizes must be positive")
        let (labelStream, subStream, noiseStream): (UInt64, UInt64, UInt64) = part == .train ? (2, 3, 4) : (5, 6, 7)
        let centroids = (0..<(classes * subClusters * features)).map { separation * normal(seed, 1, UInt64($0)) }
        let labels = (0..<count).map { Int32(truncatingIfNeeded: (word(seed, labelStream, UInt64($0)) >> 32) % UInt64(classes)) }
        var values = [Float](repeating: 0, count: count * features)
        let noiseKey = key(seed, noiseStream)
        values.withUnsafeMutableBufferPointer { out in
            for row in 0..<count {
                let sub = Int((word(seed, subStream, UInt64(row)) >> 32) % UInt64(subClusters))
                let base = (Int(labels[row]) * subClusters + sub) * features
                for f in 0..<features {
                    let index = UInt64(row * features + f)
                    out[row * features + f] = Float(centroids[base + f] + normal(key: noiseKey, index))
                }
            }
        }
        return Dataset(name: "synthetic", features: values, labels: labels,
                       featureCount: features, classCount: classes)
    }

    /// The benchmark's train and test parts (same centroids, separate streams).
    public static func split(trainCount: Int, testCount: Int, features: Int, classes: Int, seed: UInt64) -> DataSplit {
        DataSplit(train: make(count: trainCount, features: features, classes: classes, seed: seed, part: .train),
                  test: make(count: testCount, features: features, classes: classes, seed: seed, part: .test),
                  name: "synthetic")
    }

    /// SplitMix64's finaliser.
    @inline(__always)
    static func mix64(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    static func key(_ seed: UInt64, _ stream: UInt64) -> UInt64 { mix64(seed &+ stream &* golden) }

    @inline(__always)
    static func word(_ seed: UInt64, _ stream: UInt64, _ index: UInt64) -> UInt64 {
        mix64(key(seed, stream) &+ (index &+ 1) &* golden)
    }

    @inline(__always)
    static func normal(_ seed: UInt64, _ stream: UInt64, _ index: UInt64) -> Double {
        normal(key: key(seed, stream), index)
    }

    /// Irwin–Hall(4) approximation of a standard normal, exact in `Double`.
    @inline(__always)
    static func normal(key: UInt64, _ index: UInt64) -> Double {
        let w = mix64(key &+ (index &+ 1) &* golden)
        let sum = (w & 0xFFFF) + ((w >> 16) & 0xFFFF) + ((w >> 32) & 0xFFFF) + (w >> 48)
        return (Double(sum) - 131070.0) / 65536.0 * 1.7320508075688772
    }
}
