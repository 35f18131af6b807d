import Testing
@testable import Training

/// Two steps of each optimizer on two parameters, against values worked out from
/// `torch.optim`'s documented formulas (w₀ = [1, −2], g₁ = [0.5, −1] at lr 0.1,
/// g₂ = [0.25, 2] at lr 0.05 unless stated; e.g. SGD+momentum 0.9, dampening 0.5,
/// weight decay 0.1: d₁ = 0.5 + 0.1·1 = 0.6, b₁ = 0.6, w₁ = 0.94; d₂ = 0.25 + 0.094 = 0.344,
/// b₂ = 0.54 + 0.5·0.344 = 0.712, w₂ = 0.94 − 0.0356 = 0.9044).
@Suite struct OptimizerTests {
    static let start: [Double] = [1, -2]
    static let gradients: [[Double]] = [[0.5, -1], [0.25, 2]]
    static let rates: [Double] = [0.1, 0.05]

    static func twoSteps(_ choice: OptimizerChoice, gradients: [[Double]] = gradients) -> [Double] {
        var optimizer = AnyOptimizer<Double>(choice, parameterCount: 2)
        var w = start
        for (g, rate) in zip(gradients, rates) {
            w.withUnsafeMutableBufferPointer { w in
                g.withUnsafeBufferPointer { g in
                    optimizer.update(w.baseAddress!, gradients: g.baseAddress!, count: 2, learningRate: rate)
                }
            }
        }
        return w
    }

    static func expectClose(_ got: [Double], _ expected: [Double]) {
        for (a, b) in zip(got, expected) {
            #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "\(got) vs \(expected)")
        }
    }

    @Test func plainSGD() {
        Self.expectClose(Self.twoSteps(.sgd(SGDSettings())), [0.9375, -2.0])
    }

    @Test func momentumWithDampeningAndWeightDecay() {
        // The first step fills the buffer with d itself (no dampening), as PyTorch.
        Self.expectClose(Self.twoSteps(.sgd(SGDSettings(momentum: 0.9, dampening: 0.5, weightDecay: 0.1))),
                         [0.9044, -1.8713])
    }

    @Test func nesterov() {
        // d₁ = 0.5, b₁ = 0.5, step 0.5 + 0.9·0.5 = 0.95 → 0.905; b₂ = 0.7, step 0.88 → 0.861.
        Self.expectClose(Self.twoSteps(.sgd(SGDSettings(momentum: 0.9, nesterov: true))), [0.861, -1.9595])
    }

    @Test func adamWithL2() {
        Self.expectClose(Self.twoSteps(.adam(AdamSettings(weightDecay: 0.1))),
                         [0.8525048837639932, -1.912508939648829])
    }

    @Test func adamWDecouplesWeightDecay() {
        // w ← w·(1 − lr·λ) first: 0.99, then the Adam step of g alone (≈ lr, bias-corrected) → 0.89; …
        Self.expectClose(Self.twoSteps(.adam(AdamSettings(weightDecay: 0.1, decoupled: true))),
                         [0.8389410212287312, -1.8889051772310372])
    }

    @Test func amsgradKeepsTheLargestSecondMoment() {
        let g: [[Double]] = [[2, -1], [0.1, 0.5]]
        Self.expectClose(Self.twoSteps(.adam(AdamSettings(beta2: 0.5, amsgrad: true)), gradients: g),
                         [0.8693813789027103, -1.8871079498800885])
        Self.expectClose(Self.twoSteps(.adam(AdamSettings(beta2: 0.5)), gradients: g),
                         [0.8568065795940663, -1.8851135426592305])
    }

    @Test func rmsprop() {
        Self.expectClose(Self.twoSteps(.rmsprop(RMSpropSettings())), [-0.22450638721093466, -1.4476615609957564])
    }

    @Test func rmspropCenteredWithMomentumAndWeightDecay() {
        Self.expectClose(Self.twoSteps(.rmsprop(RMSpropSettings(alpha: 0.9, weightDecay: 0.1, momentum: 0.5,
                                                                centered: true))),
                         [0.49880803368045434, -1.7184831810012355])
    }

    @Test func clippingScalesToTheBound() {
        let model = MLP<Double>(layout: NetworkLayout(inputs: 1, hidden: [], classes: 2))
        model.gradients.pointer[0] = 3
        model.gradients.pointer[1] = 0
        model.gradients.pointer[2] = -4
        let norm = model.gradientNorm()
        #expect(norm == 5)
        model.clipGradients(norm: norm, to: 1)
        #expect(abs(model.gradients.pointer[0] - 3 / (5 + 1e-6)) < 1e-15)
        model.clipGradients(norm: model.gradientNorm(), to: 10)  // under the bound: unchanged
        #expect(abs(model.gradients.pointer[2] + 4 / (5 + 1e-6)) < 1e-15)
    }
}
