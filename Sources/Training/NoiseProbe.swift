import LinearAlgebra
import Results

/// When the training loop measures the gradient noise scale (a `NoiseSample`, McCandlish et al.
/// 2018, appendix A): at steps 0, `interval`, 2·`interval`, … of a run with batch size B ≥ 2.
///
/// A measurement is one extra forward and backward pass over the first b = `smallBatch(B)` rows
/// of the step's batch (the step's own pass supplies |g_B|²). Its cost relative to a
/// step is modelled as ρ = (b + r₀) / (B + r₀), where r₀ = `fixedRows` stands for the per-pass
/// work that does not scale with the rows (zeroing the gradient, the bias loops, the squared
/// norm, the optimizer's share). Measuring every k-th step then costs about ρ / k of training:
///
/// - k is at least ⌈ρ / `budget`⌉ (about 2% of training time) when that still leaves
///   `minSamples` measurements,
/// - otherwise k shrinks towards ⌈total / `minSamples`⌉, but never below ⌈ρ / `ceiling`⌉ (3%),
/// - and k is at least ⌈total / `maxSamples`⌉, so a run never keeps more than `maxSamples`.
///
/// Digits (1,437 rows) at batch 64 for 30 epochs (690 steps): b = 8, ρ = 0.22, k = 10, 69 samples.
/// The budget leaves `make bench`'s measured overhead well under the 5% the report may cost: the
/// estimate of B_simple is a ratio of averages, and 64 samples or more keep it from being noise.
struct NoisePlan: Equatable {
    /// Measure at the steps divisible by this (step 0 always).
    let interval: Int
    /// Most samples a run keeps.
    static let maxSamples = 200
    /// Samples aimed for when the run has steps enough within `ceiling`.
    static let minSamples = 64
    /// Share of training time measurements aim to cost, and the most they may cost to reach `minSamples`.
    static let budget = 0.02
    static let ceiling = 0.03
    /// Rows' worth of per-pass work that does not grow with the rows (see the cost model above).
    static let fixedRows = 8.0

    /// Rows of the small gradient for a step of `rows` rows: ⌊rows / 8⌋, at least 1.
    static func smallBatch(_ rows: Int) -> Int { max(1, rows / 8) }

    /// The plan for a run of `totalSteps` updates of `batchSize` rows; nil when the batch cannot
    /// be split (fewer than 2 rows) or there are no steps.
    init?(totalSteps: Int, batchSize: Int) {
        guard batchSize >= 2, totalSteps >= 1 else { return nil }
        let big = Double(batchSize), small = Double(Self.smallBatch(batchSize))
        let cost = (small + Self.fixedRows) / (big + Self.fixedRows)
        let cheap = Int((cost / Self.budget).rounded(.up))
        let dearest = Int((cost / Self.ceiling).rounded(.up))
        let spread = max(1, totalSteps / Self.minSamples)
        let atMost = (totalSteps + Self.maxSamples - 1) / Self.maxSamples
        interval = max(atMost, min(cheap, max(dearest, spread)), 1)
    }

    /// Whether the loop measures at 0-based `step`.
    func measures(_ step: Int) -> Bool { step % interval == 0 }
}

extension MLP {
    /// |g_b|²: the squared norm of the mean-loss gradient over the first `rows` rows of the batch
    /// `input` (its labels gathered in `workspace`), before any clipping. It overwrites `gradients` and the workspace's
    /// per-row buffers — the caller then computes the step's own gradient, which rewrites both
    /// completely. The dropout stream is saved and restored around the pass, so the step's own
    /// pass draws the same masks as without the measurement: a run's numbers do not change.
    func smallBatchGradientNormSquared(_ input: PassInput<T>, rows: Int, workspace: Workspace<T>) -> Double {
        let saved = workspace.dropoutGenerator
        _ = scoreAndGradient(input, labels: workspace.labels.baseAddress!, rows: rows, workspace: workspace)
        workspace.dropoutGenerator = saved
        return gradientNormSquared()
    }

    /// One noise-scale measurement at the current weights on the batch of `rows` rows `input`: the small gradient first (`smallBatchGradientNormSquared`), then the
    /// batch's own gradient, which is left in `gradients` for the update. Returns the batch's
    /// score and |g_B|² with the sample (nil when `rows` < 2 or a norm is not finite).
    func scoreAndGradientMeasuringNoise(_ input: PassInput<T>, rows: Int, step: Int, workspace: Workspace<T>)
        -> (score: BatchScore, normSquared: Double, sample: NoiseSample?) {
        let small = NoisePlan.smallBatch(rows)
        let smallNorm = rows >= 2 ? smallBatchGradientNormSquared(input, rows: small, workspace: workspace) : nil
        let score = scoreAndGradient(input, labels: workspace.labels.baseAddress!, rows: rows, workspace: workspace)
        let bigNorm = gradientNormSquared()
        guard let smallNorm, smallNorm.isFinite, bigNorm.isFinite else { return (score, bigNorm, nil) }
        return (score, bigNorm, NoiseSample(step: step, bigBatch: rows, smallBatch: small,
                                            bigNormSquared: bigNorm, smallNormSquared: smallNorm))
    }
}
