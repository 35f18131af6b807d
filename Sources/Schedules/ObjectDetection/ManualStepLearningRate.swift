public import Results
extension ObjectDetection {
    /// Proto message `manual_step_learning_rate`, built as
    /// `manual_stepping([x.step …], [initial_learning_rate] + [x.learning_rate …], warmup)`
    /// with float32 fields (defaults: 0.002, entry step 0 and rate 0.002, warmup false).
    public struct ManualStepLearningRate: Schedule {
        public struct Entry: Sendable, Hashable {
            public var step: Int
            public var learningRate: Double
            public init(step: Int = 0, learningRate: Double = 0.002) { self.step = step; self.learningRate = learningRate }
        }
        public var initialLearningRate: Double
        public var schedule: [Entry]
        public var warmup: Bool

        public init(initialLearningRate: Double = 0.002, schedule: [Entry], warmup: Bool = false) {
            self.initialLearningRate = initialLearningRate
            self.schedule = schedule
            self.warmup = warmup
        }

        public var function: ManualStepping {
            ManualStepping(boundaries: schedule.map(\.step),
                           rates: ([initialLearningRate] + schedule.map(\.learningRate)).map { Double(Float($0)) }, warmup: warmup)
        }

        public func learningRate(at step: Int) -> Double { function.learningRate(at: step) }
        public var info: ScheduleInfo { function.info }
    }
}
