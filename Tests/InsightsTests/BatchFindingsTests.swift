import Foundation
import Insights
import Results
import Testing

/// A finished run at batch `batch`, rate `rate`: per epoch its test accuracy, full-pass train
/// accuracy (nil: an old record without the pass), test and train loss.
func batchRun(_ batch: Int, _ rate: String, test: [Double], train: [Double]? = nil, testLoss: [Double]? = nil,
              trainLoss: [Double]? = nil, seed: Int = 0, index: Int = 0, target: Double? = nil,
              curves: ReportSettings.CurvePoints = .best, extraKey: (String, String)? = nil) -> RunRecord {
    var values = point(batch, rate)
    if let extraKey { values.append(extraKey) }
    var run = record(values, accuracies: test, seed: seed, index: index)
    run.sweep = SweepInfo(name: "s", title: "S", targetAccuracy: target, report: ReportSettings(curves: curves))
    for i in run.history.indices {
        run.history[i].trainAccuracy = 0.5  // the running mean: never used when the full pass exists
        run.history[i].trainLoss = 9
        run.history[i].fullTrainAccuracy = train?[i]
        run.history[i].fullTrainLoss = train == nil ? nil : trainLoss?[i] ?? 0.1
        run.history[i].testLoss = testLoss?[i] ?? 0.3
    }
    return run
}

func diverged(_ batch: Int, _ rate: String, seed: Int = 0, index: Int = 0) -> RunRecord {
    record(point(batch, rate), accuracies: [], diverged: 3, seed: seed, index: index)
}

@Suite struct GeneralizationGapTests {
    @Test func emptyAndAllDivergedGiveNothing() {
        #expect(GeneralizationGap.measure(groups: []) == nil)
        let groups = PointGroup.group([diverged(64, "5"), diverged(1024, "5", index: 1)])
        #expect(GeneralizationGap.measure(groups: groups) == nil)
        #expect(!Analysis.findings(groups: groups).contains { $0.kind == .generalizationGap })
    }

    @Test func oneRunIsTheBestPoint() throws {
        let run = batchRun(64, "0.1", test: [0.9, 0.95, 0.94], train: [0.92, 0.99, 1.0], testLoss: [0.4, 0.2, 0.25], trainLoss: [0.3, 0.05, 0.02])
        let gap = try #require(GeneralizationGap.measure(groups: PointGroup.group([run])))
        let row = try #require(gap.rows.first)
        #expect(gap.rows.count == 1)
        // Final: train 1.0 − test 0.94 = 6 points; loss 0.25 − 0.02 = 0.23.
        #expect(abs(row.finalAccuracyGap.mean - 0.06) < 1e-12)
        #expect(abs(row.finalLossGap.mean - 0.23) < 1e-12)
        // Best test accuracy 0.95 in epoch 2: gap 0.99 − 0.95 = 4 points.
        #expect(row.bestEpoch.mean == 2)
        #expect(abs(row.bestAccuracyGap.mean - 0.04) < 1e-12)
        #expect(!row.finalWithinNoise)
        let finding = gap.finding
        #expect(finding.text.hasPrefix("Train − test accuracy at the end of training: the best point (batch 64, lr 0.1) 6.0 points (train 100.0%, test 94.0%)."))
        #expect(finding.text.contains("(epoch 2) the gap was 4.0 points"))
        #expect(finding.text.contains("exceeds the training loss by 0.230"))
        #expect(finding.runs == [run.runId])
    }

    @Test func largerBatchGeneralisesWorse() throws {
        let runs = [
            batchRun(64, "0.1", test: [0.95, 0.96], train: [0.96, 0.964], index: 0),
            batchRun(64, "1", test: [0.5, 0.6], train: [0.6, 0.7], index: 1),
            batchRun(1024, "0.1", test: [0.9, 0.961], train: [0.95, 0.992], index: 2),
        ]
        let finding = try #require(Analysis.findings(runs).first { $0.kind == .generalizationGap })
        #expect(finding.text.contains("batch 64 0.4 points (train 96.4%, test 96.0%) and batch 1024 3.1 points (train 99.2%, test 96.1%)"))
        #expect(finding.text.contains("The larger batch generalises worse here: at batch 1024 the gap is 2.7 points wider than at batch 64, more than one test example (0.28 points)."))
        #expect(finding.runs == ["64-0.1-s0", "1024-0.1-s0"])
        // 0.4 points is more than one test example (0.28 points of 359): not within noise.
        let gap = try #require(GeneralizationGap.measure(groups: PointGroup.group(runs)))
        #expect(gap.rows.map(\.finalWithinNoise) == [false, false])
    }

    @Test func repeatsGiveMeanAndSpreadAndWithinNoise() throws {
        // Gaps of 0.2, 0.6 and 1.0 points: mean 0.6, sd 0.4; |0.6| > max(0.4, one example 0.28):
        // not within noise. Gaps −0.2, 0.2, 0.6: mean 0.2, sd 0.4: within noise.
        let a = [0.002, 0.006, 0.010].enumerated().map { i, g in
            batchRun(64, "0.1", test: [0.9], train: [0.9 + g], seed: i, index: 0)
        }
        let b = [-0.002, 0.002, 0.006].enumerated().map { i, g in
            batchRun(1024, "0.1", test: [0.9], train: [0.9 + g], seed: i, index: 1)
        }
        let gap = try #require(GeneralizationGap.measure(groups: PointGroup.group(a + b)))
        #expect(gap.rows.count == 2)
        #expect(abs(gap.rows[0].finalAccuracyGap.mean - 0.006) < 1e-12)
        #expect(abs((gap.rows[0].finalAccuracyGap.standardDeviation ?? 0) - 0.004) < 1e-12)
        #expect(!gap.rows[0].finalWithinNoise)
        #expect(gap.rows[1].finalWithinNoise)
        let text = gap.finding.text
        #expect(text.contains("batch 64 0.6 ± 0.4 points"))
        #expect(text.contains("batch 1024 0.2 ± 0.4 points (train 90.2%, test 90.0%; within noise)"))
        #expect(text.contains("differ by 0.4 points, within noise"))
        #expect(gap.finding.runs.count == 6)
    }

    @Test func oldRecordsFallBackToTheRunningTrainMetric() throws {
        let run = batchRun(64, "0.1", test: [0.9], train: nil)
        let gap = try #require(GeneralizationGap.measure(groups: PointGroup.group([run])))
        #expect(gap.rows.first?.trainFromFullPass == false)
        #expect(abs((gap.rows.first?.finalTrainAccuracy.mean ?? 0) - 0.5) < 1e-12)
        #expect(gap.finding.text.contains("running means over each epoch's batches"))
    }

    @Test func everyCurveShowsEveryPointButTheFindingSpeaksOfTheBest() throws {
        let runs = [
            batchRun(64, "0.1", test: [0.95], train: [0.97], index: 0, curves: .every),
            batchRun(64, "1", test: [0.8], train: [0.85], index: 1, curves: .every),
            diverged(64, "5", index: 2),
        ]
        let gap = try #require(GeneralizationGap.measure(groups: PointGroup.group(runs)))
        #expect(gap.curves == .every)
        #expect(gap.rows.count == 2)
        #expect(gap.rows.map(\.isBatchBest) == [true, false])
        #expect(gap.finding.runs == ["64-0.1-s0"])
    }

    @Test func tiedBestPointsTakeTheFirstInGridOrder() throws {
        let runs = [
            batchRun(64, "0.1", test: [0.95], train: [0.97], index: 0),
            batchRun(64, "1", test: [0.95], train: [0.99], index: 1),
        ]
        let gap = try #require(GeneralizationGap.measure(groups: PointGroup.group(runs)))
        #expect(gap.rows.map(\.runs) == [["64-0.1-s0"]])
    }
}

@Suite struct StepsToTargetTests {
    /// Batches 64 (23 steps an epoch), 128 (12), 256 (6), 512 (3) of 1,438 examples: epochs to
    /// 90% of 1, 1, 2 and 4 → steps 23, 12, 12, 12.
    func grid(target: Double? = 0.9) -> [RunRecord] {
        let curves: [Int: [Double]] = [64: [0.91, 0.95], 128: [0.92, 0.96], 256: [0.5, 0.93, 0.94], 512: [0.3, 0.6, 0.8, 0.9]]
        var runs: [RunRecord] = []
        for (i, batch) in [64, 128, 256, 512].enumerated() {
            runs.append(batchRun(batch, "0.1", test: curves[batch] ?? [], train: nil, index: 2 * i, target: target))
            // A slower rate at each batch size: never the fastest.
            runs.append(batchRun(batch, "0.01", test: [0.2, 0.5, 0.6, 0.7, 0.91], index: 2 * i + 1, target: target))
        }
        return runs
    }

    @Test func stepsRegimesAndLargestHelpfulBatch() throws {
        let result = try #require(StepsToTarget.measure(groups: PointGroup.group(grid())))
        #expect(result.target == 0.9)
        #expect(result.targetFromSweep)
        #expect(result.rows.map(\.steps) == [23, 12, 12, 12])
        #expect(result.rows.map(\.epochs) == [1, 1, 2, 4])
        #expect(result.rows.map(\.examples) == [1438, 1438, 2876, 5752])
        #expect(result.rows.map(\.learningRate) == [0.1, 0.1, 0.1, 0.1])
        // 23 → 12 for ×2: exponent ln(23/12)/ln 2 = 0.94 → perfect; 12 → 12: none.
        #expect(result.transitions.map(\.regime) == [.perfectScaling, .noFurtherGain, .noFurtherGain])
        #expect(abs((result.transitions.first?.exponent ?? 0) - log(23.0 / 12) / log(2)) < 1e-12)
        #expect(result.largestHelpfulBatch == 128)
        #expect(result.perfectScalingSteps(batchSize: 512) == 23.0 * 64 / 512)
        let text = result.finding.text
        #expect(text.hasPrefix("Steps to 90% test accuracy (the sweep's target), at each batch size's fastest point: batch 64 needed 23 steps (1 epoch, 1,438 examples, lr 0.1);"))
        #expect(text.contains("From batch 64 to 128 (×2) the steps fell ×1.9: perfect scaling; from batch 128 to 256 (×2) the steps fell ×1: no further gain"))
        #expect(text.contains("The largest batch that still cut the steps is 128."))
        #expect(text.contains("Batch 64 got there within its first epoch: its count is an upper bound"))
        #expect(result.finding.runs == ["64-0.1-s0", "128-0.1-s0", "256-0.1-s0", "512-0.1-s0"])
    }

    @Test func diminishingReturnsAndTheFit() throws {
        let runs = [
            batchRun(64, "0.1", test: [0.5, 0.91], index: 0, target: 0.9),
            batchRun(256, "0.1", test: [0.5, 0.6, 0.7, 0.91], index: 1, target: 0.9),
        ]
        let result = try #require(StepsToTarget.measure(groups: PointGroup.group(runs)))
        // 64: 23 steps/epoch × 2 = 46; 256: 6 × 4 = 24. Ratio 1.92 for ×4: exponent 0.47.
        #expect(result.rows.map(\.steps) == [46, 24])
        #expect(result.transitions.first?.regime == .diminishingReturns)
        // Fit through (1/64, 46) and (1/256, 24): slope 22/(3/256) = 1877.33, intercept 46 − 29.33 = 16.67.
        guard case .critical(let minimum, let batch)? = result.fit else { Issue.record("no fit"); return }
        #expect(abs(minimum - (46 - 22.0 / (3.0 / 256) / 64)) < 1e-9)
        #expect(abs(batch - (22.0 / (3.0 / 256)) / (46 - 22.0 / (3.0 / 256) / 64)) < 1e-9)
        #expect(result.largestHelpfulBatch == 256)
        #expect(result.finding.text.contains("The largest batch tried that reached the target, 256, still cut the steps."))
    }

    @Test func defaultTargetIsTheLowestPeakRoundedDown() throws {
        let runs = grid(target: nil)
        // Best points' peaks: 95, 96, 94 and 91 (the 0.01 rate is best at 512: 91% final against 90%) → 91%.
        #expect(StepsToTarget.defaultTarget(PointGroup.group(runs)) == 0.91)
        let result = try #require(StepsToTarget.measure(groups: PointGroup.group(runs)))
        #expect(!result.targetFromSweep)
        #expect(result.finding.text.contains("Steps to 91% test accuracy (a target chosen from the results"))
        #expect(result.rows.allSatisfy { $0.reached })
    }

    @Test func neverReachedAndDivergedPointsDoNotCount() throws {
        let runs = [
            batchRun(64, "0.1", test: [0.5, 0.91], index: 0, target: 0.9),
            batchRun(1024, "0.1", test: [0.5, 0.6], index: 1, target: 0.9),
            diverged(1024, "1", index: 2),
        ]
        let result = try #require(StepsToTarget.measure(groups: PointGroup.group(runs)))
        #expect(result.rows.map(\.reached) == [true, false])
        #expect(result.transitions.isEmpty)
        #expect(result.largestHelpfulBatch == nil)
        #expect(result.finding.text.contains("Never reached at batch 1024."))
        #expect(result.finding.runs == ["64-0.1-s0"])
        // A point with one diverged seed is no way to the target.
        let partial = [batchRun(64, "0.1", test: [0.95], seed: 0, target: 0.9), diverged(64, "0.1", seed: 1)]
        let none = try #require(StepsToTarget.measure(groups: PointGroup.group(partial)))
        #expect(none.finding.text.hasSuffix("no point got there."))
        #expect(none.finding.runs.isEmpty)
    }

    @Test func repeatsUseTheMeanCurve() throws {
        // Seeds reach 90% in epochs 1 and 3; the mean (0.85, 0.89, 0.91) first in epoch 3.
        let runs = [batchRun(64, "0.1", test: [0.9, 0.9, 0.9], seed: 0, target: 0.9),
                    batchRun(64, "0.1", test: [0.8, 0.88, 0.92], seed: 1, target: 0.9)]
        let result = try #require(StepsToTarget.measure(groups: PointGroup.group(runs)))
        #expect(result.rows.first?.epochs == 3)
        #expect(result.finding.text.contains("Steps to 90% test accuracy (the sweep's target), at each batch size's fastest point: 69 steps (3 epochs, 4,314 examples, batch 64, lr 0.1)."))
        #expect(result.finding.runs == ["64-0.1-s0", "64-0.1-s1"])
    }

    @Test func tiedStepsGoToTheHigherFinalAccuracyAndExamplesSeenAreUsed() throws {
        // Both rates reach 90% in epoch 2 (46 steps); lr 1 ends higher (95% against 92%).
        var runs = [
            batchRun(64, "0.1", test: [0.5, 0.91, 0.92], index: 0, target: 0.9),
            batchRun(64, "1", test: [0.5, 0.9, 0.95], index: 1, target: 0.9),
        ]
        // The run recorded 4,200 examples over its 3 epochs: 1,400 an epoch (not the 1,438 of the set).
        runs[1].examplesSeen = 4_200
        let result = try #require(StepsToTarget.measure(groups: PointGroup.group(runs)))
        #expect(result.rows.count == 1)
        #expect(result.rows.first?.learningRate == 1)
        #expect(result.rows.first?.steps == 46)
        #expect(result.rows.first?.examples == 2_800)
        #expect(result.finding.runs == ["64-1-s0"])
        // One run: its own row, no regimes.
        let one = try #require(StepsToTarget.measure(groups: PointGroup.group([runs[0]])))
        #expect(one.rows.map(\.steps) == [46])
        #expect(one.transitions.isEmpty && one.fit == nil)
        #expect(one.finding.text.contains("46 steps (2 epochs, 2,876 examples, batch 64, lr 0.1)."))
    }

    @Test func emptyAndAllDiverged() {
        #expect(StepsToTarget.measure(groups: []) == nil)
        let groups = PointGroup.group([diverged(64, "5")])
        // No curve, no default target, no sweep target: nothing to say.
        var run = diverged(64, "5")
        run.sweep.targetAccuracy = nil
        #expect(StepsToTarget.measure(groups: PointGroup.group([run])) == nil)
        #expect(StepsToTarget.measure(groups: groups)?.rows.allSatisfy { !$0.reached } == true)
    }
}

@Suite struct StudentTTests {
    @Test func knownQuantiles() {
        // Tables of t₀.₉₇₅: 12.706 (1), 4.303 (2), 2.776 (4), 2.262 (9), 2.045 (29), 1.984 (100).
        for (df, t) in [(1.0, 12.706), (2, 4.303), (4, 2.776), (9, 2.262), (29, 2.045), (100, 1.984)] {
            #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: df) - t) < 5e-4, "df \(df)")
        }
        // t with 1 degree of freedom is Cauchy: quantile tan(π(p − ½)) exactly.
        #expect(abs(StudentT.quantile(0.9, degreesOfFreedom: 1) - tan(Double.pi * 0.4)) < 1e-9)
        #expect(abs(StudentT.quantile(0.025, degreesOfFreedom: 4) + 2.776) < 5e-4)
        #expect(abs(StudentT.cdf(0, degreesOfFreedom: 3) - 0.5) < 1e-15)
    }

    @Test func meanIntervalByHand() throws {
        // 1, 2, 3, 4, 5: mean 3, sd √2.5 = 1.5811; t₀.₉₇₅(4) = 2.7764 → half-width 2.7764·1.5811/√5 = 1.9632.
        let m = try #require(SeedMean([1, 2, 3, 4, 5]))
        #expect(m.mean == 3)
        #expect(abs((m.standardDeviation ?? 0) - 2.5.squareRoot()) < 1e-12)
        let interval = try #require(m.interval95)
        #expect(abs(interval.lowerBound - (3 - 1.9632)) < 1e-3)
        #expect(abs(interval.upperBound - (3 + 1.9632)) < 1e-3)
        #expect(SeedMean([7])?.interval95 == nil)
        #expect(SeedMean([.nan]) == nil)
    }
}

@Suite struct LargestHelpfulBatchTests {
    /// Reaches 0.9 in exactly `epochs` epochs.
    static func curve(_ epochs: Int) -> [Double] { (1...epochs).map { $0 == epochs ? 0.91 : 0.5 } }

    @Test func aBatchThatGainedNothingDoesNotEndTheWalk() throws {
        // Steps: 64 × 4 epochs = 92, 128 × 4 = 48, 256 × 8 = 48 (no gain), 512 × 10 = 30 (a gain again over 128's 48).
        let runs = [batchRun(64, "0.1", test: Self.curve(4), index: 0, target: 0.9),
                    batchRun(128, "0.1", test: Self.curve(4), index: 1, target: 0.9),
                    batchRun(256, "0.1", test: Self.curve(8), index: 2, target: 0.9),
                    batchRun(512, "0.1", test: Self.curve(10), index: 3, target: 0.9)]
        let result = try #require(StepsToTarget.measure(groups: PointGroup.group(runs)))
        #expect(result.rows.map(\.steps) == [92, 48, 48, 30])
        #expect(result.transitions.map(\.regime) == [.perfectScaling, .noFurtherGain, .diminishingReturns])
        // 30 ≤ 48 · 4^−0.15 = 38.9: batch 512 still cut the steps below everything smaller.
        #expect(result.largestHelpfulBatch == 512)
        #expect(result.finding.text.contains("The largest batch tried that reached the target, 512, still cut the steps."))
    }

    @Test func aLargerBatchWithinNoiseOfTheBestIsNotAGain() throws {
        // 128 × 4 = 48; 256 × 7 = 42: 42 > 48 · 2^−0.15 = 43.2? No: 42 ≤ 43.2, a gain; 512 × 14 = 42: no gain.
        let runs = [batchRun(128, "0.1", test: Self.curve(4), index: 0, target: 0.9),
                    batchRun(256, "0.1", test: Self.curve(7), index: 1, target: 0.9),
                    batchRun(512, "0.1", test: Self.curve(14), index: 2, target: 0.9)]
        let result = try #require(StepsToTarget.measure(groups: PointGroup.group(runs)))
        #expect(result.rows.map(\.steps) == [48, 42, 42])
        #expect(result.largestHelpfulBatch == 256)
        #expect(result.finding.text.contains("The largest batch that still cut the steps is 256."))
    }
}

@Suite struct TargetTextTests {
    /// One rule for the finding, the chart and the table: 0.57 (57.000000000000007 percent in
    /// binary) is "57%", not "57.0%"; 0.975 keeps its decimal.
    @Test func wholePercentsHaveNoDecimal() throws {
        for (target, text) in [(0.57, "57%"), (0.9, "90%"), (0.975, "97.5%")] {
            let runs = [batchRun(64, "0.1", test: [0.5, 0.99], index: 0, target: target),
                        batchRun(256, "0.1", test: [0.5, 0.6, 0.99], index: 1, target: target)]
            let result = try #require(StepsToTarget.measure(groups: PointGroup.group(runs)))
            #expect(result.targetText == text)
            #expect(result.finding.text.hasPrefix("Steps to \(text) test accuracy"))
        }
    }
}
