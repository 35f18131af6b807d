import Foundation
import Testing
@testable import Training

/// The range test's smoothing and reading on hand-made loss curves whose steepest point and blow-up are known.
@Suite struct RangeTestAnalysisTests {
    /// The default ramp: 100 rates from 1e-7 to 10.
    static let rates = (0..<100).map { RangeTestOptions().rate(at: $0) }

    /// Deterministic ±`amplitude` noise.
    static func noise(_ i: Int, amplitude: Double) -> Double {
        amplitude * sin(Double(i) * 12.9898 + 78.233 * sin(Double(i)))
    }

    /// A loss that falls from 2.3 to 0.3 along a logistic in log10 rate centred on `center` (steepest there).
    static func falling(center: Double, width: Double = 0.4, noise amplitude: Double = 0) -> [Double] {
        rates.enumerated().map { i, rate in
            2.3 - 2 / (1 + exp(-(log10(rate) - center) / width)) + noise(i, amplitude: amplitude)
        }
    }

    /// The former smoothing, for comparison: the bias-corrected moving average with β = 0.9.
    static func movingAverage(_ losses: [Double], beta: Double = 0.9) -> [Double] {
        var average = 0.0
        return losses.enumerated().map { k, loss in
            average = beta * average + (1 - beta) * loss
            return average / (1 - pow(beta, Double(k + 1)))
        }
    }

    static func steepest(_ smoothed: [Double]) -> Double? {
        RangeTestAnalysis.read(rates: rates, losses: smoothed, smoothed: smoothed, stopFactor: 4, stoppedEarly: false)
            .steepest.map { rates[$0] }
    }

    @Test func aSteadyFallIsFollowedWithoutLagToBothEnds() {
        let losses = Self.rates.map { 1.5 - 0.1 * log10($0) }
        let smoothed = RangeTestAnalysis.smoothed(rates: Self.rates, losses: losses)
        for (s, l) in zip(smoothed, losses) { #expect(abs(s - l) < 1e-9) }
        // The moving average trails it: 9 steps late, about 0.07 in loss at this slope.
        let ema = Self.movingAverage(losses)
        #expect(abs(ema[50] - losses[50]) > 0.05)
    }

    @Test func theSteepestPointIsFoundWhereTheLossFallsFastest() throws {
        // Clean: the centred smoother finds 0.01 to the step (0.081 decade); the moving average half a decade late.
        let clean = Self.falling(center: -2, width: 0.7)
        let found = try #require(Self.steepest(RangeTestAnalysis.smoothed(rates: Self.rates, losses: clean)))
        #expect(abs(log10(found) + 2) <= 0.09, "found \(found)")
        let lagged = try #require(Self.steepest(Self.movingAverage(clean)))
        #expect(log10(lagged) + 2 > 0.4, "moving average found \(lagged)")
        // Noisy (±0.1): within a step of the ramp's point nearest 0.01 (0.01 decade off), most of the noise gone.
        for amplitude in [0.05, 0.1] {
            let noisy = Self.falling(center: -2, width: 0.4, noise: amplitude)
            let smoothed = RangeTestAnalysis.smoothed(rates: Self.rates, losses: noisy)
            let noisyFound = try #require(Self.steepest(smoothed))
            #expect(abs(log10(noisyFound) + 2) <= 0.1, "found \(noisyFound) at noise \(amplitude)")
            let truth = Self.falling(center: -2, width: 0.4)
            let error = zip(smoothed, truth).map { abs($0 - $1) }.reduce(0, +) / 100
            let raw = zip(noisy, truth).map { abs($0 - $1) }.reduce(0, +) / 100
            #expect(error < raw / 2)
        }
    }

    @Test func theLossBlowsUpWhereItPassesFourTimesItsMinimum() throws {
        // Falls (steepest at 0.001), bottoms out at 0.3, jumps to 10 from step 80 (rate ≈ 0.29).
        var losses = Self.falling(center: -3, width: 0.3)
        for i in 80..<100 { losses[i] = 10 }
        let result = RangeTestResult(batchSize: 64,
                                     points: zip(Self.rates, losses).enumerated().map {
                                         RangeTestPoint(step: $0.offset, learningRate: $0.element.0, loss: $0.element.1, smoothedLoss: .nan)
                                     }, planned: 100, stopFactor: 4)
        // Seen at most 0.15 decade (2 steps) before the jump (the centred smoother spreads it), never after it.
        let blowUp = try #require(result.blowUpRate)
        #expect(blowUp <= Self.rates[80] && log10(Self.rates[80]) - log10(blowUp) <= 0.17, "blew up at \(blowUp)")
        let suggested = try #require(result.suggestedRate)
        #expect(abs(log10(suggested) + 3) <= 0.09)
        // Safe start: a decade below the steepest point up to it (well under half the minimum's rate here).
        let safe = try #require(result.safeRange)
        #expect(safe.upperBound == suggested && abs(safe.lowerBound - suggested / 10) < 1e-15)
        #expect(result.bestRate < blowUp && result.bestRate > suggested)
        #expect(!result.stoppedEarly)
        // The raw loss is kept as it was.
        #expect(result.points.map(\.loss) == losses)
    }

    @Test func aNonFiniteLossIsABlowUpAndTakesNoPartInTheFit() throws {
        var losses = Self.falling(center: -2)
        losses[70] = .infinity
        let smoothed = RangeTestAnalysis.smoothed(rates: Self.rates, losses: losses)
        #expect(smoothed[70].isNaN)
        #expect(smoothed[69].isFinite && smoothed[71].isFinite)
        let reading = RangeTestAnalysis.read(rates: Self.rates, losses: losses, smoothed: smoothed, stopFactor: 4, stoppedEarly: true)
        #expect(reading.blowUp == 70)
    }

    @Test func aRampStoppedByItsRuleBlewUpAtItsLastStep() {
        // Falls, then rises (by less than 4× its minimum) until the causal rule stops the ramp at step 89.
        var losses = Array(Self.falling(center: -2).prefix(90))
        for i in 75..<90 { losses[i] += 0.04 * Double(i - 74) }
        let rates = Array(Self.rates.prefix(90))
        let smoothed = RangeTestAnalysis.smoothed(rates: rates, losses: losses)
        let stopped = RangeTestAnalysis.read(rates: rates, losses: losses, smoothed: smoothed, stopFactor: 4, stoppedEarly: true)
        #expect(stopped.blowUp == 89)
        let finished = RangeTestAnalysis.read(rates: rates, losses: losses, smoothed: smoothed, stopFactor: 4, stoppedEarly: false)
        #expect(finished.blowUp == nil)
    }

    @Test func theSafeRangeIsCappedAtHalfTheMinimumsRate() throws {
        // The loss falls steepest right before its minimum: the cap applies.
        let losses = Self.rates.map { rate -> Double in
            let x = log10(rate)
            return x < -1 ? 2 - 0.01 * (x + 7) : (x < -0.9 ? 1.94 - 15 * (x + 1) : 0.44 + 2 * (x + 0.9) * (x + 0.9))
        }
        let smoothed = RangeTestAnalysis.smoothed(rates: Self.rates, losses: losses, bandwidth: 0.05)
        let reading = RangeTestAnalysis.read(rates: Self.rates, losses: losses, smoothed: smoothed, stopFactor: 4, stoppedEarly: false)
        let minimum = try #require(reading.minimum), steepest = try #require(reading.steepest)
        let safe = try #require(reading.safeRange)
        #expect(safe.upperBound == min(Self.rates[steepest], Self.rates[minimum] / 2))
        #expect(safe.lowerBound <= safe.upperBound)
    }

    @Test func aLossThatNeverFallsHasNoSuggestion() {
        let losses = Self.rates.map { 2 + 0.01 * log10($0) + 7 }
        let smoothed = RangeTestAnalysis.smoothed(rates: Self.rates, losses: losses)
        let reading = RangeTestAnalysis.read(rates: Self.rates, losses: losses, smoothed: smoothed, stopFactor: 4, stoppedEarly: false)
        #expect(reading.steepest == nil && reading.safeRange == nil && reading.blowUp == nil)
        #expect(reading.minimum == 0)
        let empty = RangeTestAnalysis.read(rates: [], losses: [], smoothed: [], stopFactor: 4, stoppedEarly: false)
        #expect(empty == RangeTestAnalysis.Reading(steepest: nil, minimum: nil, blowUp: nil, safeRange: nil))
    }
}
