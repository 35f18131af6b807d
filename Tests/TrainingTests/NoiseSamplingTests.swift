import Datasets
import Results
import Testing
@testable import Training

extension TrainingOutcome {
    /// The epoch records without their wall times, for bit-for-bit comparisons.
    var timeless: [EpochMetrics] { epochs.map { var e = $0; e.seconds = 0; return e } }
}

/// The loop's noise-scale measurements, working memory and examples seen.
@Suite struct NoiseSamplingTests {
    /// 240 training and 60 test rows of two moons: for runs where only counts matter.
    static let small: DataSplit = try! Synthetic.make(SyntheticOptions(kind: .moons, samples: 300), seed: 2)
        .stratifiedSplit(testFraction: 0.2, seed: 0)

    static func options(batch: Int, epochs: Int, dropout: Double = 0, clip: Double? = nil,
                        optimizer: OptimizerChoice = .sgd(SGDSettings(momentum: 0.9)), sampling: Bool = true) -> TrainingOptions {
        var options = TrainingOptions(hidden: [32], epochs: epochs, batchSize: batch, optimizer: optimizer, seed: 4,
                                      learningRate: { _ in 0.05 })
        options.dropout = dropout
        options.clipNorm = clip
        options.noiseSampling = sampling
        return options
    }

    /// The extra pass changes nothing: every epoch and step record, bit for bit, with dropout
    /// (whose masks come from the stream the measurement saves and restores) and with clipping
    /// (which reads the norm the measurement also takes).
    @Test(arguments: [(0.0, nil as Double?), (0.3, nil), (0.0, 0.5), (0.2, 1.0)])
    func measuringLeavesTheRunUnchanged(dropout: Double, clip: Double?) {
        let on = train(Fixtures.digits, options: Self.options(batch: 32, epochs: 2, dropout: dropout, clip: clip))
        let off = train(Fixtures.digits, options: Self.options(batch: 32, epochs: 2, dropout: dropout, clip: clip,
                                                               sampling: false))
        #expect(on.initialLoss == off.initialLoss)
        #expect(on.timeless == off.timeless)
        #expect(on.steps == off.steps)
        #expect(on.totalSteps == off.totalSteps && on.divergence == off.divergence)
        #expect(on.examplesSeen == off.examplesSeen && on.memory == off.memory)
        #expect(!on.noise.isEmpty)
        #expect(off.noise.isEmpty)
    }

    /// Samples at steps 0, k, 2k, … of the plan; each over the step's own rows (the epoch's last
    /// batch is short) and its first eighth; |g_b|² is on average larger than |g_B|².
    @Test func samplesAreTakenAtThePlannedSteps() throws {
        let n = Fixtures.digits.train.count, batch = 100, epochs = 4
        let outcome = train(Fixtures.digits, options: Self.options(batch: batch, epochs: epochs))
        let perEpoch = updatesPerEpoch(examples: n, batchSize: batch)
        let plan = try #require(NoisePlan(totalSteps: epochs * perEpoch, batchSize: batch))
        let planned = Array(stride(from: 0, to: epochs * perEpoch, by: plan.interval))
        #expect(planned.count >= 4)
        #expect(outcome.noise.map(\.step) == planned)
        for sample in outcome.noise {
            let position = sample.step % perEpoch
            let rows = min(batch, n - position * batch)
            #expect(sample.bigBatch == rows && sample.smallBatch == max(1, rows / 8))
            #expect(sample.bigNormSquared > 0 && sample.smallNormSquared > 0)
        }
        // The small batch's gradient is the noisier one: on average its norm is larger.
        let small = outcome.noise.map(\.smallNormSquared).reduce(0, +)
        let big = outcome.noise.map(\.bigNormSquared).reduce(0, +)
        #expect(small > big)
        // The step records' norm at a measured step is the measured |g_B|.
        for sample in outcome.noise {
            let record = try #require(outcome.steps.first { $0.step == sample.step })
            #expect(record.gradientNorm == sample.bigNormSquared.squareRoot())
        }
    }

    @Test func oneRowBatchesAreNotMeasured() {
        let outcome = train(Self.small, options: Self.options(batch: 1, epochs: 2))
        #expect(outcome.totalSteps == 2 * Self.small.train.count)
        #expect(outcome.noise.isEmpty)
        #expect(NoisePlan(totalSteps: 1000, batchSize: 1) == nil)
        #expect(NoisePlan(totalSteps: 0, batchSize: 64) == nil)
    }

    @Test func fullBatchIsMeasuredAtTheStart() {
        let n = Fixtures.digits.train.count
        let outcome = train(Fixtures.digits, options: Self.options(batch: 100_000, epochs: 3))
        #expect(outcome.noise.map(\.step) == [0])
        #expect(outcome.noise.first?.bigBatch == n && outcome.noise.first?.smallBatch == n / 8)
    }

    /// The plan's promises over a range of runs: step 0 measured, at most 200 samples, at least
    /// 64 when the 3% ceiling allows, and the modelled cost ρ/k within 2% when 64 samples fit
    /// in it, within 2.5% always.
    @Test func planKeepsItsBudget() throws {
        for batch in [2, 3, 8, 16, 32, 64, 100, 256, 1024, 4096] {
            for total in [1, 5, 31, 100, 690, 1000, 5000, 23_000, 1_000_000] {
                let plan = try #require(NoisePlan(totalSteps: total, batchSize: batch))
                let samples = (total + plan.interval - 1) / plan.interval
                let b = Double(NoisePlan.smallBatch(batch)), big = Double(batch)
                let cost = (b + NoisePlan.fixedRows) / (big + NoisePlan.fixedRows) / Double(plan.interval)
                #expect(plan.measures(0))
                #expect(samples <= NoisePlan.maxSamples, "\(batch) \(total)")
                #expect(cost <= NoisePlan.ceiling + 1e-12, "\(batch) \(total)")
                if total >= NoisePlan.minSamples * Int((cost * Double(plan.interval) / NoisePlan.budget).rounded(.up)) {
                    #expect(cost <= NoisePlan.budget + 1e-12, "\(batch) \(total)")
                }
                if total >= NoisePlan.minSamples * Int((cost * Double(plan.interval) / NoisePlan.ceiling).rounded(.up)) {
                    #expect(samples >= NoisePlan.minSamples, "\(batch) \(total)")
                }
            }
        }
        // Digits at batch 64 for 30 epochs: 690 steps, every 10th measured (69 samples).
        #expect(NoisePlan(totalSteps: 690, batchSize: 64)?.interval == 10)
    }

    /// The measured working memory is `TrainingMemory`'s estimate, part by part:
    /// `TrainingMemory.parameters` = parameters + gradients (it counts both as "two values per
    /// weight"), `.optimizer` = optimizerState, and activations the batch's rows of `.workspace`
    /// (which holds the batch or an evaluation chunk, whichever is larger; labels included).
    @Test(arguments: [
        ([64], 64, OptimizerChoice.sgd(SGDSettings(momentum: 0.9)), false),
        ([128, 32], 1, .adam(AdamSettings()), true),
        ([16], 1000, .adam(AdamSettings(amsgrad: true)), false),
        ([30, 20, 10], 5000, .rmsprop(RMSpropSettings(momentum: 0.5, centered: true)), true),
        ([10], 32, .sgd(SGDSettings()), false),
        ([], 16, .rmsprop(RMSpropSettings()), false),
    ])
    func workingMemoryIsTheEstimate(hidden: [Int], batch: Int, optimizer: OptimizerChoice, dropout: Bool) throws {
        let split = Fixtures.digits
        var options = Self.options(batch: batch, epochs: 0, dropout: dropout ? 0.2 : 0, optimizer: optimizer)
        options.hidden = hidden
        let memory = try #require(train(split, options: options).memory)
        let estimate = TrainingMemory(inputs: split.train.featureCount, hidden: hidden, classes: split.train.classCount,
                                      trainCount: split.train.count, evaluationCount: split.test.count,
                                      batchSize: batch, epochs: 0, optimizer: optimizer, dropout: dropout)
        #expect(memory.parameters + memory.gradients == estimate.parameters)
        #expect(memory.parameters == memory.gradients)
        #expect(memory.optimizerState == estimate.optimizer)
        let rows = min(batch, split.train.count)
        #expect(estimate.workspace % estimate.workspaceRows == 0)
        #expect(memory.activations == estimate.workspace / estimate.workspaceRows * rows)
        #expect(memory.total == estimate.parameters + estimate.optimizer + memory.activations)
    }

    @Test func examplesSeenCountsEveryStep() throws {
        let n = Self.small.train.count
        let finished = train(Self.small, options: Self.options(batch: 100, epochs: 3))
        #expect(finished.divergence == nil)
        #expect(finished.examplesSeen == 3 * n)
        var options = Self.options(batch: 16, epochs: 2)
        options.learningRate = { $0 == 5 ? .nan : 0.05 }
        let diverged = train(Self.small, options: options)
        let divergence = try #require(diverged.divergence)
        #expect(diverged.examplesSeen == (divergence.step + 1) * 16)
    }
}
