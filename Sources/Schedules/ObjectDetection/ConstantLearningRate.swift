public import Results
extension ObjectDetection {
    /// Proto message `constant_learning_rate { learning_rate }` (default 0.002): `tf.constant(lr, float32)`.
    public struct ConstantLearningRate: Schedule {
        public var learningRate: Double
        public init(learningRate: Double = 0.002) { self.learningRate = learningRate }
        public func learningRate(at step: Int) -> Double { Double(Float(learningRate)) }
        public var info: ScheduleInfo { ScheduleInfo(defaultSteps: 1000) }
    }
}
