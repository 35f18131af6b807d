import Datasets
import Foundation
import Testing
@testable import Training

/// Counts `shouldStop` calls and says stop from the `after`-th one on.
private final class StopAfter: @unchecked Sendable {
    private let lock = NSLock()
    private var calls = 0
    let after: Int
    init(after: Int) { self.after = after }
    func ask() -> Bool { lock.withLock { calls += 1; return calls > after } }
}

@Suite struct StopTests {
    @Test func shouldStopEndsTheRunBeforeTheNextStep() {
        var options = Fixtures.options(batchSize: 64, rate: 0.1, epochs: 3)
        let stop = StopAfter(after: 30)  // 23 steps per epoch: stops in the second epoch
        options.shouldStop = { stop.ask() }
        let outcome = train(Fixtures.digits, options: options)
        #expect(outcome.stopped)
        #expect(outcome.totalSteps == 30)
        #expect(outcome.epochs.count == 1)
        #expect(outcome.divergence == nil)
    }

    @Test func neverStoppingChangesNothing() {
        var options = Fixtures.options(batchSize: 64, rate: 0.1, epochs: 2)
        let plain = train(Fixtures.digits, options: options)
        options.shouldStop = { false }
        let asked = train(Fixtures.digits, options: options)
        #expect(!asked.stopped && !plain.stopped)
        #expect(asked.epochs.map(\.numbers) == plain.epochs.map(\.numbers))
        #expect(asked.steps == plain.steps)
    }

    @Test func rangeTestStopsToo() {
        var options = Fixtures.options(batchSize: 64, rate: 0, epochs: 1)
        options.shouldStop = { true }
        let result = findLearningRate(Fixtures.digits, options: options, range: RangeTestOptions(steps: 100))
        #expect(result.points.isEmpty)
    }
}
