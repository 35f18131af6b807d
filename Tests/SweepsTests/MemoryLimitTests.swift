import Datasets
import Diagnostics
import Foundation
@testable import Sweeps
import TestSupport
import Testing

/// Runs and data that cannot fit are refused before anything is allocated for them, located at
/// the setting that makes them large, with the estimate and the limit in the message.
@Suite struct MemoryLimitTests {
    func loadError(_ text: String, maxLoaded: Int = RunCheck.maxLoadedBytes) throws -> InputError? {
        do {
            _ = try RunCheck.loadAndCheck(try sweep(text).runs, maxLoaded: maxLoaded)
            return nil
        } catch let error as InputError {
            return error
        }
    }

    /// 2 → 65,536 → 3 on 48,000 training rows at once: 4.5 MiB of weights and momentum but 47 GiB of activations.
    @Test func fullBatchOfAWideLayerIsRefusedAtTheBatchSize() throws {
        let error = try loadError("""
        name: x
        data: {dataset: synthetic, samples: 60000}
        model: {hidden: [65536]}
        train: {epochs: 1, batch_size: all}

        """)
        #expect(error?.location == SourceLocation(file: "sweep.yaml", line: 4, column: 32))
        #expect(error?.message == "this run would take about 46.9 GiB in training (weights and gradients 3.0 MiB, optimizer state 1.5 MiB, activations of 48,000 rows 46.9 GiB), more than the 2 GiB lrlab gives a run; use a smaller batch size or narrower hidden layers")
        #expect(error?.all.count == 1)
    }

    @Test func withoutABatchSizeTheHiddenLayersArePointedAt() throws {
        let error = try loadError("name: x\ndata: {dataset: synthetic, samples: 60000}\nmodel: {hidden: [65536]}\ntrain: {epochs: 1}\ngrid: {train.batch_size: [all]}\n")
        #expect(error?.location?.line == 5)  // the grid value written
        #expect(error?.message.hasPrefix("this run would take about 46.9 GiB in training") == true)
    }

    @Test func aModelThatFitsPasses() throws {
        #expect(try loadError("name: x\nmodel: {hidden: [4096, 4096]}\ntrain: {epochs: 1, optimizer: adam}\n") == nil)
    }

    @Test func runsTrainTogetherOnlyWhileTheirEstimatesFit() throws {
        let small = try sweep("name: x\ntrain: {epochs: 1}\n").runs
        let splits = try RunCheck.loadAndCheck(small)
        #expect(RunCheck.concurrentRuns(small, splits: splits, jobs: 4) == 4)
        // About 1.3 GiB per run (68M parameters with Adam, activations of 1,437 rows): one at a time.
        let large = try sweep("name: x\nmodel: {hidden: [8192, 8192]}\ntrain: {epochs: 1, optimizer: adam, batch_size: all}\n").runs
        let largeSplits = try RunCheck.loadAndCheck(large)
        let bytes = RunCheck.memory(large[0], split: largeSplits[large[0].setup.data]!).total
        #expect(bytes > 1 << 30 && bytes <= RunCheck.maxRunBytes)
        #expect(RunCheck.concurrentRuns(large, splits: largeSplits, jobs: 4) == 1)
    }

    @Test func theSweepsDataTogetherIsBounded() throws {
        let text = "name: x\ndata: {dataset: digits}\ngrid: {data.test_fraction: [0.2, 0.3]}\n"
        #expect(try loadError(text) == nil)
        let error = try loadError(text, maxLoaded: 600_000)
        #expect(error?.location == SourceLocation(file: "sweep.yaml", line: 2, column: 7))
        #expect(error?.message == "the sweep's data settings load 2 datasets of 913 KiB together, more than the 586 KiB lrlab holds at once; vary fewer data settings in one sweep")
    }

    @Test func syntheticTablesAreBoundedAtTheKey() throws {
        let error = inputError("name: x\ndata: {dataset: synthetic, samples: 1000000000}\n")
        #expect(error?.location == SourceLocation(file: "sweep.yaml", line: 2, column: 37))
        #expect(error?.message == "'data.samples' must be between 1 and 10,000,000, got 1000000000")
    }

    @Test func hugeGridsAreRefusedBeforeTheyExpand() throws {
        let values = "[" + (1...100).map(String.init).joined(separator: ", ") + "]"
        let error = inputError("name: x\ngrid:\n  train.epochs: \(values)\n  train.batch_size: \(values)\n  train.learning_rate: \(values)\n")
        #expect(error?.location == SourceLocation(file: "sweep.yaml", line: 3, column: 3))
        #expect(error?.message == "the grid expands to 1000000 runs; at most 100,000 are allowed")
        let repeats = inputError("name: x\nrepeats: 1000\ngrid:\n  train.epochs: \(values)\n  train.batch_size: \(values)\n")
        #expect(repeats?.location == SourceLocation(file: "sweep.yaml", line: 2, column: 10))
        #expect(repeats?.message == "10000 grid points × 1000 repeats is 10000000 runs; at most 100,000 are allowed")
    }

    /// The hash of a data file (part of every run id) read whole, as lrlab did before it read files
    /// a megabyte at a time: the streamed hash must name the same runs.
    static func wholeFileHash(_ path: String) -> UInt64 {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        var value: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(data.count)
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let words = raw.count / 8
            for i in 0..<words {
                value = (value ^ raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* 0x0000_0100_0000_01B3
                value ^= value >> 29
            }
            for i in (words * 8)..<raw.count { value = (value ^ UInt64(raw[i])) &* 0x0000_0100_0000_01B3 }
        }
        return value
    }

    @Test(arguments: [0, 7, 8, 1 << 20, (1 << 20) + 3, 3 * (1 << 20) + 5])
    func streamedFileHashesNameTheSameRuns(size: Int) throws {
        let path = temporaryPath("lrlab-hash")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var generator = SystemRandomNumberGenerator()
        try Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: URL(fileURLWithPath: path))
        #expect(StableHash.ofFile(path) == Self.wholeFileHash(path))
        #expect(StableHash.ofFile(path) == Self.wholeFileHash(path))  // from the cache
    }
}
