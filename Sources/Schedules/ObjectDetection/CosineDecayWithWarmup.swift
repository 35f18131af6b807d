import Foundation
public import Results

extension ObjectDetection {
    /// `learning_schedules.cosine_decay_with_warmup`, computed in Float as TensorFlow does.
    ///
    /// In order, later rules winning: `c = ½·base·(1 + cos(π·(s-W-H)/(T-W-H)))`;
    /// `H > 0` and `s <= W+H` → `base`; `W > 0` and `s < W` → `warmup_lr + (base-warmup_lr)/W·s`;
    /// `s > T` → 0. (T = total_steps, W = warmup_steps, H = hold_base_rate_steps.)
    public struct CosineDecayWithWarmup: Schedule {
        public var learningRateBase: Double
        public var totalSteps: Int
        public var warmupLearningRate: Double
        public var warmupSteps: Int
        public var holdBaseRateSteps: Int

        public init(learningRateBase: Double, totalSteps: Int, warmupLearningRate: Double = 0, warmupSteps: Int = 0,
                    holdBaseRateSteps: Int = 0) {
            self.learningRateBase = learningRateBase
            self.totalSteps = totalSteps
            self.warmupLearningRate = warmupLearningRate
            self.warmupSteps = warmupSteps
            self.holdBaseRateSteps = holdBaseRateSteps
        }

        public func learningRate(at step: Int) -> Double {
            let w = warmupSteps, h = holdBaseRateSteps, t = totalSteps
            let s = Float(step)
            let progress = Float(Double.pi) * ((s - Float(w)) - Float(h)) / Float(Double(t &- w &- h))
            var lr = Float(0.5 * learningRateBase) * (1 + cos(progress))
            if h > 0 && !(step > w &+ h) { lr = Float(learningRateBase) }
            if w > 0 && step < w {
                let slope = (learningRateBase - warmupLearningRate) / Double(w)
                lr = Float(slope) * s + Float(warmupLearningRate)
            }
            if step > t { lr = 0 }
            return Double(lr)
        }

        public var info: ScheduleInfo {
            let w = warmupSteps, h = holdBaseRateSteps, t = totalSteps
            var phases: [ScheduleInfo.Phase] = []
            var markers: [ScheduleInfo.Marker] = []
            if w > 0 {
                phases.append(.init(.warmup, from: 0, to: w, rates: warmupLearningRate, learningRateBase))
                markers.append(.init(.warmupEnd, at: w))
            }
            if h > 0 {
                phases.append(.init(.hold, from: w, to: w + h, rates: learningRateBase, learningRateBase))
                markers.append(.init(.holdEnd, at: w + h))
            }
            phases.append(.init(.decay, from: min(w + h, t), to: t, rates: learningRate(at: min(w + h, t)), learningRate(at: t)))
            phases.append(.init(.zero, from: t + 1, to: drawLength(t), rates: 0, 0))
            markers.append(.init(.totalSteps, at: t))
            return ScheduleInfo(defaultSteps: drawLength(t), phases: phases, markers: markers)
        }
    }
}
