import Datasets
import Foundation
import Insights
import Results
import Testing
@testable import Training

/// `NoiseScale` on samples the loop's own code path takes (`scoreAndGradientMeasuringNoise`)
/// against the exact |G|², tr(Σ) and B_simple of a small problem, computed from every
/// per-example gradient.
@Suite struct NoiseScaleExactTests {
    /// A 4 → 16 → 3 ReLU network in Double on 300 points of a Gaussian cloud cut into 3 shells,
    /// trained 10 full-batch steps (|G| has shrunk: B_simple ≈ 140, between b and n), with every
    /// per-example gradient.
    final class Problem {
        let layout: NetworkLayout
        let model: MLP<Double>
        let workspace: Workspace<Double>
        let x: [Double]
        let y: [Int32]
        let n: Int
        /// |G|², tr(Σ) = mean |g_i − G|² (Σ normalised by n, as `NoiseScale` defines it).
        private(set) var gradientSquared = 0.0
        private(set) var traceCovariance = 0.0

        init() throws {
            let data = try Synthetic.make(SyntheticOptions(kind: .gaussian, samples: 300, features: 4, classes: 3), seed: 5)
            n = data.count
            layout = NetworkLayout(inputs: 4, hidden: [16], classes: 3)
            x = data.features.map(Double.init)
            y = data.labels
            model = MLP<Double>(layout: layout)
            workspace = Workspace<Double>(layout: layout, capacity: n)
            var generator = SeededRandom(seed: 9)
            Initialization.pytorch.fill(model.parameters.pointer, layout: layout, using: &generator)
            var sgd = SGD<Double>(SGDSettings(momentum: 0.9), parameterCount: layout.parameterCount)
            let all = Array(0..<n)
            for _ in 0..<10 {
                gather(all)
                _ = model.scoreAndGradient(.contiguous(workspace.input.base), labels: workspace.labels.baseAddress!, rows: n,
                                           workspace: workspace)
                sgd.update(model.parameters.base, gradients: model.gradients.base, count: layout.parameterCount,
                           learningRate: 0.5)
            }
            exact()
        }

        func gather(_ rows: [Int]) {
            x.withUnsafeBufferPointer { x in
                y.withUnsafeBufferPointer { y in
                    rows.withUnsafeBufferPointer { order in
                        workspace.gather(rows: order.count, order: order.baseAddress!, from: x.baseAddress!,
                                         featureCount: layout.inputs, labels: y.baseAddress!)
                    }
                }
            }
        }

        /// One-row gradients of every example: G their mean, tr(Σ) their mean squared distance to G.
        private func exact() {
            let p = layout.parameterCount
            var perExample = [Double](repeating: 0, count: n * p)
            for i in 0..<n {
                gather([i])
                _ = model.scoreAndGradient(.contiguous(workspace.input.base), labels: workspace.labels.baseAddress!, rows: 1,
                                           workspace: workspace)
                for j in 0..<p { perExample[i * p + j] = model.gradients.pointer[j] }
            }
            var mean = [Double](repeating: 0, count: p)
            for i in 0..<n { for j in 0..<p { mean[j] += perExample[i * p + j] } }
            for j in 0..<p { mean[j] /= Double(n) }
            gradientSquared = mean.reduce(0) { $0 + $1 * $1 }
            var spread = 0.0
            for i in 0..<n { for j in 0..<p { let d = perExample[i * p + j] - mean[j]; spread += d * d } }
            traceCovariance = spread / Double(n)
        }

        /// `draws` noise samples as the loop takes them: each a fresh batch of `batch` rows drawn
        /// without replacement (the first `batch` of a shuffle), the small gradient over its first rows.
        func samples(batch: Int, draws: Int, seed: UInt64) -> [NoiseSample] {
            var generator = SeededRandom(seed: seed)
            var order = Array(0..<n)
            return (0..<draws).compactMap { draw in
                generator.shuffle(&order)
                gather(Array(order.prefix(batch)))
                return model.scoreAndGradientMeasuringNoise(.contiguous(workspace.input.base), rows: batch, step: draw, workspace: workspace).sample
            }
        }
    }

    struct Moments {
        var mean: Double
        var standardError: Double
        init(_ values: [Double]) {
            let count = Double(values.count)
            let mean = values.reduce(0, +) / count
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)
            self.mean = mean
            standardError = (variance / count).squareRoot()
        }
    }

    /// B = 128, b = 16 of n = 300: c(B) = 172/(128·299) is 42% below 1/B, so the
    /// finite-population factor matters (checked below: without it 𝒢̄ misses by far).
    ///
    /// The bound: 𝒢 and 𝒮 are unbiased, so over N = 2,000 independent draws their means are
    /// normal to a good approximation (CLT; the per-draw values have finite variance, N is
    /// large) with standard error SE = sd/√N, estimated from the draws themselves. A correct
    /// estimator lands within 4 SE with probability ≈ 1 − 6·10⁻⁵ (the seeds are fixed, so the
    /// test is deterministic). For the test to mean something the bound itself must be tight:
    /// 4 SE / exact < 10% for |G|² and tr(Σ) (here about 5% each). B_simple = 𝒮̄/𝒢̄ is a
    /// ratio; to first order its relative error is at most the sum of the two relative errors,
    /// so its bound is the sum of their relative bounds (< 20%).
    @Test func estimateMatchesTheExactValues() throws {
        let problem = try Problem()
        let n = problem.n
        let samples = problem.samples(batch: 128, draws: 2000, seed: 1)
        #expect(samples.count == 2000)
        #expect(samples.allSatisfy { $0.bigBatch == 128 && $0.smallBatch == 16 })
        let values = samples.compactMap { NoiseScale.unbiased($0, population: n) }
        let g = Moments(values.map(\.gradientSquared)), s = Moments(values.map(\.traceCovariance))
        let estimate = try #require(NoiseScale.estimate(samples, population: n))
        #expect(estimate.samples == 2000)
        #expect(abs(estimate.gradientSquared - g.mean) <= 1e-12 * abs(g.mean))
        #expect(abs(estimate.traceCovariance - s.mean) <= 1e-12 * abs(s.mean))

        let exactG = problem.gradientSquared, exactS = problem.traceCovariance
        let exactSimple = exactS / exactG
        let boundG = 4 * g.standardError / exactG, boundS = 4 * s.standardError / exactS
        #expect(boundG < 0.1, "the draws pin |G|² only to \(boundG)")
        #expect(boundS < 0.1, "the draws pin tr(Σ) only to \(boundS)")
        #expect(abs(estimate.gradientSquared - exactG) / exactG <= boundG,
                "𝒢̄ \(estimate.gradientSquared) vs |G|² \(exactG)")
        #expect(abs(estimate.traceCovariance - exactS) / exactS <= boundS,
                "𝒮̄ \(estimate.traceCovariance) vs tr(Σ) \(exactS)")
        let simple = try #require(estimate.simple)
        #expect(abs(simple - exactSimple) / exactSimple <= boundG + boundS, "B_simple \(simple) vs \(exactSimple)")
        // A problem where the batch matters: B_simple well above b and below n.
        #expect(exactSimple > 16 && exactSimple < Double(n))
        // The infinite-population formula (c = 1/B) biases 𝒢̄ by −tr(Σ)·0.0033 ≈ −0.46·|G|² here.
        let naive = try #require(NoiseScale.estimate(samples, population: nil))
        #expect(abs(naive.gradientSquared - exactG) / exactG > 3 * boundG)
    }

    /// B = n: the big batch is the full batch, c(n) = 0, so every single 𝒢 is |g_n|² = |G|²
    /// (up to the rounding of two summation orders), and 𝒮 is unbiased on its own
    /// (the same 4-standard-error bound as above; 300 draws of 300 rows pin it to about 15%, enough
    /// here: the tight check of 𝒮 is the test above).
    @Test func fullBatchGivesTheExactGradient() throws {
        let problem = try Problem()
        let n = problem.n
        let samples = problem.samples(batch: n, draws: 300, seed: 2)
        #expect(samples.allSatisfy { $0.bigBatch == n && $0.smallBatch == n / 8 })
        let values = samples.compactMap { NoiseScale.unbiased($0, population: n) }
        #expect(values.count == 300)
        for value in values {
            #expect(abs(value.gradientSquared - problem.gradientSquared) <= 1e-9 * problem.gradientSquared)
        }
        let s = Moments(values.map(\.traceCovariance))
        let bound = 4 * s.standardError / problem.traceCovariance
        #expect(bound < 0.2)
        #expect(abs(s.mean - problem.traceCovariance) / problem.traceCovariance <= bound)
    }
}
