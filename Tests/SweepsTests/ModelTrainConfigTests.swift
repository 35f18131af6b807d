import Diagnostics
import Sweeps
import Testing

/// `model.*` and `train.*` options: PyTorch names, defaults, located errors.
@Suite struct ModelTrainConfigTests {
    static func setup(_ lines: String) throws -> RunSpec.Setup {
        try #require(try sweep("name: x\n" + lines + "\n").runs.first).setup
    }

    @Test func optimizerMappingWithPyTorchNames() throws {
        let adam = try Self.setup("train: {optimizer: {name: adam, betas: [0.8, 0.99], eps: 1e-6, amsgrad: true}}").train.optimizer
        #expect(adam.name == "adam" && adam.betas == [0.8, 0.99] && adam.eps == 1e-6 && adam.amsgrad == true)
        let rms = try Self.setup("train: {optimizer: {name: rmsprop, alpha: 0.9, momentum: 0.5, centered: true}, weight_decay: 0.01}").train.optimizer
        #expect(rms.alpha == 0.9 && rms.momentum == 0.5 && rms.centered == true && rms.weightDecay == 0.01)
        let nesterov = try Self.setup("train: {optimizer: nesterov}").train.optimizer
        #expect(nesterov.name == "nesterov" && nesterov.momentum == 0.9)
        let model = try Self.setup("model: {hidden: [32, 16], activation: gelu, init: he, dropout: 0.2}").model
        #expect(model.activation == .gelu && model.initialization == .he && model.dropout == 0.2)
        let train = try Self.setup("train: {clip_norm: 1.5, label_smoothing: 0.1}").train
        #expect(train.clipNorm == 1.5 && train.labelSmoothing == 0.1)
    }

    @Test func defaultsWrittenOutKeepTheRunId() throws {
        let plain = try sweep("name: x\n").runs[0].id
        let explicit = try sweep("""
            name: x
            model: {activation: relu, init: pytorch, dropout: 0}
            train: {optimizer: {name: momentum, momentum: 0.9, dampening: 0}, weight_decay: 0, label_smoothing: 0}
            """).runs[0].id
        #expect(plain == explicit)
        let adamw = try sweep("name: x\ntrain: {optimizer: {name: adamw, weight_decay: 0.01}}\n").runs[0].id
        #expect(adamw == (try sweep("name: x\ntrain: {optimizer: adamw}\n").runs[0].id))
    }

    @Test func unknownOptimizerParameterSuggests() throws {
        let error = try #require(inputError("name: x\ntrain:\n  optimizer: {name: adam, beta: [0.9, 0.99]}\n"))
        #expect(error.location?.line == 3)
        #expect(error.suggestion == "betas")
        #expect(error.message.contains("adam"))
        let momentum = try #require(inputError("name: x\ntrain: {optimizer: {name: adam, momentum: 0.9}}\n"))
        #expect(momentum.message.contains("has no parameter 'momentum'"))
    }

    @Test(arguments: [
        "model: {activation: relu6}", "model: {init: kaiming}", "model: {dropout: 1}",
        "train: {clip_norm: 0}", "train: {label_smoothing: 1.5}", "train: {weight_decay: -1}",
        "train: {optimizer: {name: nesterov, dampening: 0.5}}", "train: {optimizer: {name: adam, betas: [0.9]}}",
        "train: {optimizer: {name: adam, eps: 0}}", "train: {optimizer: {name: rmsprop, centered: maybe}}",
        "train: {optimizer: {name: adam, weight_decay: 0.1}, weight_decay: 0.2}",
    ])
    func rejectedValues(line: String) throws {
        let error = try #require(inputError("name: x\n" + line + "\n"))
        #expect(error.location?.line == 2)
    }

    @Test func gridOverOptimizerParameters() throws {
        let runs = try sweep("name: x\ntrain: {optimizer: {name: adam}}\ngrid:\n  train.optimizer.eps: [1e-8, 1e-3]\n").runs
        #expect(runs.map(\.setup.train.optimizer.eps) == [nil, 1e-3])
        #expect(runs[0].id != runs[1].id)
    }
}
