import Datasets
import Testing
@testable import Training

@Suite struct DivergenceTests {
    @Test(arguments: [64, 1024])
    func tooHighRateIsFlagged(batchSize: Int) throws {
        let outcome = train(Fixtures.digits, options: Fixtures.options(batchSize: batchSize, rate: 5.0, epochs: 30))
        let divergence = try #require(outcome.divergence)
        #expect(["blow-up", "no-progress"].contains(divergence.cause))
        #expect(divergence.step >= 0 && divergence.step < 30 * 23)
        #expect(divergence.loss > outcome.initialLoss)
        #expect(outcome.steps.contains { $0.step == divergence.step })
        #expect(divergence.epochsSeen > 0)
        #expect(divergence.testAccuracy < 0.5)
        #expect(outcome.epochs.count < 30)
    }

    @Test(arguments: [(64, 0.1), (64, 0.01), (256, 1.0), (1024, 1.0)])
    func healthyRunsAreNotFlagged(batchSize: Int, rate: Double) {
        // bs 64 at lr 1.0 is covered by the rule's measurement; kept out of the debug suite for time.
        let outcome = train(Fixtures.digits, options: Fixtures.options(batchSize: batchSize, rate: rate, epochs: 30))
        #expect(outcome.divergence == nil)
        #expect(outcome.epochs.count == 30)
    }

    @Test func nonFiniteLossIsFlagged() throws {
        var options = Fixtures.options(batchSize: 64, rate: 0.1, epochs: 2)
        options.learningRate = { $0 == 3 ? .nan : 0.1 }
        let outcome = train(Fixtures.digits, options: options)
        let divergence = try #require(outcome.divergence)
        #expect(divergence.cause == "non-finite")
        #expect(divergence.step == 4)
        #expect(divergence.loss.isNaN)
        #expect(outcome.totalSteps == 4)
        #expect(outcome.epochs.isEmpty)
        #expect(divergence.epochsSeen == Double(5 * 64) / Double(Fixtures.digits.train.count))
    }

    @Test func windowCoversAtLeast32Examples() {
        var rule = DivergenceRule(initialLoss: 1, batchSize: 8)
        #expect(rule.window == 4)
        // One huge batch among small ones: mean over 4 batches 4.75 > 4.
        #expect(rule.afterStep(lossSum: 8 * 16, rows: 8) == nil)   // window not yet full
        #expect(rule.afterStep(lossSum: 8 * 1, rows: 8) == nil)
        #expect(rule.afterStep(lossSum: 8 * 1, rows: 8) == nil)
        #expect(rule.afterStep(lossSum: 8 * 1, rows: 8)?.cause == "blow-up")
        var single = DivergenceRule(initialLoss: 1, batchSize: 1)
        #expect(single.window == 32)
        #expect(single.afterStep(lossSum: 30, rows: 1) == nil)  // one example alone never flags
        var large = DivergenceRule(initialLoss: 1, batchSize: 1000)
        #expect(large.window == 1)
        #expect(large.afterStep(lossSum: 4001, rows: 1000)?.cause == "blow-up")
        #expect(large.afterEpoch(meanLoss: 1.06)?.cause == "no-progress")
        #expect(large.afterEpoch(meanLoss: 1.04) == nil)
        #expect(large.afterStep(lossSum: .infinity, rows: 1000)?.cause == "non-finite")
    }
}
