import Diagnostics
import Foundation
import Schedules
@testable import Sweeps
import TestSupport
import Testing

/// A sweep file written to a fresh folder (with `files` beside it), read back.
private func sweepInFolder(_ text: String, files: [String: String] = [:], overrides: [String] = []) throws -> Sweep {
    let folder = URL(fileURLWithPath: try temporaryFolder("lrlab-sched"))
    for (name, content) in files {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try content.write(to: url, atomically: true, encoding: .utf8)
    }
    let path = folder.appendingPathComponent("sweep.yaml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return try Sweep(path: path, overrides: overrides)
}

private func error(_ body: () throws -> Void) -> InputError? {
    do { try body(); return nil } catch let e as InputError { return e } catch { return nil }
}

private let odConfig = """
train_config {
  batch_size: 1024
  num_steps: 3000
  optimizer { momentum_optimizer {
    learning_rate { cosine_decay_learning_rate {
      learning_rate_base: 8e-2 total_steps: 3000 warmup_learning_rate: .001 warmup_steps: 250 } }
    momentum_optimizer_value: 0.9 } }
}
"""

private func head(_ train: String, grid: String = "") -> String {
    "name: s\ndata: {dataset: digits}\ntrain:\n  epochs: 2\n" + train + (grid.isEmpty ? "" : "\ngrid:\n" + grid) + "\n"
}

@Suite struct ScheduleSweepTests {
    @Test func fromPipelineConfigRelativeToTheSweepFolder() throws {
        let s = try sweepInFolder(head("  schedule: {from: configs/od.config}"), files: ["configs/od.config": odConfig])
        let spec = try #require(s.runs.first?.setup.train.schedule)
        #expect(spec.name == "cosine_decay_learning_rate")
        #expect(spec.params["warmup_steps"] == .integer(250))
    }

    @Test func missingConfigIsLocatedAtFrom() throws {
        let e = error { _ = try sweepInFolder(head("  schedule: {from: nope.config}")) }
        #expect(e?.location?.line == 5)
        #expect(e?.message.contains("nope.config") == true)
    }

    @Test func badConfigPointsIntoTheConfig() throws {
        let e = error { _ = try sweepInFolder(head("  schedule: {from: od.config}"), files: ["od.config": "train_config { num_steps: -1 }"]) }
        #expect(e?.location?.file.hasSuffix("od.config") == true)
    }

    @Test func gridOverParamsOfAConfig() throws {
        let s = try sweepInFolder(head("  schedule: {from: od.config}", grid: "  train.schedule.params.warmup_steps: [0, 500]"),
                                  files: ["od.config": odConfig])
        #expect(s.runs.map { $0.setup.train.schedule?.params["warmup_steps"] } == [.integer(0), .integer(500)])
        #expect(s.runs.map { $0.setup.train.schedule?.params["total_steps"] } == [.integer(3000), .integer(3000)])
    }

    @Test func gridErrorPointsAtTheGridValue() throws {
        let text = head("  schedule: {library: keras, name: CosineDecay, params: {initial_learning_rate: 0.1, decay_steps: 100}}",
                        grid: "  train.schedule.params.decay_steps: [100, -5]")
        let e = error { _ = try sweepInFolder(text) }
        #expect(e?.location?.line == 7)
        #expect(e?.location?.column == 44)
    }

    @Test func gridOverWholeSchedules() throws {
        let grid = """
          train.schedule:
            - {library: pytorch, name: StepLR, params: {step_size: 10}}
            - {library: keras, name: ExponentialDecay, params: {initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5}}
        """
        let s = try sweepInFolder(head("  learning_rate: 0.1", grid: grid))
        #expect(s.runs.map { $0.setup.train.schedule?.name } == ["StepLR", "ExponentialDecay"])
    }

    @Test func budgetEpochsRescalesStepCounts() throws {
        let train = """
          schedule: {library: pytorch, name: StepLR, params: {step_size: 100}, budget: epochs, batch_size: 64}
        """
        let s = try sweepInFolder(head(train, grid: "  train.batch_size: [64, 256, 16]"))
        #expect(s.runs.map(\.setup.train.scheduleBatchSize) == [64, 64, 64])
        // 1,438 digits: 23, 6 and 90 updates per epoch; milestones stay on the same epochs.
        let trained = s.runs.map { RunPlan($0.setup.train, trainCount: 1438).train.schedule?.params["step_size"] }
        #expect(trained == [.integer(100), .integer(26), .integer(391)])
    }

    @Test func budgetEpochsUsesTheConfigsBatchSize() throws {
        let s = try sweepInFolder(head("  batch_size: 64\n  schedule: {from: od.config, budget: epochs}"), files: ["od.config": odConfig])
        let train = try #require(s.runs.first?.setup.train)
        let spec = try #require(RunPlan(train, trainCount: 10_240).train.schedule)
        #expect(spec.params["total_steps"] == .integer(48_000))
        #expect(spec.params["warmup_steps"] == .integer(4_000))
    }

    @Test func budgetErrors() throws {
        let noBatch = error { _ = try sweepInFolder(head("  schedule: {library: pytorch, name: StepLR, params: {step_size: 5}, budget: epochs}")) }
        #expect(noBatch?.message.contains("batch_size") == true)
        #expect(noBatch?.location?.line == 5)
        let typo = error { _ = try sweepInFolder(head("  schedule: {library: pytorch, name: StepLR, params: {step_size: 5}, budget: epoch}")) }
        #expect(typo?.suggestion == "epochs")
        let both = error { _ = try sweepInFolder(head("  schedule: {library: pytorch, name: StepLR, params: {step_size: 5}, unit: epoch, budget: epochs, batch_size: 8}")) }
        #expect(both?.message.contains("unit: epoch") == true)
    }

    @Test func learningRateSetsThePeakOfAKerasSchedule() throws {
        let train = "  schedule: {library: keras, name: CosineDecay, params: {initial_learning_rate: 0.1, decay_steps: 100}}"
        let s = try sweepInFolder(head(train, grid: "  train.learning_rate: [0.01, 0.4]"))
        let peaks = s.runs.map { $0.setup.train.schedule?.params["initial_learning_rate"]?.doubleValue ?? 0 }
        #expect(abs(peaks[0] - 0.01) < 1e-12 && abs(peaks[1] - 0.4) < 1e-12)
        let plain = try sweepInFolder(head(train))
        #expect(plain.runs[0].setup.train.schedule?.params["initial_learning_rate"] == .number(0.1))
    }

    @Test func pytorchMultipliesTheLearningRate() throws {
        let s = try sweepInFolder(head("  learning_rate: 0.2\n  schedule: {library: pytorch, name: StepLR, params: {step_size: 3, gamma: 0.5}}"))
        let train = s.runs[0].setup.train
        #expect(train.schedule?.params["step_size"] == .integer(3))
        let rate = RunPlan(train, trainCount: 640).learningRate()  // 10 updates per epoch
        #expect([0, 2, 3, 6].map(rate) == [0.2, 0.2, 0.1, 0.05])
    }

    /// A plan past `wholeTableLimit` reads its rates a chunk at a time; every rate is the one
    /// the schedule gives in one pass, bit for bit, whether asked in order (training) or not.
    @Test func longPlansReadRatesInChunksWithTheSameValues() throws {
        let s = try sweepInFolder(head("  learning_rate: 0.3\n  batch_size: 1\n  schedule: {library: pytorch, name: CosineAnnealingWarmRestarts, params: {T_0: 70000, T_mult: 2, eta_min: 0.001}}"))
        var train = s.runs[0].setup.train
        train.epochs = 5
        let plan = RunPlan(train, trainCount: 1_000_000)  // 5,000,000 updates
        #expect(plan.plannedSteps > RunPlan.wholeTableLimit)
        let rate = plan.learningRate()
        let schedule = try #require(plan.train.schedule).makeSchedule(optimizerLearningRate: 0.3)
        let probes = [0, 1, 65_535, 65_536, 69_999, 70_000, 1_000_000, 4_999_999, 5_000_000, 5_000_001]
        let expected = schedule.learningRates(at: probes)
        var inOrder: [Double] = []
        var next = 0
        for step in 0...5_000_001 {
            let r = rate(step)
            if step == probes[next] { inOrder.append(r); next = min(next + 1, probes.count - 1) }
        }
        #expect(inOrder == expected)
        #expect(probes.reversed().map(rate) == expected.reversed())
    }

    @Test func unitEpochStepsTheScheduleOncePerEpoch() throws {
        let s = try sweepInFolder(head("  learning_rate: 1\n  schedule: {library: pytorch, name: StepLR, params: {step_size: 1, gamma: 0.5}, unit: epoch}"))
        let train = s.runs[0].setup.train
        #expect(train.scheduleUnit == .epoch)
        let rate = RunPlan(train, trainCount: 640).learningRate()  // 10 updates per epoch
        #expect([0, 9, 10, 19, 20, 29].map(rate) == [1, 1, 0.5, 0.5, 0.25, 0.25])
    }

    @Test func runIdsWithoutScheduleOptionsAreUnchanged() throws {
        let s = try sweepInFolder(head("  schedule: {library: pytorch, name: StepLR, params: {step_size: 5}, unit: step}"))
        let t = try sweepInFolder(head("  schedule: {library: pytorch, name: StepLR, params: {step_size: 5}}"))
        #expect(s.runs[0].id == t.runs[0].id)
        #expect(s.runs[0].setup.train.scheduleUnit == nil)
    }
}
