import Datasets
import LinearAlgebra
import Results
import Testing
@testable import Training

/// Training with the first layer on the row kernels (rows read in place) and with the gather and
/// BLAS (`rowKernels: false`, what CPUs without AVX2 run): the same run up to rounding, and
/// each path deterministic on its own.
@Suite(.enabled(if: RowKernels.available, "this CPU has no AVX2: training gathers rows and uses BLAS"))
struct RowKernelTrainingTests {
    static func options(kernels: Bool, hidden: [Int], batch: Int, dropout: Double = 0) -> TrainingOptions {
        var options = TrainingOptions(hidden: hidden, epochs: 3, batchSize: batch, momentum: 0.9, seed: 7,
                                      learningRate: { _ in 0.05 })
        options.rowKernels = kernels
        options.dropout = dropout
        return options
    }

    @Test(arguments: [([64], 32, 0.0), ([70, 20], 100, 0.2), ([], 16, 0.0), ([130], 1500, 0.0)])
    func bothPathsTrainTheSameRun(hidden: [Int], batch: Int, dropout: Double) {
        let kernels = train(Fixtures.digits, options: Self.options(kernels: true, hidden: hidden, batch: batch, dropout: dropout))
        let blas = train(Fixtures.digits, options: Self.options(kernels: false, hidden: hidden, batch: batch, dropout: dropout))
        // The initial loss is an evaluation: the kernels read its rows as a block.
        #expect(abs(kernels.initialLoss - blas.initialLoss) <= 1e-5 * blas.initialLoss)
        #expect(kernels.epochs.count == 3 && blas.epochs.count == 3)
        for (a, b) in zip(kernels.epochs, blas.epochs) {
            #expect(abs(a.trainLoss - b.trainLoss) <= 1e-4 * max(1, b.trainLoss), "epoch \(a.epoch): \(a.trainLoss) vs \(b.trainLoss)")
            #expect(abs(a.testAccuracy - b.testAccuracy) <= 2.0 / 360, "epoch \(a.epoch)")
        }
        let again = train(Fixtures.digits, options: Self.options(kernels: true, hidden: hidden, batch: batch, dropout: dropout))
        #expect(again.timeless == kernels.timeless)
        #expect(again.steps == kernels.steps)
    }
}
