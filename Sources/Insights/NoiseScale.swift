public import Results

/// The gradient noise scale of McCandlish et al. (2018), "An Empirical Model of Large-Batch
/// Training", appendix A, from `NoiseSample`s: each holds |g_b|² and |g_B|², the squared norms of
/// the mean-loss gradients over b and B examples drawn at the same weights.
///
/// For a minibatch of B examples drawn without replacement from n, with G the full-batch
/// gradient and Σ the per-example gradients' covariance (normalised by n),
/// E|g_B|² = |G|² + c(B)·tr(Σ), with c(B) = (n − B) / (B (n − 1)) (c(B) = 1/B as n → ∞, the
/// paper's formula; c(n) = 0: the full batch is exact). Two batch sizes give two equations, so
///
///     |G|²  ≈ 𝒢 = (c(b)·|g_B|² − c(B)·|g_b|²) / (c(b) − c(B))
///     tr(Σ) ≈ 𝒮 = (|g_b|² − |g_B|²) / (c(b) − c(B))
///
/// each unbiased. Single estimates are very noisy (𝒢 is often negative), so 𝒢 and 𝒮 are
/// averaged over many samples first and only their averages divided: B_simple = 𝒮̄ / 𝒢̄, as the
/// paper does with moving averages.
public enum NoiseScale {
    /// Averages of the two unbiased estimates over a stretch of training.
    public struct Estimate: Sendable, Equatable {
        /// First and last update of the samples averaged.
        public var firstStep: Int
        public var lastStep: Int
        public var samples: Int
        /// 𝒢̄, the mean estimate of |G|².
        public var gradientSquared: Double
        /// 𝒮̄, the mean estimate of tr(Σ).
        public var traceCovariance: Double

        /// B_simple = tr(Σ) / |G|²: about the batch size beyond which a larger batch stops
        /// cutting the steps needed; nil when 𝒢̄ is not positive (the noise swamps the signal).
        public var simple: Double? {
            guard gradientSquared > 0, traceCovariance.isFinite, traceCovariance >= 0 else { return nil }
            let value = traceCovariance / gradientSquared
            return value.isFinite ? value : nil
        }
    }

    /// c(B): the factor of tr(Σ) in E|g_B|² for B of `population` examples drawn without
    /// replacement (1/B without a population).
    static func factor(_ batch: Int, population: Int?) -> Double {
        let b = Double(batch)
        guard let population, population > 1 else { return 1 / b }
        return max(0, Double(population) - b) / (b * Double(population - 1))
    }

    /// 𝒢 and 𝒮 of one sample; nil when its two batch sizes give no information (equal factors)
    /// or a norm is not finite.
    public static func unbiased(_ sample: NoiseSample, population: Int?) -> (gradientSquared: Double, traceCovariance: Double)? {
        guard sample.smallBatch >= 1, sample.bigBatch > sample.smallBatch,
              sample.bigNormSquared.isFinite, sample.smallNormSquared.isFinite else { return nil }
        let small = factor(sample.smallBatch, population: population)
        let big = factor(sample.bigBatch, population: population)
        let gap = small - big
        guard gap > 0 else { return nil }
        return ((small * sample.bigNormSquared - big * sample.smallNormSquared) / gap,
                (sample.smallNormSquared - sample.bigNormSquared) / gap)
    }

    /// The averages over `samples` (nil when none is usable). `population`: the training set's size.
    public static func estimate(_ samples: [NoiseSample], population: Int?) -> Estimate? {
        var g = 0.0, s = 0.0, count = 0
        var first = Int.max, last = Int.min
        for sample in samples {
            guard let (gi, si) = unbiased(sample, population: population) else { continue }
            g += gi; s += si; count += 1
            first = min(first, sample.step); last = max(last, sample.step)
        }
        guard count > 0 else { return nil }
        return Estimate(firstStep: first, lastStep: last, samples: count,
                        gradientSquared: g / Double(count), traceCovariance: s / Double(count))
    }

    /// The estimate over consecutive stretches of training: the samples in step order cut into
    /// `windows` parts of (nearly) equal counts, each averaged. Fewer parts when there are fewer samples.
    public static func overTraining(_ samples: [NoiseSample], population: Int?, windows: Int) -> [Estimate] {
        let ordered = samples.sorted { $0.step < $1.step }
        let parts = max(1, min(windows, ordered.count))
        guard !ordered.isEmpty else { return [] }
        return (0..<parts).compactMap { part in
            let lo = part * ordered.count / parts, hi = (part + 1) * ordered.count / parts
            return estimate(Array(ordered[lo..<hi]), population: population)
        }
    }
}
