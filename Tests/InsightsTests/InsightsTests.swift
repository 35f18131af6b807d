import Formatting
import Insights
import Results
import Testing

func record(batch: Int, rate: Double, accuracies: [Double], diverged: Int? = nil) -> RunRecord {
    let setup = RunSetup(dataset: "digits", trainCount: 1438, testCount: 359, featureCount: 64, classCount: 10,
                         hidden: [64], activation: "relu", batchSize: batch, learningRate: rate, optimizer: "momentum",
                         momentum: 0.9, schedule: "constant", epochs: accuracies.count, seed: 1, schedulePoints: [])
    let history = accuracies.enumerated().map {
        EpochMetrics(epoch: $0.offset + 1, trainLoss: 1, trainAccuracy: min(1, $0.element + 0.02), testLoss: 1,
                     testAccuracy: $0.element, seconds: 0.1)
    }
    let divergence = diverged.map {
        DivergenceInfo(step: $0, loss: 20, cause: "blow-up", epochsSeen: 0.1, trainLoss: 9, trainAccuracy: 0.1,
                       testLoss: 9, testAccuracy: 0.1)
    }
    return RunRecord(runId: "\(batch)-\(rate)", sweep: SweepInfo(name: "s", title: "S", targetAccuracy: 0.9),
                     grid: [], setup: setup, status: diverged == nil ? .finished : .diverged, initialLoss: 2.3,
                     history: diverged == nil ? history : [], steps: [], divergence: divergence,
                     totalSteps: 10, trainSeconds: 1, wallSeconds: 1)
}

@Suite struct AnalysisTests {
    let runs = [
        record(batch: 64, rate: 0.1, accuracies: [0.8, 0.95, 0.97]),
        record(batch: 64, rate: 1, accuracies: [0.5, 0.6, 0.55]),
        record(batch: 64, rate: 5, accuracies: [], diverged: 5),
        record(batch: 1024, rate: 0.1, accuracies: [0.3, 0.6, 0.8]),
        record(batch: 1024, rate: 1, accuracies: [0.6, 0.9, 0.95]),
        record(batch: 1024, rate: 5, accuracies: [], diverged: 3),
    ]

    func finding(_ kind: Finding.Kind) -> Finding? { Analysis.findings(runs).first { $0.kind == kind } }

    @Test func bestRunIsNamed() throws {
        let text = try #require(finding(.best)).text
        #expect(text.hasPrefix("batch 64, lr 0.1 reached the best test accuracy, 97.0%"))
    }

    @Test func bestRateGrowsWithBatch() throws {
        let text = try #require(finding(.bestRatePerBatch)).text
        #expect(text.contains("0.1 at batch 64 (97.0%), 1 at batch 1024 (95.0%)"))
        #expect(text.contains("grows with the batch size: ×10 for ×16 the batch"))
    }

    @Test func divergenceListsEveryRunWithStep() throws {
        let text = try #require(finding(.divergence)).text
        #expect(text.hasPrefix("2 of 6 runs diverged: batch 64 at lr 5 at step 5 (blow-up"))
        #expect(text.contains("batch 1024 at lr 5 at step 3"))
        #expect(text.contains("Every run at lr 5 or above diverged."))
    }

    @Test func targetCountsEpochs() throws {
        let text = try #require(finding(.target)).text
        #expect(text.contains("batch 64 in 2 epochs (lr 0.1"))
        #expect(text.contains("batch 1024 in 2 epochs (lr 1"))
    }

    @Test func noDivergenceIsSaid() {
        let calm = Analysis.findings([record(batch: 64, rate: 0.1, accuracies: [0.9])])
        #expect(calm.contains { $0.kind == .divergence && $0.text == "No run diverged." })
    }

    @Test func emptyRunsGiveNoFindings() {
        #expect(Analysis.findings([]).isEmpty)
    }
}

@Suite struct DegradationTests {
    @Test func runThatLosesItsPeakIsNamed() throws {
        let runs = [record(batch: 64, rate: 1, accuracies: [0.6, 0.85, 0.7, 0.5, 0.49, 0.49])]
        let finding = try #require(Analysis.findings(runs).first { $0.kind == .degradation })
        #expect(finding.text.hasPrefix("batch 64, lr 1 peaked at 85.0% in epoch 2 and ended at 49.0%"))
        #expect(Analysis.findings([record(batch: 64, rate: 0.1, accuracies: [0.8, 0.9, 0.95])]).allSatisfy { $0.kind != .degradation })
    }
}
