import Testing
import Training
@testable import Sweeps

/// PyTorch's optimizer defaults come from one table (`OptimizerDefaults`): writing a default
/// out changes neither the run id nor the trainer's optimizer.
@Suite struct OptimizerDefaultsTests {
    static let spelledOut: [(short: String, long: String)] = [
        ("adamw", "{name: adamw, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0.01, amsgrad: false}"),
        ("adam", "{name: adam, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0}"),
        ("rmsprop", "{name: rmsprop, alpha: 0.99, eps: 1e-8, momentum: 0, centered: false, weight_decay: 0}"),
        ("sgd", "{name: sgd, momentum: 0, dampening: 0, nesterov: false, weight_decay: 0}"),
        ("momentum", "{name: momentum, momentum: 0.9, dampening: 0}"),
        ("nesterov", "{name: nesterov, momentum: 0.9, weight_decay: 0}"),
    ]

    @Test(arguments: spelledOut)
    func spelledOutDefaultsKeepTheRunId(short: String, long: String) throws {
        let a = try #require(try sweep("name: x\ntrain: {optimizer: \(short)}\n").runs.first)
        let b = try #require(try sweep("name: x\ntrain: {optimizer: \(long)}\n").runs.first)
        #expect(a.id == b.id)
        #expect(a.setup.train.optimizer.choice == b.setup.train.optimizer.choice)
    }

    @Test func filledInFromTheTable() {
        #expect(OptimizerSpec(name: "adamw", momentum: 0).choice
                == .adam(AdamSettings(beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, decoupled: true)))
        #expect(OptimizerSpec(name: "adam", momentum: 0).choice == .adam(AdamSettings(weightDecay: 0)))
        #expect(OptimizerSpec(name: "rmsprop", momentum: 0).choice
                == .rmsprop(RMSpropSettings(alpha: 0.99, eps: 1e-8, weightDecay: 0)))
        #expect(OptimizerSpec(name: "nesterov", momentum: 0.9).choice
                == .sgd(SGDSettings(momentum: 0.9, dampening: 0, nesterov: true, weightDecay: 0)))
    }
}
