import Insights
import Results
import Testing

/// `NoiseScale`'s closed forms on hand-made samples. The estimator against exact per-example
/// gradients is `TrainingTests/NoiseScaleExactTests` (it needs the trainer).
@Suite struct NoiseScaleTests {
    static func sample(_ step: Int, big: Int, small: Int, bigNorm: Double, smallNorm: Double) -> NoiseSample {
        NoiseSample(step: step, bigBatch: big, smallBatch: small, bigNormSquared: bigNorm, smallNormSquared: smallNorm)
    }

    /// B = 4, b = 1, |g_B|² = 2, |g_b|² = 5. Without a population c(1) = 1, c(4) = 1/4:
    /// 𝒢 = (1·2 − ¼·5) / ¾ = 1, 𝒮 = (5 − 2) / ¾ = 4, B_simple = 4. Of n = 9 examples
    /// c(1) = 8/8 = 1, c(4) = 5/32: 𝒢 = (2 − 25/32) / (27/32) = 13/9, 𝒮 = 3 / (27/32) = 32/9.
    @Test func closedFormOnAHandMadeSample() throws {
        let s = Self.sample(7, big: 4, small: 1, bigNorm: 2, smallNorm: 5)
        let infinite = try #require(NoiseScale.unbiased(s, population: nil))
        #expect(abs(infinite.gradientSquared - 1) < 1e-12)
        #expect(abs(infinite.traceCovariance - 4) < 1e-12)
        let finite = try #require(NoiseScale.unbiased(s, population: 9))
        #expect(abs(finite.gradientSquared - 13.0 / 9) < 1e-12)
        #expect(abs(finite.traceCovariance - 32.0 / 9) < 1e-12)
        let estimate = try #require(NoiseScale.estimate([s], population: 9))
        #expect(estimate.samples == 1 && estimate.firstStep == 7 && estimate.lastStep == 7)
        #expect(abs((estimate.simple ?? 0) - 32.0 / 13) < 1e-12)
    }

    /// Norms equal to their expectations |G|² + c(B)·tr(Σ), c(B) = (n − B)/(B(n − 1)), give back
    /// |G|² and tr(Σ) exactly, for any pair of batch sizes; with B = n, c(n) = 0 and 𝒢 = |g_n|².
    @Test(arguments: [(10, 1, 50), (64, 8, 300), (300, 37, 300), (1000, 125, 60_000), (2, 1, 2)])
    func expectedNormsGiveTheTrueValues(big: Int, small: Int, population: Int) throws {
        let g = 0.37, trace = 12.5
        func c(_ b: Int) -> Double { Double(population - b) / (Double(b) * Double(population - 1)) }
        let s = Self.sample(0, big: big, small: small, bigNorm: g + c(big) * trace, smallNorm: g + c(small) * trace)
        let value = try #require(NoiseScale.unbiased(s, population: population))
        #expect(abs(value.gradientSquared - g) < 1e-9)
        #expect(abs(value.traceCovariance - trace) < 1e-9)
        if big == population {
            // Whatever |g_b|² was drawn, 𝒢 is the full-batch |G|².
            let other = Self.sample(0, big: big, small: small, bigNorm: g, smallNorm: 99)
            #expect(abs((NoiseScale.unbiased(other, population: population)?.gradientSquared ?? 0) - g) < 1e-12)
        }
    }

    /// Averages of 𝒢 and 𝒮 first, one division last; samples that say nothing are skipped.
    @Test func averagesAndSkips() throws {
        let samples = [
            Self.sample(0, big: 4, small: 1, bigNorm: 2, smallNorm: 5),    // 𝒢 1, 𝒮 4
            Self.sample(10, big: 4, small: 1, bigNorm: 1, smallNorm: 1),   // 𝒢 1, 𝒮 0
            Self.sample(20, big: 4, small: 4, bigNorm: 1, smallNorm: 9),   // equal sizes: skipped
            Self.sample(30, big: 4, small: 1, bigNorm: .nan, smallNorm: 9), // not finite: skipped
        ]
        let estimate = try #require(NoiseScale.estimate(samples, population: nil))
        #expect(estimate.samples == 2 && estimate.firstStep == 0 && estimate.lastStep == 10)
        #expect(abs(estimate.gradientSquared - 1) < 1e-12 && abs(estimate.traceCovariance - 2) < 1e-12)
        #expect(abs((estimate.simple ?? 0) - 2) < 1e-12)
        #expect(NoiseScale.estimate(Array(samples.suffix(2)), population: nil) == nil)
        #expect(NoiseScale.estimate([], population: nil) == nil)
        // Noise swamping the signal (𝒢 ≤ 0): no B_simple.
        let swamped = try #require(NoiseScale.estimate([Self.sample(0, big: 4, small: 1, bigNorm: 1, smallNorm: 9)],
                                                       population: nil))
        #expect(swamped.gradientSquared < 0 && swamped.simple == nil)
    }

    @Test func windowsCutTheSamplesInStepOrder() {
        let samples = (0..<10).reversed().map { Self.sample($0 * 5, big: 4, small: 1, bigNorm: 2, smallNorm: 5) }
        let windows = NoiseScale.overTraining(samples, population: nil, windows: 3)
        #expect(windows.map(\.samples) == [3, 3, 4])
        #expect(windows.map(\.firstStep) == [0, 15, 30])
        #expect(windows.map(\.lastStep) == [10, 25, 45])
        #expect(NoiseScale.overTraining(Array(samples.prefix(2)), population: nil, windows: 5).count == 2)
        #expect(NoiseScale.overTraining([], population: nil, windows: 3).isEmpty)
    }
}
