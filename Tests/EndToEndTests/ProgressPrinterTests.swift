import Diagnostics
@testable import lrlab
import Sweeps
import Testing

/// The live bar's words: runs done, epochs in flight, and a time left that counts only the
/// runs still to train (reused runs took no time).
@Suite struct ProgressPrinterTests {
    final class FakeClock: @unchecked Sendable {
        var now = 100.0
    }

    @Test func statusCountsEpochsInFlightAndEstimatesTimeLeftFromTrainingOnly() throws {
        let sweep = try Sweep(document: YAMLDocument(text: """
            name: p
            train: {epochs: 10}
            grid:
              train.learning_rate: [0.01, 0.1, 1, 10, 100]
            """, path: "p.yaml"))
        let runs = sweep.runs
        try #require(runs.count == 5)
        let clock = FakeClock()
        let printer = ProgressPrinter(total: 5, quiet: false, live: false, clock: { clock.now })
        printer.handle(.reused(runs[0]))
        #expect(printer.status(elapsed: nil) == "1/5 runs")
        printer.handle(.started(runs[1]))
        printer.handle(.started(runs[2]))
        printer.handle(.epoch(runs[1], 4))
        printer.handle(.epoch(runs[2], 2))
        // Too early for an estimate: under two seconds in.
        #expect(printer.status(elapsed: 1) == "1/5 runs, 2 training (epoch 4/10, 2/10)")
        // 0.6 of 4 runs to train took 6 s: 3.4 runs left take 34 s.
        #expect(printer.status(elapsed: 6) == "1/5 runs, 2 training (epoch 4/10, 2/10), about 34.0 s left")
    }
}
