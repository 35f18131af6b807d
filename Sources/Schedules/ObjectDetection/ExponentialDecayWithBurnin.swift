import Foundation
public import Results

extension ObjectDetection {
    /// `learning_schedules.exponential_decay_with_burnin`, in Float:
    /// `s < burnin_steps` → `burnin_lr` (0 means `base`); else `base·factor^p`,
    /// `p = (s - burnin_steps)/decay_steps` (floored when `staircase`); then `max(·, min_lr)`.
    /// Decay counts from the end of burn-in; the minimum also clamps the burn-in rate.
    public struct ExponentialDecayWithBurnin: Schedule {
        public var learningRateBase: Double
        public var learningRateDecaySteps: Int
        public var learningRateDecayFactor: Double
        public var burninLearningRate: Double
        public var burninSteps: Int
        public var minLearningRate: Double
        public var staircase: Bool

        public init(learningRateBase: Double, learningRateDecaySteps: Int, learningRateDecayFactor: Double,
                    burninLearningRate: Double = 0, burninSteps: Int = 0, minLearningRate: Double = 0, staircase: Bool = true) {
            self.learningRateBase = learningRateBase
            self.learningRateDecaySteps = learningRateDecaySteps
            self.learningRateDecayFactor = learningRateDecayFactor
            self.burninLearningRate = burninLearningRate
            self.burninSteps = burninSteps
            self.minLearningRate = minLearningRate
            self.staircase = staircase
        }

        public func learningRate(at step: Int) -> Double {
            let burn = burninLearningRate == 0 ? learningRateBase : burninLearningRate
            let lr: Float
            if step < burninSteps {
                lr = Float(burn)
            } else {
                lr = tfExponentialDecay(learningRateBase, step: step &- burninSteps, decaySteps: learningRateDecaySteps,
                                        factor: learningRateDecayFactor, staircase: staircase)
            }
            return Double(Swift.max(lr, Float(minLearningRate)))
        }

        public var info: ScheduleInfo {
            let b = burninSteps, d = max(1, learningRateDecaySteps)
            let n = min(b + 10 * d, 1_000_000_000)
            var markers: [ScheduleInfo.Marker] = []
            var phases: [ScheduleInfo.Phase] = []
            if b > 0 {
                markers.append(.init(.warmupEnd, at: b))
                phases.append(.init(.constant, from: 0, to: b - 1, rates: learningRate(at: 0), learningRate(at: 0)))
            }
            phases.append(.init(.decay, from: b, to: n, rates: learningRate(at: b), learningRate(at: n)))
            return ScheduleInfo(defaultSteps: n, phases: phases, markers: markers)
        }
    }
}

/// `tf.compat.v1.train.exponential_decay` in Float: `base · factor^(step/decay_steps)`,
/// the exponent floored when `staircase`.
func tfExponentialDecay(_ base: Double, step: Int, decaySteps: Int, factor: Double, staircase: Bool) -> Float {
    var p = Float(step) / Float(decaySteps)
    if staircase { p = p.rounded(.down) }
    return Float(base) * pow(Float(factor), p)
}
