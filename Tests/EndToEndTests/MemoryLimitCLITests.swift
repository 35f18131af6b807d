import Foundation
import TestSupport
import Testing

/// Issue 10's memory half from the outside: a sweep that cannot fit in memory (a huge model, a
/// huge generated or loaded table, a grid of millions of runs) gets one located `error:` line,
/// exit status 2, within seconds, from `validate` and from `run` before anything trains.
@Suite(.serialized) struct MemoryLimitCLITests {
    func check(_ files: [String: Data], expect prefix: String, containing part: String,
               sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, data) in files { try data.write(to: URL(fileURLWithPath: folder + "/" + name)) }
        for command in [["validate", "sweep.yaml"], ["run", "sweep.yaml", "-o", "out", "--quiet"]] {
            let clock = ContinuousClock()
            let started = clock.now
            let result = try CLI.run(command, in: folder)
            let elapsed = clock.now - started
            #expect(result.status == 2, "\(command[0]): \(result.stderr)", sourceLocation: sourceLocation)
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(lines.count == 1, "\(command[0]): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(lines.first?.hasPrefix(prefix) == true, "\(command[0]): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(lines.first?.contains(part) == true, "\(command[0]): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(elapsed < .seconds(20), "\(command[0]) took \(elapsed)", sourceLocation: sourceLocation)
            #expect(!FileManager.default.fileExists(atPath: folder + "/out/runs/.lrlab") , sourceLocation: sourceLocation)
        }
    }

    func sweep(_ text: String) -> [String: Data] { ["sweep.yaml": Data(text.utf8)] }

    @Test func aModelOf65536By65536() throws {
        try check(sweep("name: x\nmodel:\n  hidden: [65536, 65536]\ntrain: {epochs: 1}\n"),
                  expect: "error: sweep.yaml:3:11: ", containing: "more than 100 million parameters")
    }

    @Test func aWideLayerOnAFullBatch() throws {
        try check(sweep("name: x\ndata: {dataset: synthetic, samples: 60000}\nmodel: {hidden: [65536]}\ntrain: {epochs: 1, batch_size: all}\n"),
                  expect: "error: sweep.yaml:4:32: this run would take about 46.9 GiB in training",
                  containing: "more than the 2 GiB lrlab gives a run")
    }

    @Test func aBillionSyntheticSamples() throws {
        try check(sweep("name: x\ndata: {dataset: synthetic, samples: 1e9}\n"),
                  expect: "error: sweep.yaml:2:37: ", containing: "'data.samples'")
    }

    @Test func aGridOfMillionsOfRuns() throws {
        let values = "[" + (1...1000).map(String.init).joined(separator: ", ") + "]"
        try check(sweep("name: x\ngrid:\n  train.epochs: \(values)\n  train.learning_rate: \(values)\n  train.batch_size: \(values)\n"),
                  expect: "error: sweep.yaml:3:3: the grid expands to 1000000000 runs", containing: "at most 100,000")
    }

    @Test func anIDXHeaderClaimingABillionImages() throws {
        func idx(_ sizes: [UInt32]) -> Data {
            var bytes: [UInt8] = [0, 0, 8, UInt8(sizes.count)]
            for size in sizes { bytes += withUnsafeBytes(of: size.bigEndian, Array.init) }
            return Data(bytes + [0, 0, 0, 0])
        }
        var files = sweep("name: x\ndata: {dataset: idx, images: images.idx, labels: labels.idx}\n")
        files["images.idx"] = idx([1_000_000_000, 28, 28])
        files["labels.idx"] = idx([1_000_000_000])
        try check(files, expect: "error: images.idx:1:1: 'images.idx' declares 1,000,000,000 images of 28×28 pixels",
                  containing: "lrlab loads at most 268,435,456 values (1 GiB) per dataset")
    }
}
