import Datasets
import Testing
@testable import Training

/// The new model and optimizer options train on digits, deterministically.
@Suite struct ModelOptionsTests {
    static func options(_ optimizer: OptimizerChoice, rate: Double, batchSize: Int = 64, epochs: Int = 5) -> TrainingOptions {
        TrainingOptions(hidden: [32], epochs: epochs, batchSize: batchSize, optimizer: optimizer, seed: 3,
                        learningRate: { _ in rate })
    }

    @Test(arguments: [
        (OptimizerChoice.adam(AdamSettings()), 0.003),
        (.adam(AdamSettings(weightDecay: 0.01, amsgrad: true, decoupled: true)), 0.003),
        (.rmsprop(RMSpropSettings(momentum: 0.5, centered: true)), 0.001),
        (.sgd(SGDSettings(momentum: 0.9, nesterov: true, weightDecay: 1e-4)), 0.05),
    ])
    func everyOptimizerLearnsDigits(optimizer: OptimizerChoice, rate: Double) throws {
        let outcome = train(Fixtures.digits, options: Self.options(optimizer, rate: rate))
        #expect(outcome.divergence == nil)
        let last = try #require(outcome.epochs.last)
        #expect(last.testAccuracy > 0.9)
        #expect(try #require(last.fullTrainLoss) < outcome.initialLoss / 4)
    }

    @Test(arguments: Activation.allCases)
    func everyActivationAndInitLearns(activation: Activation) throws {
        for initialization in Initialization.allCases {
            var options = Self.options(.sgd(SGDSettings(momentum: 0.9)), rate: 0.05, epochs: 3)
            options.activation = activation
            options.initialization = initialization
            options.dropout = 0.1
            options.labelSmoothing = 0.1
            options.clipNorm = 5
            let outcome = train(Fixtures.digits, options: options)
            let last = try #require(outcome.epochs.last)
            // Chance is 0.1; sigmoid learns slowest at this rate (≈ 0.7 after 3 epochs).
            #expect(last.testAccuracy > 0.6, "\(activation) \(initialization): \(last.testAccuracy)")
        }
    }

    @Test func dropoutIsSeededAndOffAtEvaluation() throws {
        var options = Self.options(.sgd(SGDSettings(momentum: 0.9)), rate: 0.05, epochs: 2)
        options.dropout = 0.5
        let a = train(Fixtures.digits, options: options), b = train(Fixtures.digits, options: options)
        #expect(a.epochs.map(\.numbers) == b.epochs.map(\.numbers))
        options.dropout = 0
        let plain = train(Fixtures.digits, options: options)
        #expect(plain.epochs.map(\.numbers) != a.epochs.map(\.numbers))
        // The untrained model's loss is measured without dropout: identical with and without.
        #expect(plain.initialLoss == a.initialLoss)
    }

    @Test func stochasticAndFullBatch() throws {
        let single = train(Fixtures.digits, options: Self.options(.sgd(SGDSettings()), rate: 0.01, batchSize: 1, epochs: 1))
        #expect(single.divergence == nil)
        #expect(single.totalSteps == Fixtures.digits.train.count)
        #expect(try #require(single.epochs.last).testAccuracy > 0.85)
        let full = train(Fixtures.digits, options: Self.options(.sgd(SGDSettings(momentum: 0.9)), rate: 0.5,
                                                                batchSize: .max, epochs: 20))
        #expect(full.totalSteps == 20)
        #expect(try #require(full.epochs.last).fullTrainLoss! < full.initialLoss)
    }

    @Test func rangeTestRampsAndStops() throws {
        let result = findLearningRate(Fixtures.digits, options: Self.options(.sgd(SGDSettings(momentum: 0.9)), rate: 0))
        #expect(result.points.first?.learningRate == 1e-7)
        let last = try #require(result.points.last)
        #expect(result.stoppedEarly == (result.points.count < 100))
        if result.stoppedEarly {
            #expect(result.blowUpRate != nil)   // the stopping rule fired: the loss blew up
        }
        #expect(last.loss > result.points[0].loss)   // the ramp ends past the useful rates
        let suggested = try #require(result.suggestedRate)
        #expect(suggested > 0.01 && suggested < result.bestRate)
        let ratios = zip(result.points.dropFirst(), result.points).map { $0.learningRate / $1.learningRate }
        #expect(ratios.allSatisfy { abs($0 - ratios[0]) < 1e-9 })   // exponential ramp
        #expect(abs(RangeTestOptions().rate(at: 99) - 10) < 1e-12)
        let again = findLearningRate(Fixtures.digits, options: Self.options(.sgd(SGDSettings(momentum: 0.9)), rate: 0))
        #expect(again == result)
    }
}
