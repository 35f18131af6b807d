import Foundation
public import Results

extension Keras {
    /// `keras.optimizers.schedules.ExponentialDecay`:
    /// `lr0 · decay_rate^(s / decay_steps)`, the exponent floored when `staircase`.
    public struct ExponentialDecay: Schedule {
        public var initialLearningRate: Double
        /// Steps per factor of `decayRate`; must be > 0.
        public var decaySteps: Double
        public var decayRate: Double
        public var staircase: Bool

        public init(initialLearningRate: Double, decaySteps: Double, decayRate: Double, staircase: Bool = false) {
            self.initialLearningRate = initialLearningRate
            self.decaySteps = decaySteps
            self.decayRate = decayRate
            self.staircase = staircase
        }

        public func learningRate(at step: Int) -> Double {
            var p = Double(step) / decaySteps
            if staircase { p = p.rounded(.down) }
            return initialLearningRate * pow(decayRate, p)
        }

        public var info: ScheduleInfo {
            let n = clampedSteps(10 * decaySteps)
            let markers = staircase ? (1...10).map { ScheduleInfo.Marker(.milestone, at: clampedSteps(Double($0) * decaySteps)) } : []
            return ScheduleInfo(defaultSteps: n, phases: [.init(.decay, from: 0, to: n, rates: learningRate(at: 0), learningRate(at: n))],
                                markers: markers)
        }
    }
}
