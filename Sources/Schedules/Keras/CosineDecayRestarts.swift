import Foundation
public import Results

extension Keras {
    /// `keras.optimizers.schedules.CosineDecayRestarts` (SGDR).
    ///
    /// `f = s/first_decay_steps`; `t_mul == 1`: `i = ⌊f⌋`, `f' = f - i`; otherwise
    /// `i = ⌊ln(1 - f(1-t_mul)) / ln(t_mul)⌋`, `f' = (f - (1-t_mul^i)/(1-t_mul)) / t_mul^i`.
    /// `lr = lr0 · ((1-α)·½·m_mul^i·(1 + cos(π f')) + α)`. α is not scaled by `m_mul^i`.
    public struct CosineDecayRestarts: Schedule {
        public var initialLearningRate: Double
        public var firstDecaySteps: Double
        public var tMul: Double
        public var mMul: Double
        public var alpha: Double

        public init(initialLearningRate: Double, firstDecaySteps: Double, tMul: Double = 2, mMul: Double = 1, alpha: Double = 0) {
            self.initialLearningRate = initialLearningRate
            self.firstDecaySteps = firstDecaySteps
            self.tMul = tMul
            self.mMul = mMul
            self.alpha = alpha
        }

        public func learningRate(at step: Int) -> Double {
            var fraction = Double(step) / firstDecaySteps
            let restart: Double
            if tMul == 1.0 {
                restart = fraction.rounded(.down)
                fraction -= restart
            } else {
                restart = (log(1.0 - fraction * (1.0 - tMul)) / log(tMul)).rounded(.down)
                let sum = (1.0 - pow(tMul, restart)) / (1.0 - tMul)
                fraction = (fraction - sum) / pow(tMul, restart)
            }
            let cosine = 0.5 * pow(mMul, restart) * (1.0 + cos(Double.pi * fraction))
            return initialLearningRate * ((1 - alpha) * cosine + alpha)
        }

        /// Start step of restart `j` (0 = the first cycle): `first·(1-t_mul^j)/(1-t_mul)`.
        public func restartStep(_ j: Int) -> Double {
            tMul == 1 ? firstDecaySteps * Double(j) : firstDecaySteps * (1 - pow(tMul, Double(j))) / (1 - tMul)
        }

        public var info: ScheduleInfo {
            let starts = (1...4).map { clampedSteps(restartStep($0).rounded(.up)) }
            return ScheduleInfo(defaultSteps: max(1, starts[2]), markers: starts.map { .init(.restart, at: $0) })
        }
    }
}
