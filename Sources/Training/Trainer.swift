import Datasets
import LinearAlgebra

/// The training loop, generic over the scalar so `Double` runs the same code as `Float`.
///
/// Everything the loop touches is allocated before the first step: the model, the optimizer
/// state, a workspace for the largest batch, the permutation and the divergence window.
struct Trainer<T: BLASScalar> {
    let split: DataSplit
    let options: TrainingOptions

    /// Rows per evaluation chunk (evaluation reads rows in place, no gather).
    static var evaluationChunk: Int { 512 }

    func run(progress: (@Sendable (Int) -> Void)? = nil) -> TrainingOutcome {
        let train = split.train, test = split.test
        precondition(options.batchSize >= 1, "batchSize must be at least 1")
        precondition(options.epochs >= 0, "epochs must not be negative")
        precondition(train.count > 0, "the training set is empty")
        let classes = max(train.classCount, test.classCount)
        let layout = NetworkLayout(inputs: train.featureCount, hidden: options.hidden, classes: classes)
        let n = train.count
        let batchSize = min(options.batchSize, n)
        let stepsPerEpoch = (n + batchSize - 1) / batchSize
        let capacity = max(batchSize, min(Self.evaluationChunk, max(n, test.count)))

        var generator = SeededRandom(seed: options.seed)
        let model = MLP<T>(layout: layout)
        Initialization.pytorch.fill(model.parameters.pointer, layout: layout, using: &generator)
        var optimizer = MomentumSGD<T>(momentum: T(options.momentum), parameterCount: layout.parameterCount)
        let workspace = Workspace<T>(layout: layout, capacity: capacity)

        let trainFeatures: [T] = converted(train.features)
        let testFeatures: [T] = converted(test.features)
        return trainFeatures.withUnsafeBufferPointer { trainX in
            testFeatures.withUnsafeBufferPointer { testX in
                train.labels.withUnsafeBufferPointer { trainY in
                    test.labels.withUnsafeBufferPointer { testY in
                        let trainSet = Table(features: trainX.baseAddress!, labels: trainY.baseAddress!, count: n)
                        let testSet = Table(features: testX.baseAddress, labels: testY.baseAddress, count: test.count)
                        var loop = Loop(model: model, workspace: workspace, trainSet: trainSet, testSet: testSet,
                                        batchSize: batchSize, stepsPerEpoch: stepsPerEpoch, options: options)
                        return loop.run(optimizer: &optimizer, generator: &generator, progress: progress)
                    }
                }
            }
        }
    }

    /// `[Float]` as `[T]`: the same array when `T` is `Float`, a converted copy otherwise.
    private func converted(_ values: [Float]) -> [T] {
        if T.self == Float.self { return unsafeBitCast(values, to: [T].self) }
        return values.map { T($0) }
    }
}
