import Datasets
import Testing
@testable import Training

/// `TrainingMemory` says what the trainer really allocates: the estimate is compared with the
/// buffers of the model, workspace and optimizer that `Trainer.withSession` builds.
@Suite struct TrainingMemoryTests {
    /// Floats held by an optimizer's state (a buffer of count 0 is allocated as 1 value: not counted).
    static func stateValues(_ optimizer: AnyOptimizer<Float>) -> Int {
        func n(_ buffers: ScalarBuffer<Float>...) -> Int { buffers.map { $0.count > 1 ? $0.count : 0 }.reduce(0, +) }
        switch optimizer {
        case .sgd(let o): return n(o.buffer)
        case .adam(let o): return n(o.m, o.v, o.vMax)
        case .rmsprop(let o): return n(o.square, o.average, o.buffer)
        }
    }

    static func workspaceBytes(_ w: Workspace<Float>) -> Int {
        let buffers = [w.input, w.upstream] + w.z + w.a + w.delta + w.mask + w.dropped
        return buffers.map(\.count).reduce(0, +) * 4 + w.labels.count * 4
    }

    @Test(arguments: [
        ([64], 64, OptimizerChoice.sgd(SGDSettings(momentum: 0.9)), false),
        ([128, 32], 1, .adam(AdamSettings()), true),
        ([16], 1000, .adam(AdamSettings(amsgrad: true)), false),
        ([300, 200, 100], 5000, .rmsprop(RMSpropSettings(momentum: 0.5, centered: true)), true),
        ([10], 32, .sgd(SGDSettings()), false),
    ])
    func estimateMatchesTheBuffersTheTrainerAllocates(hidden: [Int], batch: Int, optimizer: OptimizerChoice, dropout: Bool) {
        let split = Fixtures.digits
        var options = TrainingOptions(hidden: hidden, epochs: 3, batchSize: batch, optimizer: optimizer, seed: 1,
                                      learningRate: { _ in 0.01 })
        options.dropout = dropout ? 0.2 : 0
        let trainer = Trainer<Float>(split: split, options: options)
        let batchSize = min(max(batch, 1), split.train.count)
        let estimate = TrainingMemory(inputs: split.train.featureCount, hidden: hidden, classes: split.train.classCount,
                                      trainCount: split.train.count, evaluationCount: split.test.count,
                                      batchSize: batch, epochs: 3, optimizer: optimizer, dropout: dropout)
        #expect(trainer.gathersRows == !PassInput<Float>.rowKernelsRun)
        trainer.withSession(batchSize: batchSize, gathersRows: trainer.gathersRows) { model, workspace, _, _, _, _ in
            #expect(estimate.parameters == (model.parameters.count + model.gradients.count) * 4)
            let state = Self.stateValues(AnyOptimizer<Float>(optimizer, parameterCount: model.layout.parameterCount))
            #expect(estimate.optimizer == state * 4)
            #expect(estimate.workspaceRows == workspace.capacity)
            #expect(estimate.workspace == Self.workspaceBytes(workspace))
        }
        // The row order and the records: n Ints, and at most `epochs` epoch and 2,001 step records.
        #expect(estimate.records >= split.train.count * 8)
        #expect(estimate.records < split.train.count * 8 + 2100 * 200)
    }

    @Test func hugeModelsSaturateInsteadOfTrapping() {
        let estimate = TrainingMemory(inputs: 1 << 40, hidden: Array(repeating: 65_536, count: 16), classes: 1000,
                                      trainCount: 1 << 50, evaluationCount: 0, batchSize: nil, epochs: 100_000,
                                      optimizer: .adam(AdamSettings()), dropout: true)
        #expect(estimate.total == Int.max)
    }

    /// 784 → 65,536 → 10 at batch 60,000 takes 795 MiB in weights with Adam but 44 GiB of activations.
    @Test func activationsOfAFullBatchCount() {
        let estimate = TrainingMemory(inputs: 784, hidden: [65_536], classes: 10, trainCount: 60_000, evaluationCount: 10_000,
                                      batchSize: nil, epochs: 1, optimizer: .adam(AdamSettings()), dropout: false)
        #expect(estimate.workspaceRows == 60_000)
        #expect(estimate.weights < 800 << 20)
        #expect(estimate.workspace > 40 << 30)
    }
}
