public import Results
extension Keras {
    /// `keras.optimizers.schedules.InverseTimeDecay`:
    /// `lr0 / (1 + decay_rate · s / decay_steps)`, the quotient floored when `staircase`.
    public struct InverseTimeDecay: Schedule {
        public var initialLearningRate: Double
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
            return initialLearningRate / (1 + decayRate * p)
        }

        public var info: ScheduleInfo {
            let n = clampedSteps(10 * decaySteps)
            return ScheduleInfo(defaultSteps: n, phases: [.init(.decay, from: 0, to: n, rates: learningRate(at: 0), learningRate(at: n))])
        }
    }
}
