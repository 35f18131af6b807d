import LinearAlgebra

/// An update rule over the flat parameter buffer; the rate is passed in each step
/// (schedules live outside Training).
protocol Optimizer<Scalar> {
    associatedtype Scalar: BLASScalar
    mutating func update(_ parameters: UnsafeMutablePointer<Scalar>, gradients: UnsafePointer<Scalar>,
                         count: Int, learningRate: Scalar)
}

/// PyTorch `SGD(momentum: μ)` without dampening or Nesterov:
/// `v ← μ·v + g; w ← w − lr·v` (v starts at 0, so the first step uses `v = g`).
/// With μ = 0 this is plain SGD.
struct MomentumSGD<Scalar: BLASScalar>: Optimizer {
    let momentum: Scalar
    let velocity: ScalarBuffer<Scalar>

    init(momentum: Scalar, parameterCount: Int) {
        self.momentum = momentum
        velocity = ScalarBuffer(count: parameterCount)
    }

    func update(_ parameters: UnsafeMutablePointer<Scalar>, gradients: UnsafePointer<Scalar>,
                count: Int, learningRate: Scalar) {
        let v = velocity.base
        let mu = momentum
        for i in 0..<count {
            let vi = mu * v[i] + gradients[i]
            v[i] = vi
            parameters[i] -= learningRate * vi
        }
    }
}
