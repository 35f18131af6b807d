import Foundation
public import Results

extension Keras {
    /// `keras.optimizers.schedules.CosineDecay`, with optional linear warmup.
    ///
    /// `D(t, L) = L · ((1-α)·½(1 + cos(π·t/decay_steps)) + α)`.
    /// Without `warmupTarget`: `D(min(s, decay_steps), lr0)` (`warmupSteps` is ignored).
    /// With it: `s' = min(s, warmup_steps + decay_steps)`; `s' < warmup_steps` gives
    /// `lr0 + (warmup_target - lr0)·s'/warmup_steps`, otherwise `D(s' - warmup_steps, warmup_target)`.
    public struct CosineDecay: Schedule {
        public var initialLearningRate: Double
        public var decaySteps: Double
        public var alpha: Double
        public var warmupTarget: Double?
        public var warmupSteps: Double

        public init(initialLearningRate: Double, decaySteps: Double, alpha: Double = 0, warmupTarget: Double? = nil,
                    warmupSteps: Double = 0) {
            self.initialLearningRate = initialLearningRate
            self.decaySteps = decaySteps
            self.alpha = alpha
            self.warmupTarget = warmupTarget
            self.warmupSteps = warmupSteps
        }

        func decay(_ t: Double, from lr: Double) -> Double {
            let cosine = 0.5 * (1.0 + cos(Double.pi * (t / decaySteps)))
            return lr * ((1 - alpha) * cosine + alpha)
        }

        public func learningRate(at step: Int) -> Double {
            let s = Double(step)
            guard let target = warmupTarget else { return decay(min(s, decaySteps), from: initialLearningRate) }
            let clamped = min(s, decaySteps + warmupSteps)
            if clamped < warmupSteps {
                return (target - initialLearningRate) * (clamped / warmupSteps) + initialLearningRate
            }
            return decay(clamped - warmupSteps, from: target)
        }

        public var info: ScheduleInfo {
            let w = warmupTarget == nil ? 0 : clampedSteps(warmupSteps)
            let end = w + clampedSteps(decaySteps)
            var phases: [ScheduleInfo.Phase] = []
            var markers: [ScheduleInfo.Marker] = [.init(.totalSteps, at: end)]
            if w > 0 {
                phases.append(.init(.warmup, from: 0, to: w, rates: initialLearningRate, learningRate(at: w)))
                markers.insert(.init(.warmupEnd, at: w), at: 0)
            }
            phases.append(.init(.decay, from: w, to: end, rates: learningRate(at: w), learningRate(at: end)))
            phases.append(.init(.constant, from: end, to: drawLength(end), rates: learningRate(at: end), learningRate(at: end)))
            return ScheduleInfo(defaultSteps: drawLength(end), phases: phases, markers: markers)
        }
    }
}
