public import Datasets
import Foundation
import LinearAlgebra

/// Settings of the learning-rate range test (Smith 2017; fastai's `lr_find`).
public struct RangeTestOptions: Sendable, Hashable {
    /// The rate of the first step.
    public var startRate: Double
    /// The rate of the last planned step.
    public var endRate: Double
    /// Planned steps (the ramp's length), ≥ 2.
    public var steps: Int
    /// β of the stopping rule's exponential moving average of the loss, bias-corrected:
    /// `s_k = avg_k / (1 − β^(k+1))`. 0.9 (about 10 steps). The rule must be causal, so it uses this
    /// average; the stored curve and the suggestions use `RangeTestAnalysis`'s centred smoother, which
    /// does not lag.
    public var smoothing: Double
    /// Stop once the moving average exceeds this factor × its best so far; the curve "blew up" where its
    /// smoothed loss exceeds this factor × its minimum (`RangeTestAnalysis.Reading.blowUp`).
    public var stopFactor: Double

    public init(startRate: Double = 1e-7, endRate: Double = 10, steps: Int = 100, smoothing: Double = 0.9,
                stopFactor: Double = 4) {
        self.startRate = startRate
        self.endRate = endRate
        self.steps = steps
        self.smoothing = smoothing
        self.stopFactor = stopFactor
    }

    /// The rate at 0-based step `k`: `start · (end / start)^(k / (steps − 1))`.
    public func rate(at k: Int) -> Double {
        startRate * Foundation.pow(endRate / startRate, Double(k) / Double(max(steps - 1, 1)))
    }
}

/// One step of the range test.
public struct RangeTestPoint: Codable, Sendable, Equatable {
    public var step: Int
    public var learningRate: Double
    /// The step's minibatch mean loss, before its update.
    public var loss: Double
    /// `loss` smoothed without lag (`RangeTestAnalysis.smoothed`); not finite where `loss` is not.
    public var smoothedLoss: Double

    public init(step: Int, learningRate: Double, loss: Double, smoothedLoss: Double) {
        self.step = step
        self.learningRate = learningRate
        self.loss = loss
        self.smoothedLoss = smoothedLoss
    }
}

/// What the range test found for one batch size.
public struct RangeTestResult: Codable, Sendable, Equatable {
    public var batchSize: Int
    public var points: [RangeTestPoint]
    /// The rate where the smoothed loss falls fastest per decade of rate (most negative
    /// slope of `s` against `log10 lr`, central differences, before the smoothed minimum);
    /// nil when the loss never fell.
    public var suggestedRate: Double?
    public var suggestedStep: Int?
    /// The lowest smoothed loss and its rate.
    public var bestSmoothedLoss: Double
    public var bestRate: Double
    /// True when the stopping rule (or a non-finite loss) ended the ramp before `steps`.
    public var stoppedEarly: Bool
    /// Where the loss blew up (`RangeTestAnalysis.Reading.blowUp`); nil when it did not.
    public var blowUpRate: Double?
    /// A safe starting range for the rate (`RangeTestAnalysis.Reading.safeRange`); nil without a suggestion.
    public var safeRange: ClosedRange<Double>?

    /// Smooths and reads a ramp's raw points (`RangeTestAnalysis`); the points' `smoothedLoss` is replaced.
    /// `planned` steps were planned; fewer points mean the ramp stopped early.
    public init(batchSize: Int, points raw: [RangeTestPoint], planned: Int, stopFactor: Double) {
        let rates = raw.map(\.learningRate), losses = raw.map(\.loss)
        let smoothed = RangeTestAnalysis.smoothed(rates: rates, losses: losses)
        var points = raw
        for i in points.indices { points[i].smoothedLoss = smoothed[i] }
        let stoppedEarly = raw.count < planned
        let reading = RangeTestAnalysis.read(rates: rates, losses: losses, smoothed: smoothed, stopFactor: stopFactor,
                                             stoppedEarly: stoppedEarly)
        self.batchSize = batchSize
        self.points = points
        suggestedRate = reading.steepest.map { rates[$0] }
        suggestedStep = reading.steepest.map { points[$0].step }
        bestSmoothedLoss = reading.minimum.map { smoothed[$0] } ?? .nan
        bestRate = reading.minimum.map { rates[$0] } ?? .nan
        self.stoppedEarly = stoppedEarly
        blowUpRate = reading.blowUp.map { rates[$0] }
        safeRange = reading.safeRange
    }
}

/// Runs the LR range test: from a freshly initialised model (as `train` would build it from
/// `options`), one optimizer step per minibatch (reshuffled each pass over the data) at the
/// exponentially increasing rate of `range`, until the planned steps end or the smoothed loss
/// exceeds `stopFactor ×` its best (or is not finite). `options.learningRate`, `epochs` and
/// divergence checks are not used.
public func findLearningRate(_ split: DataSplit, options: TrainingOptions,
                             range: RangeTestOptions = RangeTestOptions()) -> RangeTestResult {
    RangeTest<Float>(trainer: Trainer(split: split, options: options), range: range).run()
}
