import Foundation
import Insights
import Results
import Testing

/// Noise samples whose two norms are exactly their expectations for |G|² = `g` and tr(Σ) = `s`:
/// |g_B|² = |G|² + c(B)·tr(Σ) with c(B) = (n − B)/(B(n − 1)), n = 1,438 (the helpers' training set),
/// so the unbiased estimates give back g and s and B_simple = s/g exactly.
func samples(steps: Range<Int>, g: Double, s: Double, big: Int = 64, small: Int = 8) -> [NoiseSample] {
    let n = 1438.0
    func c(_ b: Int) -> Double { (n - Double(b)) / (Double(b) * (n - 1)) }
    return steps.map { NoiseSample(step: $0, bigBatch: big, smallBatch: small, bigNormSquared: g + c(big) * s,
                                   smallNormSquared: g + c(small) * s) }
}

/// A run with noise samples: B_simple 100 over steps 0–19 (loss 2) and 500 over 20–39 (loss 0.1).
func noisyRun(_ batch: Int, test: [Double], seed: Int = 0, index: Int = 0, lateSimple: Double = 500) -> RunRecord {
    var run = batchRun(batch, "0.1", test: test, seed: seed, index: index, target: 0.9)
    run.noise = samples(steps: 0..<20, g: 1, s: 100) + samples(steps: 20..<40, g: 0.1, s: 0.1 * lateSimple)
    run.steps = (0..<40).map { StepMetrics(step: $0, examplesSeen: ($0 + 1) * batch, loss: $0 < 20 ? 2 : 0.1, learningRate: 0.1) }
    return run
}

@Suite struct CriticalBatchSizeTests {
    /// Batch 64 reaches 90% in epoch 4 (23 × 4 = 92 steps), batch 1024 in epoch 10 (2 × 10 = 20).
    /// The fit of steps = S_min(1 + B_crit/B) through (1/64, 92) and (1/1024, 20): slope
    /// 72 / (1/64 − 1/1024) = 4,915.2, S_min = 92 − 4,915.2/64 = 15.2, B_crit = 4,915.2/15.2 = 323.4.
    let runs = [
        noisyRun(64, test: [0.5, 0.6, 0.7, 0.91], index: 0),
        noisyRun(1024, test: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9], index: 1),
    ]

    @Test func earlyLateAndConsistentWithTheSteps() throws {
        let result = try #require(CriticalBatchSize.measure(groups: PointGroup.group(runs)))
        #expect(result.series.map(\.batchSize) == [64, 1024])
        let first = try #require(result.series.first)
        #expect(first.windows.count == 2)  // 40 samples: two stretches of 20
        #expect(abs((first.early?.simple ?? 0) - 100) < 1e-6)
        #expect(abs((first.late?.simple ?? 0) - 500) < 1e-6)
        #expect(first.early?.loss == 2)
        #expect(abs((first.late?.loss ?? 0) - 0.1) < 1e-12)
        #expect(first.windows.first?.examples == 9.5 * 64)
        guard case .critical(_, let batch)? = result.stepsToTarget?.fit else { Issue.record("no fit"); return }
        #expect(abs(batch - 4915.2 / 15.2) < 1e-6)
        let consistency = try #require(result.consistency)
        #expect(consistency.consistent)
        let finding = result.finding
        #expect(finding.kind == .criticalBatchSize)
        #expect(finding.text.contains("at each batch size's best point: batch 64 ≈ 100 → 500 and batch 1024 ≈ 100 → 500."))
        #expect(finding.text.contains("It grows as the training loss falls (loss 2.00 → 0.100 at batch 64)"))
        #expect(finding.text.contains("B_simple reaches ≈ 500 by the end (median over batch sizes); the measured steps to 90% still fell up to batch 1024 and fit steps = S_min·(1 + B_crit/B) with B_crit ≈ 320: consistent"))
        #expect(finding.runs == ["64-0.1-s0", "1024-0.1-s0"])
        #expect(Analysis.findings(runs).contains { $0.kind == .criticalBatchSize })
    }

    @Test func inconsistentWhenTheNoiseScaleIsFarBelow() throws {
        var low = runs
        for i in low.indices { low[i].noise = samples(steps: 0..<40, g: 1, s: 5) }
        let result = try #require(CriticalBatchSize.measure(groups: PointGroup.group(low)))
        let consistency = try #require(result.consistency)
        #expect(!consistency.consistent)
        #expect(result.finding.text.contains("It stays about level over training."))
        #expect(result.finding.text.contains("inconsistent — well above B_simple"))
    }

    @Test func stepsThatNeverLevelOffOrNeverFall() throws {
        // 64 in epoch 4 (92 steps), 1024 in epoch 2 (4): ×23 for ×16, faster than 1/B: the fit's
        // S_min = 92 − (88/(15/1024))/64 < 0, B_crit above the grid; B_simple's 500 × 3 ≥ 1024.
        let above = [noisyRun(64, test: [0.5, 0.6, 0.7, 0.91], index: 0), noisyRun(1024, test: [0.5, 0.91], index: 1)]
        let a = try #require(CriticalBatchSize.measure(groups: PointGroup.group(above)))
        #expect(a.stepsToTarget?.fit == .aboveGrid)
        #expect(a.consistency?.consistent == true)
        #expect(a.finding.text.contains("about ∝ 1/B throughout (B_crit above the grid): consistent"))
        // 64 in epoch 1 (23 steps), 1024 in epoch 12 (24): no fall; B_simple early 100 ≤ 3 × 64.
        let flat = [noisyRun(64, test: [0.91], index: 0), noisyRun(1024, test: Array(repeating: 0.5, count: 11) + [0.91], index: 1)]
        let b = try #require(CriticalBatchSize.measure(groups: PointGroup.group(flat)))
        #expect(b.stepsToTarget?.fit == .belowGrid)
        #expect(b.consistency?.consistent == true)
        #expect(b.finding.text.contains("stopped falling past batch 64"))
    }

    @Test func oldRecordsEmptyAndDivergedGiveNothing() {
        #expect(CriticalBatchSize.measure(groups: []) == nil)
        #expect(CriticalBatchSize.measure(groups: PointGroup.group([batchRun(64, "0.1", test: [0.9])])) == nil)
        #expect(!Analysis.findings([batchRun(64, "0.1", test: [0.9])]).contains { $0.kind == .criticalBatchSize })
        #expect(CriticalBatchSize.measure(groups: PointGroup.group([diverged(64, "1")])) == nil)
    }

    @Test func oneRunAndNoStepsToCompare() throws {
        let result = try #require(CriticalBatchSize.measure(groups: PointGroup.group([noisyRun(64, test: [0.5, 0.95])])))
        #expect(result.consistency == nil)
        #expect(result.finding.text.hasPrefix("Gradient noise scale B_simple = tr(Σ)/|G|² (McCandlish et al. 2018), early → late in training: ≈ 100 → 500."))
        #expect(result.finding.text.contains("There is no steps-to-target curve to compare with"))
    }

    @Test func seedsArePooled() throws {
        // Two seeds: the second's late stretch has B_simple 1,000. Pooled, the late window
        // averages 𝒢 = 0.1 and 𝒮 = (50 + 100)/2 = 75: B_simple 750, not the mean of ratios.
        let runs = [noisyRun(64, test: [0.95], seed: 0), noisyRun(64, test: [0.95], seed: 1, lateSimple: 1000)]
        let result = try #require(CriticalBatchSize.measure(groups: PointGroup.group(runs)))
        #expect(result.series.first?.runs == ["64-0.1-s0", "64-0.1-s1"])
        #expect(result.series.first?.windows.count == 4)  // 80 samples: four stretches of 20
        #expect(abs((result.series.first?.late?.simple ?? 0) - 750) < 1e-6)
    }

    @Test func noiseSwampingTheSignalIsSaid() throws {
        var run = noisyRun(64, test: [0.95])
        run.noise = (0..<20).map { NoiseSample(step: $0, bigBatch: 64, smallBatch: 8, bigNormSquared: 0, smallNormSquared: 10) }
        let result = try #require(CriticalBatchSize.measure(groups: PointGroup.group([run])))
        #expect(result.finding.text.hasPrefix("The gradient noise scale could not be estimated"))
        #expect(result.finding.runs == [run.runId])
    }
}

func memory(activations: Int) -> WorkingMemory {
    WorkingMemory(parameters: 102_400, gradients: 102_400, optimizerState: 0, activations: activations)
}

func measuredRun(_ batch: Int, _ rate: String, examplesPerSecond: Double?, activations: Int?, index: Int = 0, seed: Int = 0) -> RunRecord {
    var run = batchRun(batch, rate, test: [0.9], seed: seed, index: index)
    run.trainSeconds = 2
    run.examplesSeen = examplesPerSecond.map { Int($0 * 2) }
    run.memory = activations.map { memory(activations: $0) }
    return run
}

@Suite struct ThroughputTests {
    @Test func largestAgainstSmallestBatch() throws {
        let runs = [
            measuredRun(64, "0.1", examplesPerSecond: 800_000, activations: 102_400, index: 0),
            measuredRun(64, "1", examplesPerSecond: 900_000, activations: 102_400, index: 1),
            measuredRun(64, "10", examplesPerSecond: 850_000, activations: 102_400, index: 2),
            measuredRun(1024, "0.1", examplesPerSecond: 2_900_000, activations: 1_843_200, index: 3),
            diverged(1024, "10", index: 4),
        ]
        let result = try #require(Throughput.measure(groups: PointGroup.group(runs)))
        #expect(result.rows.map(\.examplesPerSecond) == [850_000, 2_900_000])
        #expect(result.rows.map { $0.memory?.total } == [307_200, 2_048_000])
        let finding = result.finding
        // 2.9M / 0.85M = 3.41; 300 KiB and 2,000 KiB = 1.95 MiB; activations 1,800 KiB = 1.76 MiB.
        #expect(finding.text.hasPrefix("Batch 1024 trains 3.4× more examples per second than batch 64 (2.9M vs 850k/s) and needs 2.0 MiB of working memory vs 300 KiB (activations 1.8 MiB vs 100 KiB: they grow with the batch)."))
        #expect(finding.runs == ["64-0.1-s0", "64-1-s0", "64-10-s0", "1024-0.1-s0"])
        #expect(Analysis.findings(runs).contains { $0.kind == .throughput })
    }

    @Test func oldRecordsGiveNoFindingAndPartialFieldsAreUsed() throws {
        #expect(Throughput.measure(groups: []) == nil)
        #expect(Throughput.measure(groups: PointGroup.group([batchRun(64, "0.1", test: [0.9])])) == nil)
        #expect(!Analysis.findings([batchRun(64, "0.1", test: [0.9])]).contains { $0.kind == .throughput })
        #expect(Throughput.measure(groups: PointGroup.group([diverged(64, "1")])) == nil)
        let one = try #require(Throughput.measure(groups: PointGroup.group([measuredRun(64, "0.1", examplesPerSecond: nil, activations: 102_400)])))
        #expect(one.finding.text.hasPrefix("The runs need 300 KiB of working memory (activations 100 KiB) at batch 64."))
        #expect(!one.finding.text.contains("per second"))
    }

    @Test func evenCountTakesTheMiddleMeanAndTheLowerMemory() throws {
        let runs = [measuredRun(64, "0.1", examplesPerSecond: 1_000, activations: 1_024, seed: 0),
                    measuredRun(64, "0.1", examplesPerSecond: 2_000, activations: 2_048, seed: 1)]
        let result = try #require(Throughput.measure(groups: PointGroup.group(runs)))
        #expect(result.rows.first?.examplesPerSecond == 1_500)
        #expect(result.rows.first?.memory?.activations == 1_024)
        #expect(result.finding.text.hasPrefix("The runs train 1.5k examples per second (median of 2 runs)"))
    }
}

@Suite struct SeedStatisticsTests {
    /// adam lr 0.01 against lr 0.003 over five seeds.
    func runs(_ a: [Double], _ b: [Double]) -> [RunRecord] {
        a.enumerated().map { i, v in record([("train.optimizer", "adam"), ("train.learning_rate", "0.01")], accuracies: [v], seed: i, index: 1) }
            + b.enumerated().map { i, v in record([("train.optimizer", "adam"), ("train.learning_rate", "0.003")], accuracies: [v], seed: i, index: 0) }
    }

    @Test func pairedComparisonByHand() throws {
        // Differences 0.8, 0.9, 0.7, 1.0, 0.6 points: mean 0.8; squared deviations 0, 0.01, 0.01,
        // 0.04, 0.04 (points²) → sd = √(0.1/4) = 0.1581; t₀.₉₇₅(4) = 2.7764; half-width
        // 2.7764 · 0.1581 / √5 = 0.1963 → 95% CI 0.604–0.996.
        let groups = PointGroup.group(runs([0.970, 0.975, 0.972, 0.980, 0.968], [0.962, 0.966, 0.965, 0.970, 0.962]))
        let stats = try #require(SeedStatistics.measure(groups: groups))
        let c = try #require(stats.comparison)
        #expect(c.pairs == 5 && c.wins == 5 && c.ties == 0)
        #expect(abs(c.difference.mean - 0.008) < 1e-12)
        let interval = try #require(c.difference.interval95)
        #expect(abs(interval.lowerBound - 0.006037) < 1e-5)
        #expect(abs(interval.upperBound - 0.009963) < 1e-5)
        #expect(c.distinguishable)
        // Per point: lr 0.003's mean 96.5%; squared deviations 9, 1, 0, 25, 9 (1e-6) → sd √(44e-6/4)
        // = 0.33166 points, half-width 2.7764 · 0.33166/√5 = 0.4118 points.
        let row = try #require(stats.rows.first { $0.point.label == "adam, lr 0.003" })
        #expect(abs((row.accuracy.interval95?.lowerBound ?? 0) - (0.965 - 0.004118)) < 1e-5)
        let finding = try #require(Analysis.findings(groups: groups).first { $0.kind == .seeds })
        #expect(finding.text.contains("Mean final test accuracy with 95% t-intervals: adam, lr 0.01 97.3% (95% CI 96.7–97.9, 5 seeds), adam, lr 0.003 96.5% (95% CI 96.1–96.9, 5 seeds)."))
        #expect(finding.text.contains("Paired by seed, adam, lr 0.01 beat lr 0.003 in 5 of 5 seeds (mean +0.8 points, 95% CI 0.6–1.0): more than seed noise."))
        #expect(Set(finding.runs) == Set(groups.flatMap(\.runIds)))
    }

    @Test func intervalIncludingZeroIsNoise() throws {
        // Differences +1, −0.5, +0.2 points: mean 0.2333, sd √(1.12667e-4/2) = 0.75056 points,
        // t₀.₉₇₅(2) = 4.3027, half-width 4.3027 · 0.75056/√3 = 1.8645: −1.63 to 2.10, spanning 0.
        let groups = PointGroup.group(runs([0.96, 0.955, 0.962], [0.95, 0.96, 0.96]))
        let finding = try #require(Analysis.findings(groups: groups).first { $0.kind == .seeds })
        #expect(finding.text.contains("beat lr 0.003 in 2 of 3 seeds (mean +0.2 points, 95% CI −1.6 to 2.1): not distinguishable from seed noise."))
    }

    @Test func tiesAndFewRepeats() throws {
        // Two seeds: spread only, no intervals.
        let two = PointGroup.group(runs([0.96, 0.97], [0.95, 0.96]))
        #expect(SeedStatistics.measure(groups: two) == nil)
        let finding = try #require(Analysis.findings(groups: two).first { $0.kind == .seeds })
        #expect(!finding.text.contains("t-interval"))
        // Tied seeds are counted apart; the tied best points compare with each other.
        let tied = PointGroup.group(runs([0.96, 0.95, 0.97], [0.96, 0.96, 0.96]))
        let c = try #require(SeedStatistics.measure(groups: tied)?.comparison)
        #expect(c.pairs == 3 && c.wins == 1 && c.ties == 1)
        #expect(c.best.label == "adam, lr 0.003")  // first in grid order (index 0)
    }

    @Test func onePointStatesItsInterval() throws {
        // 0.95, 0.96, 0.97: mean 96%, sd 1 point, half-width t₀.₉₇₅(2) · 1/√3 = 4.3027/1.7321 = 2.484 points.
        let groups = PointGroup.group((0..<3).map { record(point(64, "0.1"), accuracies: [0.95 + 0.01 * Double($0)], seed: $0) })
        let finding = try #require(Analysis.findings(groups: groups).first { $0.kind == .seeds })
        #expect(finding.text.hasSuffix("Mean final test accuracy with a 95% t-interval: batch 64, lr 0.1 96.0% (95% CI 93.5–98.5, 3 seeds)."))
    }

    @Test func oneRunEmptyAndAllDiverged() {
        #expect(SeedStatistics.measure(groups: []) == nil)
        #expect(SeedStatistics.measure(groups: PointGroup.group([record(point(64, "0.1"), accuracies: [0.9])])) == nil)
        let allDiverged = PointGroup.group((0..<3).map { diverged(64, "5", seed: $0) })
        // Every run diverged: their evaluations at divergence are the accuracies; no runner-up.
        let stats = SeedStatistics.measure(groups: allDiverged)
        #expect(stats?.comparison == nil)
        #expect(stats?.rows.first?.accuracy.count == 3)
    }
}

/// A batch size with estimates from one stretch of training only has no trend to report.
@Suite struct CriticalBatchSizeOneStretchTests {
    @Test func oneStretchIsNotATrend() throws {
        // Nine samples (fewer than ten: one stretch) with B_simple exactly 100.
        var run = noisyRun(64, test: [0.5, 0.6, 0.7, 0.91])
        run.noise = samples(steps: 0..<9, g: 1, s: 100)
        let analysis = try #require(CriticalBatchSize.measure(groups: PointGroup.group([run])))
        #expect(analysis.series.first?.hasTrend == false)
        #expect(analysis.earlyAndLate == nil)
        let text = analysis.finding.text
        #expect(text.contains("(one stretch only)"), "\(text)")
        #expect(text.contains("Too few samples to follow it over training"))
        #expect(!text.contains("It grows"))
    }
}
