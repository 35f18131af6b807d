import Foundation
import Results
import TestSupport
import Testing

/// `RunStore.load` rejects records lrlab never writes, with the file and the field, and keeps
/// every record it does write (diverged runs' infinite and NaN losses included).
@Suite struct RunRecordCheckTests {
    /// Saves `record`, edits its JSON with `edit`, loads it back.
    func load(_ record: RunRecord, edit: (inout [String: Any]) -> Void = { _ in }) throws -> Result<RunRecord, StoreError> {
        let directory = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = RunStore(directory: directory)
        try store.save(record)
        let path = store.folder(for: record.runId) + "/run.json"
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        edit(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        do { return .success(try store.load(record.runId)) } catch { return .failure(error) }
    }

    func rejection(_ edit: @escaping (inout [String: Any]) -> Void) throws -> String? {
        if case .failure(let e) = try load(sampleRecord(), edit: edit) { return e.description }
        return nil
    }

    static func setSetup(_ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
        { json in
            var setup = json["setup"] as? [String: Any] ?? [:]
            setup[key] = value
            json["setup"] = setup
        }
    }

    @Test func realRecordsLoad() throws {
        #expect((try? load(sampleRecord()).get()) == sampleRecord())
        // A diverged run: no history, infinite and NaN losses.
        var diverged = sampleRecord(diverged: true)
        diverged.initialLoss = .infinity
        diverged.divergence?.loss = .nan
        diverged.divergence?.trainLoss = .infinity
        diverged.steps = [StepMetrics(step: 0, examplesSeen: 64, loss: .nan, learningRate: 0.1)]
        #expect(throws: Never.self) { try load(diverged).get() }
        // Extreme but possible: a very long run, a huge wall time, a point's 1,000th repeat.
        var long = sampleRecord()
        long.wallSeconds = 1e19
        long.repeatIndex = 999
        #expect(throws: Never.self) { try load(long).get() }
    }

    @Test func implausibleSetups() throws {
        let cases: [(String, Any, String)] = [
            ("epochs", -1, "'setup.epochs' must be at least 1, got -1"),
            ("epochs", 0, "'setup.epochs' must be at least 1"),
            ("epochs", 1, "'history' has 2 epochs, more than setup.epochs (1)"),
            ("epochs", 100_001, "'setup.epochs' must be at most 100000"),
            ("batchSize", 0, "'setup.batchSize' must be at least 1"),
            ("stepsPerEpoch", -5, "'setup.stepsPerEpoch' must be at least 0"),
            ("stepsPerEpoch", Int.max, "'setup.stepsPerEpoch' × setup.epochs overflows"),
            ("trainCount", -1, "'setup.trainCount'"),
            ("hidden", [64, 0], "'setup.hidden[1]' must be at least 1"),
            ("learningRate", "nan", "'setup.learningRate' must be a finite number"),
        ]
        for (key, value, expected) in cases {
            let message = try #require(try rejection(Self.setSetup(key, value)))
            #expect(message.contains(expected), "\(key): \(message)")
            #expect(message.contains("run.json' is not a plausible run record"))
            #expect(!message.contains("\n"))
        }
    }

    @Test func implausibleTotals() throws {
        let cases: [(String, Any, String)] = [
            ("wallSeconds", -1.0, "'wallSeconds' must be a finite, non-negative number of seconds, got -1.0"),
            ("wallSeconds", "inf", "'wallSeconds' must be a finite"),
            ("trainSeconds", "nan", "'trainSeconds' must be a finite"),
            ("totalSteps", -3, "'totalSteps' must be at least 0"),
            ("totalSteps", 47, "'totalSteps' is 47, more than setup.epochs × setup.stepsPerEpoch (46)"),
            ("gridIndex", -1, "'gridIndex'"),
            ("repeatIndex", -1, "'repeatIndex'"),
        ]
        for (key, value, expected) in cases {
            let message = try #require(try rejection { $0[key] = value })
            #expect(message.contains(expected), "\(key): \(message)")
        }
    }

    @Test func implausibleHistoryAndSteps() throws {
        func editHistory(_ index: Int, _ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
            { json in
                var history = json["history"] as? [[String: Any]] ?? []
                history[index][key] = value
                json["history"] = history
            }
        }
        let cases: [((inout [String: Any]) -> Void, String)] = [
            (editHistory(1, "epoch", 1), "'history[1].epoch' must count up from 1 to setup.epochs (2), got 1"),
            (editHistory(0, "epoch", 3), "'history[0].epoch'"),
            (editHistory(0, "seconds", -0.5), "'history[0].seconds'"),
            (editHistory(1, "testAccuracy", 1.5), "'history[1].testAccuracy' must be a fraction from 0 to 1, got 1.5"),
            (editHistory(1, "trainAccuracy", "nan"), "'history[1].trainAccuracy'"),
            ({ $0["steps"] = [["step": -1, "examplesSeen": 1, "loss": 1, "learningRate": 0.1]] }, "'steps[0].step'"),
        ]
        for (edit, expected) in cases {
            let message = try #require(try rejection(edit))
            #expect(message.contains(expected), "\(message)")
        }
        // Losses may be anything a diverging run produces.
        #expect(try rejection(editHistory(1, "trainLoss", "inf")) == nil)
        #expect(try rejection(editHistory(1, "testLoss", "nan")) == nil)
    }
}
