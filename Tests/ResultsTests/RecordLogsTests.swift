import Foundation
import Results
import TestSupport
import Testing

@Suite struct RecordLogsTests {
    /// Reading without logs gives the record with `steps` and `setup.schedulePoints` empty and
    /// everything else as stored, even when a string holds the key names.
    @Test func recordsReadWithoutLogsAreTheRecordsLessTheirLogs() throws {
        let directory = temporaryPath("lrlab-logs")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = RunStore(directory: directory)
        var tricky = sampleRecord(id: "64-0.1-abc")
        tricky.sweep.title = "\"steps\": [1, 2], \"schedulePoints\": [ {]"
        tricky.setup.schedulePoints = (0..<50).map { SchedulePoint(step: $0, learningRate: 0.1) }
        let records = [tricky, sampleRecord(id: "256-1-def", batch: 256, rate: 1, diverged: true)]
        for record in records { try store.save(record) }
        let lean = try store.loadAllWithoutLogs()
        #expect(lean.count == 2)
        for (full, read) in zip(records.sorted { $0.runId < $1.runId }, lean) {
            var expected = full
            expected.steps = []
            expected.setup.schedulePoints = []
            #expect(read == expected)
        }
        #expect(try store.load("64-0.1-abc", skipping: .steps).setup.schedulePoints == tricky.setup.schedulePoints)
        #expect(try store.loadAll() == records.sorted { $0.runId < $1.runId })
    }

    @Test func resultsJsonIsCompactWithoutLogs() throws {
        let data = try ResultsTable.json([sampleRecord()])
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("\n  "))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let run = ((object?["runs"] as? [[String: Any]])?.first?["run"]) as? [String: Any]
        #expect(run?["steps"] == nil)
        #expect(((run?["setup"] as? [String: Any])?["schedulePoints"] as? [Any])?.isEmpty == true)
        #expect((run?["history"] as? [Any])?.count == 2)
    }
}
