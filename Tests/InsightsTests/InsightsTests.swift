import Formatting
@testable import Insights
import Results
import Testing

/// A run at grid point `values` (key → value text) whose test accuracy per epoch is `accuracies`.
func record(_ values: [(String, String)], accuracies: [Double], diverged: Int? = nil, seed: Int = 0,
            index: Int = 0, testCount: Int = 359, validation: [Double]? = nil, testLoss: [Double]? = nil) -> RunRecord {
    let batch = values.first { $0.0 == "train.batch_size" }.flatMap { Int($0.1) } ?? 64
    let rate = values.first { $0.0 == "train.learning_rate" }.flatMap { Double($0.1) } ?? 0.1
    let setup = RunSetup(dataset: "digits", trainCount: 1438, testCount: testCount, featureCount: 64, classCount: 10,
                         hidden: [64], activation: "relu", batchSize: batch, learningRate: rate, optimizer: "momentum",
                         momentum: 0.9, schedule: "constant", epochs: max(accuracies.count, 1),
                         stepsPerEpoch: (1438 + batch - 1) / batch, validationCount: validation == nil ? 0 : 287,
                         seed: UInt64(seed), schedulePoints: [])
    let history = accuracies.enumerated().map { i, a in
        EpochMetrics(epoch: i + 1, trainLoss: 1 / Double(i + 1), trainAccuracy: min(1, a + 0.02),
                     testLoss: testLoss.map { $0[i] } ?? 1 / Double(i + 1), testAccuracy: a, seconds: 0.1,
                     validationLoss: validation.map { _ in 1 }, validationAccuracy: validation.map { $0[i] })
    }
    let divergence = diverged.map {
        DivergenceInfo(step: $0, loss: 20, cause: "blow-up", epochsSeen: 0.1, trainLoss: 9, trainAccuracy: 0.1,
                       testLoss: 9, testAccuracy: 0.1, validationAccuracy: validation.map { _ in 0.1 })
    }
    let grid = values.map { key, value in
        GridValue(key: key, value: value, position: 0)
    }
    let id = values.map(\.1).joined(separator: "-") + "-s\(seed)"
    return RunRecord(runId: id, sweep: SweepInfo(name: "s", title: "S", targetAccuracy: 0.9),
                     grid: grid, gridIndex: index, repeatIndex: seed, setup: setup,
                     status: diverged == nil ? .finished : .diverged, initialLoss: 2.3,
                     history: diverged == nil ? history : [], steps: [], divergence: divergence,
                     totalSteps: 10, trainSeconds: 1, wallSeconds: 1)
}

func point(_ batch: Int, _ rate: String) -> [(String, String)] {
    [("train.batch_size", "\(batch)"), ("train.learning_rate", rate)]
}

@Suite struct AnalysisTests {
    let runs = [
        record(point(64, "0.1"), accuracies: [0.8, 0.95, 0.97], index: 0),
        record(point(64, "1"), accuracies: [0.5, 0.6, 0.55], index: 1),
        record(point(64, "5"), accuracies: [], diverged: 5, index: 2),
        record(point(1024, "0.1"), accuracies: [0.3, 0.6, 0.8], index: 3),
        record(point(1024, "1"), accuracies: [0.6, 0.9, 0.95], index: 4),
        record(point(1024, "5"), accuracies: [], diverged: 3, index: 5),
    ]

    func finding(_ kind: Finding.Kind) -> Finding? { Analysis.findings(runs).first { $0.kind == kind } }

    @Test func bestNamesTheWholePointAndItsRuns() throws {
        let best = try #require(finding(.best))
        #expect(best.text.hasPrefix("batch 64, lr 0.1 has the highest final test accuracy, 97.0%"))
        #expect(best.runs == ["64-0.1-s0"])
        #expect(best.text.contains("Next: batch 1024, lr 1, 95.0%"))
    }

    @Test func divergenceIsGroupedWithAdvice() throws {
        let divergence = try #require(finding(.divergence))
        #expect(divergence.text.hasPrefix("2 of 6 runs diverged."))
        #expect(divergence.text.contains("batch 64: lr 5 diverged by step 5; the largest stable rate below it was 1 (55.0%) and the best 0.1 (97.0%); stay near 0.1, or add warmup to go higher."))
        #expect(divergence.text.contains("batch 1024: lr 5 diverged by step 3; the largest stable rate below it was 1 (95.0%); try 0.5–1 or add warmup."))
        #expect(divergence.runs == ["64-5-s0", "1024-5-s0"])
    }

    @Test func scalingIsNotJudgedFromTwoBatchSizes() throws {
        let text = try #require(finding(.scaling)).text
        #expect(text.contains("0.1 at batch 64 (97.0%), 1 at batch 1024 (95.0%)"))
        #expect(text.contains("can't be judged"))
    }

    @Test func noDivergenceIsSaid() {
        let calm = Analysis.findings([record(point(64, "0.1"), accuracies: [0.9])])
        #expect(calm.contains { $0.kind == .divergence && $0.text == "No run diverged." })
    }

    @Test func emptyRunsGiveNoFindings() {
        #expect(Analysis.findings([]).isEmpty)
    }
}

@Suite struct OtherAxesTests {
    /// The case: the best point is one run's, never a mean over optimizers.
    @Test func bestIsNeverAMeanOverAnotherKey() throws {
        let runs = [
            record([("train.optimizer", "{name: adam}"), ("train.learning_rate", "0.1")], accuracies: [0.9, 0.95], index: 0),
            record([("train.optimizer", "{name: momentum}"), ("train.learning_rate", "0.1")], accuracies: [0.9, 0.939], index: 1),
        ]
        let best = try #require(Analysis.findings(runs).first { $0.kind == .best })
        #expect(best.text.contains("95.0%"))
        #expect(best.runs.count == 1)
    }

    @Test func repeatsAreMeanedAndSpreadShown() throws {
        let runs = (0..<3).map { record(point(64, "0.1"), accuracies: [0.9, 0.9 + Double($0) * 0.01], seed: $0) }
            + (0..<3).map { record(point(64, "1"), accuracies: [0.9, 0.905 + Double($0) * 0.01], seed: $0, index: 1) }
        let findings = Analysis.findings(runs)
        let best = try #require(findings.first { $0.kind == .best })
        #expect(best.runs.count == 3)
        #expect(best.text.contains("± 1.0"))
        #expect(best.text.contains("Tied with it within noise: batch 64, lr 0.1"))
        #expect(findings.contains { $0.kind == .seeds })
    }

    @Test func risingCurveIsStillImprovingNotUnstable() throws {
        let rising = (0..<12).map { 0.09 + 0.045 * Double($0) }
        let runs = [record(point(64, "0.001"), accuracies: rising)]
        let findings = Analysis.findings(runs)
        let curve = try #require(findings.first { $0.kind == .curve })
        #expect(curve.headline == "Still improving")
        #expect(!curve.text.contains("too high"))
    }

    @Test func collapseAndNoiseAreRead() throws {
        let collapse = record(point(64, "1"), accuracies: [0.6, 0.85, 0.7, 0.5, 0.49, 0.49], index: 0)
        let noisy = record(point(64, "0.5"), accuracies: [0.5, 0.7, 0.6, 0.75, 0.6, 0.72, 0.62, 0.74, 0.68], index: 1)
        let findings = Analysis.findings([collapse, noisy])
        #expect(findings.contains { $0.headline == "Lost progress" && $0.text.contains("from 85.0% in epoch 2 to 49.0%") })
        #expect(findings.contains { $0.headline == "Noisy runs" && $0.runs == ["64-0.5-s0"] })
    }

    @Test func overfittingNeedsRisingTestLossAndFallingTrainLoss() throws {
        let loss = [1.0, 0.5, 0.3, 0.25, 0.3, 0.35, 0.4, 0.45]
        let run = record(point(64, "0.1"), accuracies: Array(repeating: 0.95, count: 8), testLoss: loss)
        let finding = try #require(Analysis.findings([run]).first { $0.headline == "Overfitting" })
        #expect(finding.text.contains("test loss rising from epoch 4"))
    }

    @Test func edgeOfTheGridIsNamedWithDirection() throws {
        let runs = ["0.001", "0.003", "0.01"].enumerated().map { i, rate in
            record(point(64, rate), accuracies: [0.5 + 0.1 * Double(i)], index: i)
        }
        let edge = try #require(Analysis.findings(runs).first { $0.kind == .gridEdge })
        #expect(edge.text.contains("largest tried (0.01)"))
        #expect(edge.text.contains("upward (try 0.03 and 0.1)"))
        #expect(edge.runs == ["64-0.01-s0"])
    }

    /// The 3 × 3 MNIST grid: at lr 1 every batch size failed (9%, 6%, a blow-up measured at 10%),
    /// so the "best" batch size of that row says nothing about where the optimum lies; at lr 0.01
    /// the smallest batch is best and does.
    @Test func rowsWhereNothingLearnsHaveNoEdge() throws {
        var runs: [RunRecord] = []
        let accuracy: [String: [Int: Double]] = ["0.01": [64: 0.977, 256: 0.95, 1024: 0.893],
                                                 "0.1": [64: 0.982, 256: 0.983, 1024: 0.969],
                                                 "1": [64: 0.093, 256: 0.062]]
        for (i, rate) in ["0.01", "0.1", "1"].enumerated() {
            for (j, batch) in [64, 256, 1024].enumerated() {
                let index = 3 * i + j
                if let a = accuracy[rate]?[batch] {
                    runs.append(record(point(batch, rate), accuracies: [a - 0.01, a], index: index))
                } else {
                    runs.append(record(point(batch, rate), accuracies: [], diverged: 7, index: index))
                }
            }
        }
        let edges = Analysis.findings(runs).filter { $0.kind == .gridEdge }
        #expect(!edges.contains { $0.text.contains("largest tried (1024)") })
        #expect(edges.contains { $0.text.contains("smallest tried (64) at lr 0.01") })
        #expect(!edges.flatMap(\.runs).contains { $0.hasPrefix("1024-1-") || $0.hasPrefix("64-1-") })
        // 97.7% learns; 9.3% with 10 classes (under 19%) does not, nor does a blow-up.
        #expect(Analysis.learns(PointGroup(point: runs[0].point, runs: [runs[0]])))
        #expect(!Analysis.learns(PointGroup(point: runs[6].point, runs: [runs[6]])))
        #expect(!Analysis.learns(PointGroup(point: runs[8].point, runs: [runs[8]])))
    }

    /// Two seeds that both blew up at lr 0.316 sit 17 points apart at their blow-ups; that is not
    /// how far seeds move a trained point, so the seed spread names a point that trained.
    @Test func seedSpreadLeavesOutDivergedPoints() throws {
        var runs: [RunRecord] = []
        for seed in 0..<2 {
            runs.append(record(point(64, "0.01"), accuracies: [0.9, 0.95 + 0.004 * Double(seed)], seed: seed, index: 0))
            runs.append(record(point(64, "0.1"), accuracies: [0.9, 0.96 - 0.002 * Double(seed)], seed: seed, index: 1))
            var blown = record(point(64, "0.316"), accuracies: [], diverged: 1, seed: seed, index: 2)
            blown.divergence?.testAccuracy = seed == 0 ? 0.1 : 0.274
            runs.append(blown)
        }
        let seeds = try #require(Analysis.findings(runs).first { $0.kind == .seeds })
        #expect(seeds.text.contains("moves by up to 0.4 points between seeds (batch 64, lr 0.01)"), "\(seeds.text)")
        #expect(!seeds.runs.contains { $0.hasPrefix("64-0.316") })
        // With only diverged points repeated, there is no spread to tell.
        let blownOnly = runs.filter { $0.runId.hasPrefix("64-0.316") } + [runs[0]]
        #expect(Analysis.findings(blownOnly).first { $0.kind == .seeds } == nil)
    }

    /// A generated grid ({logspace: …}) has 12-digit rates; the advice computed from them is
    /// rounded, not "try 0.01137922963035–0.0228".
    @Test func divergenceAdviceFromGeneratedRatesIsRounded() throws {
        let runs = [
            record(point(512, "0.00610540229659"), accuracies: [0.9, 0.95], index: 0),
            record(point(512, "0.0227584592607"), accuracies: [0.9, 0.97], index: 1),
            record(point(512, "0.0848342898244"), accuracies: [], diverged: 1, index: 2),
        ]
        let divergence = try #require(Analysis.findings(runs).first { $0.kind == .divergence })
        #expect(divergence.text.contains("; try 0.011–0.0227584592607 or add warmup."), "\(divergence.text)")
    }

    @Test func validationChoosesAndTestIsReported() throws {
        let a = record(point(64, "0.1"), accuracies: [0.9, 0.97], validation: [0.9, 0.93])
        let b = record(point(64, "1"), accuracies: [0.9, 0.95], index: 1, validation: [0.9, 0.96])
        let best = try #require(Analysis.findings([a, b]).first { $0.kind == .best })
        #expect(best.runs == [b.runId])
        #expect(best.text.contains("final validation accuracy, 96.0%"))
        #expect(best.text.contains("final test accuracy is 95.0%"))
    }

    @Test func scalingSlopeFromThreeInteriorBests() throws {
        var runs: [RunRecord] = []
        let rates = ["0.01", "0.1", "1", "10", "100"]
        for (b, batch) in [64, 256, 1024].enumerated() {
            for (r, rate) in rates.enumerated() {
                let best = b + 1  // 0.1 at 64, 1 at 256, 10 at 1024: ×10 per ×4
                runs.append(record(point(batch, rate), accuracies: [r == best ? 0.95 : 0.8], index: b * 5 + r))
            }
        }
        let text = try #require(Analysis.findings(runs).first { $0.kind == .scaling }).text
        #expect(text.contains("slope of 1.66"))
    }
}
