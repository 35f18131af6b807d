@testable import Datasets
import Foundation
import Testing

/// Against `../shared/bench/results/data_fingerprints.json` (made by `make_data.py`, seed 0).
@Suite struct BenchmarkSyntheticTests {
    @Test func tinyCaseMatchesBitForBit() {
        let data = BenchmarkSynthetic.make(count: 4, features: 8, classes: 3, seed: 0, part: .train)
        let expected: [[Float]] = [
            [-1.338915228843689, 0.6644535660743713, 0.1970609575510025, 2.533130645751953, -0.2681390941143036, -0.47070467472076416, 1.033536672592163, 0.6146982908248901],
            [-0.18687944114208221, 0.36156877875328064, 0.5493584275245667, 0.8320609927177429, 2.157513380050659, -0.2223619669675827, -1.3486590385437012, -2.2928466796875],
            [-0.20942866802215576, -0.35087984800338745, -0.42755988240242004, 0.6630549430847168, 1.2324676513671875, -1.3840665817260742, 0.8490632772445679, -0.18573877215385437],
            [-0.0081359026953578, -1.0863618850708008, -0.31344157457351685, -0.23578260838985443, 1.1267040967941284, -0.8601888418197632, -1.6016459465026855, 0.8040620684623718],
        ]
        #expect(data.features.map(\.bitPattern) == expected.flatMap { $0 }.map(\.bitPattern))
        #expect(data.labels == [1, 2, 0, 1])
    }

    @Test func mnistSizedLabelsAndFirstRowMatch() {
        // Labels of all 60,000 training rows (cheap); features of the first rows only.
        let labels = (0..<60000).map { Int32((BenchmarkSynthetic.word(0, 2, UInt64($0)) >> 32) % 10) }
        #expect(Array(labels.prefix(10)) == [1, 4, 6, 5, 5, 4, 1, 5, 9, 4])
        var counts = [Int](repeating: 0, count: 10)
        for label in labels { counts[Int(label)] += 1 }
        #expect(counts == [6057, 6050, 5950, 6015, 5967, 5943, 6040, 6069, 5997, 5912])
        var bytes = [UInt8]()
        for label in labels { withUnsafeBytes(of: Int64(label).littleEndian) { bytes += $0 } }
        #expect(sha256Hex(bytes) == "5bcaeac4e2298e15dd082f56a588a4c565be160b0fca24706c48b69dfe7b6fa5")

        let head = BenchmarkSynthetic.make(count: 2, features: 784, classes: 10, seed: 0, part: .train)
        #expect(Array(head.features.prefix(4)) == [-1.3580994606018066, 0.378246545791626, 0.17740412056446075, 2.585517168045044])
    }

    /// The whole 10,000 × 784 test part, hashed (a few seconds in debug builds, so opt-in).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LRLAB_SLOW_TESTS"] != nil))
    func testPartHashMatches() {
        let test = BenchmarkSynthetic.make(count: 10000, features: 784, classes: 10, seed: 0, part: .test)
        let bytes = test.features.withUnsafeBytes { Array($0) }
        #expect(sha256Hex(bytes) == "192c54dc8c8c0e6648e28de2ff7931c983eb71ea1b246209a9c8ba1ff27d9dba")
    }

    @Test func splitUsesSeparateStreamsAndSameCentroids() {
        let split = BenchmarkSynthetic.split(trainCount: 50, testCount: 20, features: 6, classes: 4, seed: 3)
        #expect(split.train.count == 50 && split.test.count == 20)
        #expect(split.train.featureCount == 6 && split.test.classCount == 4)
        #expect(Array(split.train.features.prefix(6)) != Array(split.test.features.prefix(6)))
    }
}
