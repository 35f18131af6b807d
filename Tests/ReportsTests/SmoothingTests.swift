import Charts
import Foundation
@testable import Reports
import Results
import Testing

/// TensorBoard's debiased EMA, against values worked out by hand from its formula
/// s_i = w·s_{i−1} + (1 − w)·x_i, s_0 = 0, shown as s_i / (1 − w^(i+1)).
@Suite struct SmoothingTests {
    static func points(_ ys: [Double]) -> [ChartPoint] { ys.enumerated().map { ChartPoint(x: Double($0.offset), y: $0.element) } }

    @Test func matchesTensorBoardByHand() {
        // w = 0.6: s = 0.4, 1.04, 1.824; debiased by 0.4, 0.64, 0.784.
        let out = Smoothing.debiasedEMA(Self.points([1, 2, 3]), weight: 0.6, logSpace: false).map(\.y)
        #expect(out.count == 3)
        #expect(abs(out[0] - 1) < 1e-12)  // the first point is the raw value: no pull towards 0
        #expect(abs(out[1] - 1.625) < 1e-12)
        #expect(abs(out[2] - 1.824 / 0.784) < 1e-12)
    }

    @Test func weightZeroIsRaw() {
        let raw = Self.points([3, 1, 4, 1, 5])
        #expect(Smoothing.debiasedEMA(raw, weight: 0, logSpace: false) == raw)
        #expect(Smoothing.debiasedEMA(raw, weight: -1, logSpace: false) == raw)
        #expect(Smoothing.debiasedEMA(raw, weight: .nan, logSpace: false) == raw)
    }

    @Test func logSpaceAveragesDecades() {
        // log10: 1, 2 with w = 0.5 → 1, (0.25 + 1) / 0.75 = 5/3 → 10, 10^(5/3).
        let out = Smoothing.debiasedEMA(Self.points([10, 100]), weight: 0.5, logSpace: true).map(\.y)
        #expect(abs(out[0] - 10) < 1e-9)
        #expect(abs(out[1] - pow(10, 5.0 / 3)) < 1e-9)
    }

    @Test func nonFiniteAndNonPositiveValuesAreSkipped() {
        let raw = [ChartPoint(x: 0, y: 1), ChartPoint(x: 1, y: .nan), ChartPoint(x: 2, y: 3)]
        let out = Smoothing.debiasedEMA(raw, weight: 0.6, logSpace: false)
        #expect(out.map(\.x) == [0, 2])
        // The second finite point is the second of the average: (0.24 + 1.2) / 0.64.
        #expect(abs(out[1].y - 2.25) < 1e-12)
        #expect(Smoothing.debiasedEMA(Self.points([0, -1, 2]), weight: 0.6, logSpace: true).map(\.x) == [2])
    }

    @Test func constantStaysConstantAndWeightOneDoesNotFreeze() {
        let out = Smoothing.debiasedEMA(Self.points(Array(repeating: 0.7, count: 50)), weight: 0.99, logSpace: false)
        #expect(out.allSatisfy { abs($0.y - 0.7) < 1e-9 })
        let clamped = Smoothing.debiasedEMA(Self.points([1, 2]), weight: 1, logSpace: false)
        #expect(clamped.allSatisfy { $0.y.isFinite })
        #expect(abs(clamped[0].y - 1) < 1e-9)
    }

    @Test func phraseNamesTheWeight() {
        #expect(Smoothing.phrase(0.6) == "debiased EMA, weight 0.6")
        #expect(Smoothing.phrase(0) == "")
    }
}

/// The seconds x-axis: each step's time interpolated within its epoch.
@Suite struct StepClockTests {
    static func record(seconds: [Double], stepsPerEpoch: Int, totalSteps: Int, trainSeconds: Double) -> RunRecord {
        var run = ChartFixtures.run(batch: 64, rate: 0.1, epochs: seconds.count)
        run.setup.stepsPerEpoch = stepsPerEpoch
        run.history = seconds.enumerated().map { i, s in
            EpochMetrics(epoch: i + 1, trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy: 0.5, seconds: s)
        }
        run.totalSteps = totalSteps
        run.trainSeconds = trainSeconds
        return run
    }

    @Test func interpolatesWithinEachEpoch() {
        let clock = StepClock(Self.record(seconds: [2, 4], stepsPerEpoch: 4, totalSteps: 8, trainSeconds: 6))
        #expect(clock.seconds(afterStep: 0) == 0.5)
        #expect(clock.seconds(afterStep: 3) == 2)
        #expect(clock.seconds(afterStep: 4) == 3)
        #expect(clock.seconds(afterStep: 7) == 6)
        #expect(clock.seconds(afterStep: -1) == nil)
        #expect(clock.seconds(afterStep: 9) == nil)
    }

    @Test func aPartialEpochSharesTheTimeLeftOver() {
        // One epoch of 4 steps in 2 s; then steps 4 and 5 and the diverging step 6 in the 3 s left.
        let clock = StepClock(Self.record(seconds: [2], stepsPerEpoch: 4, totalSteps: 6, trainSeconds: 5))
        #expect(clock.seconds(afterStep: 4) == 3)
        #expect(clock.seconds(afterStep: 5) == 4)
        #expect(clock.seconds(afterStep: 6) == 5)
        #expect(clock.seconds(afterStep: 7) == nil)
    }
}
