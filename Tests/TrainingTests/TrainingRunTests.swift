import Datasets
import Results
import Foundation
import Testing
@testable import Training

enum Fixtures {
    static let digits: DataSplit = try! Digits.load().stratifiedSplit(testFraction: 0.2, seed: 0)

    static func options(batchSize: Int, rate: Double, epochs: Int, seed: UInt64 = 0) -> TrainingOptions {
        TrainingOptions(hidden: [64], epochs: epochs, batchSize: batchSize, momentum: 0.9, seed: seed,
                        learningRate: rate)
    }
}

extension EpochMetrics {
    /// The record without its wall time, for comparing runs.
    var numbers: [Double] { [Double(epoch), trainLoss, trainAccuracy, testLoss, testAccuracy] }
}

@Suite struct TrainingRunTests {
    @Test func reachesReferenceAccuracyOnDigits() {
        let outcome = train(Fixtures.digits, options: Fixtures.options(batchSize: 64, rate: 0.1, epochs: 30))
        #expect(outcome.divergence == nil)
        #expect(outcome.epochs.count == 30)
        #expect(outcome.totalSteps == 30 * 23)
        #expect(abs(outcome.initialLoss - log(10.0)) < 0.3)
        let last = outcome.epochs.last!
        #expect(last.testAccuracy >= 0.95)
        #expect(last.trainLoss < 0.05)
    }

    @Test func sameSeedSameNumbers() {
        let options = Fixtures.options(batchSize: 32, rate: 0.1, epochs: 3, seed: 11)
        let a = train(Fixtures.digits, options: options)
        let b = train(Fixtures.digits, options: options)
        #expect(a.initialLoss == b.initialLoss)
        #expect(a.epochs.map(\.numbers) == b.epochs.map(\.numbers))
        #expect(a.steps == b.steps)
        #expect(a.divergence == b.divergence)
        #expect(a.totalSteps == b.totalSteps)
        let c = train(Fixtures.digits, options: Fixtures.options(batchSize: 32, rate: 0.1, epochs: 3, seed: 12))
        #expect(c.epochs.map(\.numbers) != a.epochs.map(\.numbers))
    }

    @Test func stepRecordsFollowTheSchedule() {
        var options = Fixtures.options(batchSize: 100, rate: 0, epochs: 2)
        options.learningRate = { step in 0.01 * Double(step + 1) }
        let outcome = train(Fixtures.digits, options: options)
        let n = Fixtures.digits.train.count
        #expect(outcome.steps.count == 2 * 15)
        #expect(outcome.steps.map(\.step) == Array(0..<30))
        #expect(outcome.steps[3].learningRate == 0.04)
        #expect(outcome.steps[14].examplesSeen == n)
        #expect(outcome.steps[29].examplesSeen == 2 * n)
        #expect(outcome.steps.allSatisfy { $0.loss.isFinite && $0.loss > 0 })
        #expect(outcome.steps.allSatisfy { ($0.gradientNorm ?? 0).isFinite && ($0.gradientNorm ?? 0) > 0 })
    }

    @Test func fullBatchAndProgress() {
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var epochs: [Int] = []
            func add(_ e: Int) { lock.lock(); epochs.append(e); lock.unlock() }
        }
        let counter = Counter()
        let outcome = train(Fixtures.digits, options: Fixtures.options(batchSize: 100_000, rate: 0.5, epochs: 4),
                            progress: { counter.add($0) })
        #expect(outcome.totalSteps == 4)
        #expect(outcome.steps.map(\.examplesSeen) == (1...4).map { $0 * Fixtures.digits.train.count })
        #expect(counter.epochs == [1, 2, 3, 4])
        #expect(outcome.epochs.last!.trainLoss < outcome.initialLoss)
    }

    @Test func zeroEpochsOnlyMeasuresTheStart() {
        let outcome = train(Fixtures.digits, options: Fixtures.options(batchSize: 64, rate: 0.1, epochs: 0))
        #expect(outcome.epochs.isEmpty && outcome.steps.isEmpty && outcome.totalSteps == 0)
        #expect(outcome.initialLoss > 2)
    }

    @Test func stepSamplerKeepsAtMostTheLimitEvenly() {
        var sampler = StepSampler(total: 5000, limit: 2000)
        let kept = (0..<5000).filter { sampler.keeps($0) }
        #expect(kept.count == 2000)
        #expect(kept.first == 0 && kept.last == 4999)
        let gaps = Set(zip(kept.dropFirst(), kept).map { $0 - $1 })
        #expect(gaps == [2, 3])
        var few = StepSampler(total: 10, limit: 2000)
        #expect((0..<10).filter { few.keeps($0) } == Array(0..<10))
    }
}

@Suite struct GradientNormTests {
    @Test func recordedNormIsTheFullBatchGradientNorm() {
        let split = Fixtures.digits
        let outcome = train(split, options: TrainingOptions(hidden: [16], epochs: 3, batchSize: 100_000,
                                                            momentum: 0.9, seed: 5, learningRate: 0))
        // The same model, initialised the same way, on the rows in dataset order.
        let layout = NetworkLayout(inputs: 64, hidden: [16], classes: 10)
        let model = MLP<Float>(layout: layout)
        var generator = SeededRandom(seed: 5)
        Initialization.pytorch.fill(model.parameters.pointer, layout: layout, using: &generator)
        let workspace = Workspace<Float>(layout: layout, capacity: split.train.count)
        _ = split.train.features.withUnsafeBufferPointer { x in
            split.train.labels.withUnsafeBufferPointer { y in
                model.scoreAndGradient(.contiguous(x.baseAddress!), labels: y.baseAddress!, rows: split.train.count,
                                       workspace: workspace)
            }
        }
        let expected = model.gradients.pointer.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        #expect(outcome.steps.count == 3)
        for step in outcome.steps {
            #expect(abs((step.gradientNorm ?? 0) - expected) <= 1e-4 * expected)
        }
    }
}
