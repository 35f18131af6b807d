import Datasets
import Foundation
import Results
import Sweeps
import TestSupport
import Testing

@Suite struct ProvenanceTests {
    static let split = DataSplit(
        train: Dataset(name: "t", features: [0.5, -1, 2, 0.25], labels: [0, 1], featureCount: 2, classCount: 2),
        test: Dataset(name: "t", features: [1, 1], labels: [1], featureCount: 2, classCount: 2), name: "t")

    /// The digest follows its documented byte layout; the expected value was computed independently
    /// with Python's hashlib: sha256(b"train 2×2 2 classes\n" + pack("<4f", 0.5, -1, 2, 0.25)
    /// + pack("<2i", 0, 1) + b"test 1×2 2 classes\n" + pack("<2f", 1, 1) + pack("<1i", 1)).
    @Test func dataDigestMatchesAnIndependentSHA256() {
        #expect(DataDigest.sha256(Self.split) == "2e14044c89c337e0ccb870bc406c948b869a902232b092a4955238d66d6b34b7")
    }

    @Test func dataDigestChangesWithOneValue() {
        let changed = DataSplit(
            train: Dataset(name: "t", features: [0.5, -1, 2, 0.26], labels: [0, 1], featureCount: 2, classCount: 2),
            test: Self.split.test, name: "t")
        #expect(DataDigest.sha256(changed) != DataDigest.sha256(Self.split))
    }

    @Test func runsRecordWhereAndHowTheyWereMade() throws {
        let folder = try temporaryFolder("lrlab-provenance")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = "name: p\ndata: {dataset: synthetic, samples: 120, features: 4, classes: 2}\nmodel: {hidden: [4]}\ntrain: {epochs: 1}\n"
        try text.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        let sweep = try Sweep(path: folder + "/sweep.yaml")
        var runner = SweepRunner(jobs: 1)
        runner.provenance = sweep.provenance(command: ["lrlab", "run", "sweep.yaml"])
        let summary = try runner.run(sweep.runs, store: RunStore(directory: folder + "/out"))
        let record = try #require(summary.trained.first)
        let provenance = try #require(record.provenance)
        #expect(provenance.sweepText == text)
        #expect(provenance.command == ["lrlab", "run", "sweep.yaml"])
        #expect(provenance.lrlabVersion == Provenance.version)
        #expect(provenance.cores >= 1 && !provenance.cpu.isEmpty && !provenance.os.isEmpty)
        #expect(provenance.dataSHA256.count == 64)
        // Stored: the record read back has it.
        #expect(try RunStore(directory: folder + "/out").load(record.runId).provenance == provenance)
    }
}
