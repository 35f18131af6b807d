import Foundation
public import Results

extension ObjectDetection {
    /// `learning_schedules.exponential_decay_with_warmup` (no proto message reaches it), in Float:
    /// `s < W` → `warmup_lr + (base - warmup_lr)/W·s`; else `max(base·factor^p, min_lr)` with
    /// `p = (s - W)/decay_steps` (floored when `staircase`). The minimum does not apply in warmup.
    public struct ExponentialDecayWithWarmup: Schedule {
        public var learningRateBase: Double
        public var learningRateDecaySteps: Int
        public var learningRateDecayFactor: Double
        public var warmupLearningRate: Double
        public var warmupSteps: Int
        public var minLearningRate: Double
        public var staircase: Bool

        public init(learningRateBase: Double, learningRateDecaySteps: Int, learningRateDecayFactor: Double,
                    warmupLearningRate: Double = 0, warmupSteps: Int = 0, minLearningRate: Double = 0, staircase: Bool = true) {
            self.learningRateBase = learningRateBase
            self.learningRateDecaySteps = learningRateDecaySteps
            self.learningRateDecayFactor = learningRateDecayFactor
            self.warmupLearningRate = warmupLearningRate
            self.warmupSteps = warmupSteps
            self.minLearningRate = minLearningRate
            self.staircase = staircase
        }

        public func learningRate(at step: Int) -> Double {
            if step < warmupSteps {
                let slope = (learningRateBase - warmupLearningRate) / Double(warmupSteps)
                return Double(Float(slope) * Float(step) + Float(warmupLearningRate))
            }
            let decayed = tfExponentialDecay(learningRateBase, step: step &- warmupSteps, decaySteps: learningRateDecaySteps,
                                             factor: learningRateDecayFactor, staircase: staircase)
            return Double(Swift.max(decayed, Float(minLearningRate)))
        }

        public var info: ScheduleInfo {
            let w = warmupSteps, d = max(1, learningRateDecaySteps)
            let n = min(w + 10 * d, 1_000_000_000)
            var phases: [ScheduleInfo.Phase] = []
            var markers: [ScheduleInfo.Marker] = []
            if w > 0 {
                phases.append(.init(.warmup, from: 0, to: w, rates: warmupLearningRate, learningRateBase))
                markers.append(.init(.warmupEnd, at: w))
            }
            phases.append(.init(.decay, from: w, to: n, rates: learningRate(at: w), learningRate(at: n)))
            return ScheduleInfo(defaultSteps: n, phases: phases, markers: markers)
        }
    }
}
