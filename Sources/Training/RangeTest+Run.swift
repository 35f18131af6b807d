import Datasets
import Foundation
import LinearAlgebra

/// The range test's loop; see `findLearningRate`.
struct RangeTest<T: BLASScalar> {
    let trainer: Trainer<T>
    let range: RangeTestOptions

    func run() -> RangeTestResult {
        let n = trainer.split.train.count
        let batchSize = min(max(trainer.options.batchSize, 1), n)
        let features = trainer.split.train.featureCount
        var points: [RangeTestPoint] = []
        points.reserveCapacity(range.steps)
        trainer.withSession(batchSize: batchSize) { model, workspace, trainSet, _, _, generator in
            var optimizer = AnyOptimizer<T>(trainer.options.optimizer, parameterCount: model.layout.parameterCount)
            var order = Array(0..<n)
            var start = n  // forces a shuffle before the first batch
            var average = 0.0, best = Double.infinity
            order.withUnsafeMutableBufferPointer { order in
                for k in 0..<range.steps {
                    if let shouldStop = trainer.options.shouldStop, shouldStop() { return }
                    if start >= n {
                        generator.shuffle(&order)
                        start = 0
                    }
                    let rows = min(batchSize, n - start)
                    workspace.gather(rows: rows, order: order.baseAddress! + start, from: trainSet.features!,
                                     featureCount: features, labels: trainSet.labels!)
                    start += rows
                    let score = model.scoreAndGradient(.contiguous(workspace.input.base), labels: workspace.labels.baseAddress!,
                                                       rows: rows, workspace: workspace)
                    let loss = score.lossSum / Double(rows)
                    average = range.smoothing * average + (1 - range.smoothing) * loss
                    // The causal average of the stopping rule; the stored curve is smoothed afterwards, without lag.
                    let smoothed = average / (1 - Adam<Double>.power(range.smoothing, k + 1))
                    let rate = range.rate(at: k)
                    points.append(RangeTestPoint(step: k, learningRate: rate, loss: loss, smoothedLoss: .nan))
                    if !smoothed.isFinite || (k > 0 && smoothed > range.stopFactor * best) { return }
                    best = min(best, smoothed)
                    if let clip = trainer.options.clipNorm { model.clipGradients(norm: model.gradientNorm(), to: clip) }
                    optimizer.update(model.parameters.base, gradients: model.gradients.base,
                                     count: model.layout.parameterCount, learningRate: T(rate))
                }
            }
        }
        return RangeTestResult(batchSize: batchSize, points: points, planned: range.steps, stopFactor: range.stopFactor)
    }
}
