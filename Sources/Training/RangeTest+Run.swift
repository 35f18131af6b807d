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
                    let score = model.scoreAndGradient(workspace.input.base, labels: workspace.labels.baseAddress!,
                                                       rows: rows, workspace: workspace)
                    let loss = score.lossSum / Double(rows)
                    average = range.smoothing * average + (1 - range.smoothing) * loss
                    let smoothed = average / (1 - Adam<Double>.power(range.smoothing, k + 1))
                    let rate = range.rate(at: k)
                    points.append(RangeTestPoint(step: k, learningRate: rate, loss: loss, smoothedLoss: smoothed))
                    if !smoothed.isFinite || (k > 0 && smoothed > range.stopFactor * best) { return }
                    best = min(best, smoothed)
                    if let clip = trainer.options.clipNorm { model.clipGradients(norm: model.gradientNorm(), to: clip) }
                    optimizer.update(model.parameters.base, gradients: model.gradients.base,
                                     count: model.layout.parameterCount, learningRate: T(rate))
                }
            }
        }
        return Self.summarise(points, batchSize: batchSize, planned: range.steps)
    }

    /// The suggestion and the best point of a finished ramp.
    static func summarise(_ points: [RangeTestPoint], batchSize: Int, planned: Int) -> RangeTestResult {
        let finite = points.filter { $0.smoothedLoss.isFinite }
        let bestIndex = finite.indices.min { finite[$0].smoothedLoss < finite[$1].smoothedLoss }
        var suggested: RangeTestPoint?
        if let bestIndex, bestIndex >= 2 {
            var steepest = 0.0
            for i in 1..<bestIndex {
                let slope = (finite[i + 1].smoothedLoss - finite[i - 1].smoothedLoss)
                    / (log10(finite[i + 1].learningRate) - log10(finite[i - 1].learningRate))
                if slope < steepest {
                    steepest = slope
                    suggested = finite[i]
                }
            }
        }
        let best = bestIndex.map { finite[$0] }
        return RangeTestResult(batchSize: batchSize, points: points, suggestedRate: suggested?.learningRate,
                               suggestedStep: suggested?.step, bestSmoothedLoss: best?.smoothedLoss ?? .nan,
                               bestRate: best?.learningRate ?? .nan, stoppedEarly: points.count < planned)
    }
}
