public import Results
extension ObjectDetection {
    /// Proto message `exponential_decay_learning_rate`, built as
    /// `exponential_decay_with_burnin(initial_learning_rate, decay_steps, decay_factor,
    /// burnin_learning_rate, burnin_steps, min_learning_rate, staircase)` with float32 fields.
    /// Proto defaults: 0.002, 4 000 000, 0.95, staircase true, burn-in 0.0 (= base), 0 steps, min 0.
    public struct ExponentialDecayLearningRate: Schedule {
        public var initialLearningRate: Double
        public var decaySteps: Int
        public var decayFactor: Double
        public var staircase: Bool
        public var burninLearningRate: Double
        public var burninSteps: Int
        public var minLearningRate: Double

        public init(initialLearningRate: Double = 0.002, decaySteps: Int = 4_000_000, decayFactor: Double = 0.95,
                    staircase: Bool = true, burninLearningRate: Double = 0, burninSteps: Int = 0, minLearningRate: Double = 0) {
            self.initialLearningRate = initialLearningRate
            self.decaySteps = decaySteps
            self.decayFactor = decayFactor
            self.staircase = staircase
            self.burninLearningRate = burninLearningRate
            self.burninSteps = burninSteps
            self.minLearningRate = minLearningRate
        }

        public var function: ExponentialDecayWithBurnin {
            ExponentialDecayWithBurnin(learningRateBase: Double(Float(initialLearningRate)), learningRateDecaySteps: decaySteps,
                                       learningRateDecayFactor: Double(Float(decayFactor)),
                                       burninLearningRate: Double(Float(burninLearningRate)), burninSteps: burninSteps,
                                       minLearningRate: Double(Float(minLearningRate)), staircase: staircase)
        }

        public func learningRate(at step: Int) -> Double { function.learningRate(at: step) }
        public var info: ScheduleInfo { function.info }
    }
}
