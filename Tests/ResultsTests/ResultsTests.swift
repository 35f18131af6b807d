import Foundation
import Results
import TestSupport
import Testing

func sampleRecord(id: String = "64-0.1-abc", batch: Int = 64, rate: Double = 0.1, diverged: Bool = false) -> RunRecord {
    let setup = RunSetup(dataset: "digits", trainCount: 1438, testCount: 359, featureCount: 64, classCount: 10,
                         hidden: [64], activation: "relu", batchSize: batch, learningRate: rate, optimizer: "momentum",
                         momentum: 0.9, schedule: "constant", epochs: 2, stepsPerEpoch: (1438 + batch - 1) / batch, seed: 7,
                         schedulePoints: [SchedulePoint(step: 0, learningRate: rate)])
    let history = [EpochMetrics(epoch: 1, trainLoss: 1.5, trainAccuracy: 0.6, testLoss: 1.4, testAccuracy: 0.65, seconds: 0.1),
                   EpochMetrics(epoch: 2, trainLoss: 0.5, trainAccuracy: 0.9, testLoss: 0.6, testAccuracy: 0.85, seconds: 0.1)]
    let divergence = diverged ? DivergenceInfo(step: 5, loss: 12.5, cause: "blow-up", epochsSeen: 0.2, trainLoss: 9,
                                               trainAccuracy: 0.1, testLoss: 9.5, testAccuracy: 0.09) : nil
    return RunRecord(runId: id, sweep: SweepInfo(name: "s", title: "S, \"quoted\"", targetAccuracy: 0.8),
                     grid: [GridValue(key: "train.batch_size", value: "\(batch)"), GridValue(key: "train.learning_rate", value: "\(rate)")],
                     gridIndex: 0, repeatIndex: 0, setup: setup, status: diverged ? .diverged : .finished, initialLoss: 2.3,
                     history: diverged ? [] : history, steps: [StepMetrics(step: 0, examplesSeen: batch, loss: 2.3, learningRate: rate)],
                     divergence: divergence, totalSteps: diverged ? 6 : 46, trainSeconds: 0.2, wallSeconds: 0.25)
}

@Suite struct PlainDecimalTests {
    @Test(arguments: [(1e-05, "0.00001"), (0.1, "0.1"), (1.0, "1"), (1.5e20, "150000000000000000000"),
                      (-2.5e-7, "-0.00000025"), (123.456, "123.456"), (Double.nan, "")])
    func formats(value: Double, expected: String) {
        #expect(plainDecimal(value) == expected)
    }
}

@Suite struct ResultsTableTests {
    @Test func csvHasContractColumnsAndOneRowPerRun() {
        let csv = ResultsTable.csv([sampleRecord(), sampleRecord(id: "x", batch: 256, rate: 5, diverged: true)])
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == (ResultsTable.requiredColumns + ResultsTable.extraColumns + ["train.batch_size", "train.learning_rate"]).joined(separator: ","))
        #expect(lines[1].hasPrefix("64-0.1-abc,finished,64,0.1,momentum,constant,7,2,46,0.5,0.9,0.6,0.85,0.85,,0.25,,,2,,64,0.1"))
        #expect(lines[2].hasPrefix("x,diverged,256,5,momentum,constant,7,2,6,9,0.1,9.5,0.09,0.09,5,"))
    }

    @Test func cellsWithCommasAreQuoted() {
        var record = sampleRecord()
        record.setup.schedule = "StepLR(step_size=10, gamma=0.1)"
        let csv = ResultsTable.csv([record])
        #expect(csv.contains("\"StepLR(step_size=10, gamma=0.1)\""))
    }

    @Test func jsonIncludesHistory() throws {
        let data = try ResultsTable.json([sampleRecord()])
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let runs = object?["runs"] as? [[String: Any]]
        let run = runs?.first?["run"] as? [String: Any]
        #expect((run?["history"] as? [Any])?.count == 2)
        #expect(runs?.first?["bestTestAccuracy"] as? Double == 0.85)
    }
}

@Suite struct RunStoreTests {
    @Test func saveIsAtomicAndLoadRoundTrips() throws {
        let directory = temporaryPath("lrlab-store")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = RunStore(directory: directory)
        #expect(!store.isFinished("64-0.1-abc"))
        try store.save(sampleRecord())
        #expect(store.isFinished("64-0.1-abc"))
        let names = try FileManager.default.contentsOfDirectory(atPath: store.runsDirectory)
        #expect(names == ["64-0.1-abc"])
        #expect(try store.loadAll() == [sampleRecord()])
    }

    @Test func existingRunIsKeptUnlessReplaced() throws {
        let directory = temporaryPath("lrlab-store")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = RunStore(directory: directory)
        try store.save(sampleRecord())
        var changed = sampleRecord()
        changed.trainSeconds = 99
        try store.save(changed)
        #expect(try store.load("64-0.1-abc").trainSeconds == 0.2)
        try store.save(changed, replace: true)
        #expect(try store.load("64-0.1-abc").trainSeconds == 99)
    }

    @Test func summariesUseDivergenceEvaluation() {
        let record = sampleRecord(diverged: true)
        #expect(record.finalTestAccuracy == 0.09)
        #expect(record.bestTestAccuracy == 0.09)
        #expect(sampleRecord().epochsToReach(0.8) == 2)
        #expect(sampleRecord().epochsToReach(0.9) == nil)
    }
}

@Suite struct NonFiniteTests {
    @Test func nonFiniteLossesRoundTrip() throws {
        let directory = temporaryPath("lrlab-store")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var record = sampleRecord(diverged: true)
        record.divergence?.loss = .nan
        record.steps = [StepMetrics(step: 0, examplesSeen: 64, loss: .infinity, learningRate: 5)]
        let store = RunStore(directory: directory)
        try store.save(record)
        let loaded = try store.load(record.runId)
        #expect(loaded.divergence?.loss.isNaN == true)
        #expect(loaded.steps.first?.loss == .infinity)
        #expect(ResultsTable.csv([loaded]).contains(",diverged,"))
    }
}

@Suite struct ResultsThroughputColumnsTests {
    @Test func memoryIsAColumnWhenMeasuredAndThroughputIsNot() throws {
        var run = sampleRecord()
        run.examplesSeen = 1000
        run.trainSeconds = 0.5
        run.memory = WorkingMemory(parameters: 100, gradients: 100, optimizerState: 100, activations: 700)
        let lines = ResultsTable.csv([run]).split(separator: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let cells = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        let at = { (name: String) in header.firstIndex { $0 == name }.map { String(cells[$0]) } }
        #expect(at("examples_per_second") == nil)  // a timing: it would differ between identical runs
        #expect(at("memory_bytes") == "1000")
    }
}
