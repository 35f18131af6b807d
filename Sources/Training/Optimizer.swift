import LinearAlgebra

/// An update rule over the flat parameter buffer; the rate is passed in each step
/// (schedules live outside Training). Weight decay, when the rule has it, is applied inside
/// `update`; the gradient buffer is only read.
///
/// Elementwise loops keep one branch-free body per case so they vectorise.
protocol Optimizer<Scalar> {
    associatedtype Scalar: BLASScalar
    /// Applies one step to `count` parameters given `∂loss/∂parameters`.
    mutating func update(_ parameters: UnsafeMutablePointer<Scalar>, gradients: UnsafePointer<Scalar>,
                         count: Int, learningRate: Scalar)
    /// Values of state the rule keeps between steps (momentum, moments…), as allocated.
    var stateValues: Int { get }
}

extension Optimizer {
    /// The state's bytes (`stateValues` scalars).
    var stateBytes: Int { stateValues * MemoryLayout<Scalar>.stride }
}
