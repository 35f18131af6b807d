import Foundation
public import Results

extension Keras {
    /// `keras.optimizers.schedules.PolynomialDecay`:
    /// `(lr0 - end) · (1 - s'/D)^power + end` with `s' = min(s, decay_steps)`, `D = decay_steps`.
    /// With `cycle`, `s' = s` and `D = decay_steps · ⌈s / decay_steps⌉` (`· 1` at s = 0), so the
    /// rate is `end` at every multiple of `decay_steps` and jumps back up one step later.
    public struct PolynomialDecay: Schedule {
        public var initialLearningRate: Double
        public var decaySteps: Double
        public var endLearningRate: Double
        public var power: Double
        public var cycle: Bool

        public init(initialLearningRate: Double, decaySteps: Double, endLearningRate: Double = 0.0001,
                    power: Double = 1.0, cycle: Bool = false) {
            self.initialLearningRate = initialLearningRate
            self.decaySteps = decaySteps
            self.endLearningRate = endLearningRate
            self.power = power
            self.cycle = cycle
        }

        public func learningRate(at step: Int) -> Double {
            var s = Double(step)
            var d = decaySteps
            if cycle {
                d *= s == 0 ? 1 : (s / decaySteps).rounded(.up)
            } else {
                s = min(s, d)
            }
            return (initialLearningRate - endLearningRate) * pow(1 - s / d, power) + endLearningRate
        }

        public var info: ScheduleInfo {
            let d = clampedSteps(decaySteps)
            if cycle {
                return ScheduleInfo(defaultSteps: drawLength(3 * d),
                                    markers: (1...3).map { .init(.restart, at: $0 * d + 1) })
            }
            return ScheduleInfo(defaultSteps: drawLength(d),
                                phases: [.init(.decay, from: 0, to: d, rates: initialLearningRate, endLearningRate)],
                                markers: [.init(.totalSteps, at: d)])
        }
    }
}
