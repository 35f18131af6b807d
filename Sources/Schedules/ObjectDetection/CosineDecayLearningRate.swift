public import Results
extension ObjectDetection {
    /// Proto message `cosine_decay_learning_rate`, built as `optimizer_builder` does:
    /// `cosine_decay_with_warmup(learning_rate_base, total_steps, warmup_learning_rate,
    /// warmup_steps, hold_base_rate_steps)` with float32 fields and the proto defaults —
    /// leaving the warmup fields out gives a 10 000-step warmup from 0.0002.
    public struct CosineDecayLearningRate: Schedule {
        public var learningRateBase: Double
        public var totalSteps: Int
        public var warmupLearningRate: Double
        public var warmupSteps: Int
        public var holdBaseRateSteps: Int

        public init(learningRateBase: Double = 0.002, totalSteps: Int = 4_000_000, warmupLearningRate: Double = 0.0002,
                    warmupSteps: Int = 10_000, holdBaseRateSteps: Int = 0) {
            self.learningRateBase = learningRateBase
            self.totalSteps = totalSteps
            self.warmupLearningRate = warmupLearningRate
            self.warmupSteps = warmupSteps
            self.holdBaseRateSteps = holdBaseRateSteps
        }

        /// The function call the builder makes, with the float32 field values widened to Double.
        public var function: CosineDecayWithWarmup {
            CosineDecayWithWarmup(learningRateBase: Double(Float(learningRateBase)), totalSteps: totalSteps,
                                  warmupLearningRate: Double(Float(warmupLearningRate)), warmupSteps: warmupSteps,
                                  holdBaseRateSteps: holdBaseRateSteps)
        }

        public func learningRate(at step: Int) -> Double { function.learningRate(at: step) }
        public var info: ScheduleInfo { function.info }
    }
}
