import Datasets
import LinearAlgebra

/// The training loop's setup, generic over the scalar so `Double` runs the same code as `Float`.
///
/// Everything the loop touches is allocated before the first step: the model, the optimizer
/// state, a workspace for the largest batch, the permutation and the divergence window.
struct Trainer<T: BLASScalar> {
    let split: DataSplit
    let options: TrainingOptions
    /// Test hook: parameters to start from instead of drawing them (`layout.parameterCount`
    /// values, buffer order W1, b1, W2, b2, …).
    var initialParameters: [T]?
    /// Test hook: the row order of each epoch instead of shuffling (epoch `e` uses
    /// `batchOrders[e − 1]`, a permutation of the training rows).
    var batchOrders: [[Int]]?

    /// Rows per evaluation chunk (evaluation reads rows in place, no gather).
    static var evaluationChunk: Int { 512 }

    init(split: DataSplit, options: TrainingOptions) {
        self.split = split
        self.options = options
    }

    var layout: NetworkLayout {
        NetworkLayout(inputs: split.train.featureCount, hidden: options.hidden,
                      classes: max(split.train.classCount, split.test.classCount))
    }

    func run(progress: (@Sendable (Int) -> Void)? = nil) -> TrainingOutcome {
        let n = split.train.count
        precondition(options.epochs >= 0, "epochs must not be negative")
        let batchSize = min(max(options.batchSize, 1), n)
        return withSession(batchSize: batchSize, gathersRows: gathersRows) { model, workspace, trainSet, testSet, validationSet, generator in
            var loop = Loop(model: model, workspace: workspace, trainSet: trainSet, testSet: testSet,
                            validationSet: validationSet,
                            batchSize: batchSize, stepsPerEpoch: updatesPerEpoch(examples: n, batchSize: batchSize),
                            options: options, batchOrders: batchOrders)
            var optimizer = AnyOptimizer<T>(options.optimizer, parameterCount: layout.parameterCount)
            return loop.run(optimizer: &optimizer, generator: &generator, progress: progress)
        }
    }

    /// Builds the initialised model, a workspace for `batchSize` rows, the data as tables of
    /// `T` (train, test, and validation when the split has one), and the generator (after
    /// initialisation) that then shuffles, and calls `body`.
    /// Whether training steps gather their rows (into `Workspace.input`) rather than the first
    /// layer reading them in place (`TrainingOptions.rowKernels` where `RowKernels` run).
    var gathersRows: Bool { !(options.rowKernels && PassInput<T>.rowKernelsRun) }

    func withSession<R>(batchSize: Int, gathersRows: Bool = true,
                        _ body: (MLP<T>, Workspace<T>, Table<T>, Table<T>, Table<T>?, inout SeededRandom) -> R) -> R {
        let train = split.train, test = split.test
        precondition(train.count > 0, "the training set is empty")
        let layout = self.layout
        let validation = split.validation
        let capacity = max(batchSize, min(Self.evaluationChunk, max(train.count, test.count, validation?.count ?? 0)))
        var generator = SeededRandom(seed: options.seed)
        let model = MLP<T>(layout: layout, activation: options.activation, dropout: options.dropout,
                           labelSmoothing: options.labelSmoothing)
        model.rowKernels = !gathersRows  // evaluation's first layer too
        if let initialParameters, initialParameters.count == layout.parameterCount {
            for i in 0..<layout.parameterCount { model.parameters.pointer[i] = initialParameters[i] }
        } else {
            options.initialization.fill(model.parameters.pointer, layout: layout, using: &generator)
        }
        let workspace = Workspace<T>(layout: layout, capacity: capacity, dropout: options.dropout > 0,
                                     dropoutSeed: options.seed ^ 0x6472_6F70_6F75_7421,  // "dropout!"
                                     gathers: gathersRows)
        // The training rows, read at random, on large pages (`LargePages`): the data set's own
        // array in place when it is `Float` and small or moved onto them, else a copy that is.
        let trainCopy: ScalarBuffer<T>? = Self.inPlace(train.features) ? nil
            : ScalarBuffer<T>(converting: train.features, largePages: true)
        let testFeatures: [T] = converted(test.features)
        let validationFeatures: [T] = converted(validation?.features ?? [])
        let validationLabels = validation?.labels ?? []
        return train.features.withUnsafeBufferPointer { rows in
            let trainX = trainCopy.map { UnsafePointer($0.base) }
                ?? UnsafeRawPointer(rows.baseAddress!).assumingMemoryBound(to: T.self)
            return testFeatures.withUnsafeBufferPointer { testX in
                train.labels.withUnsafeBufferPointer { trainY in
                    test.labels.withUnsafeBufferPointer { testY in
                        validationFeatures.withUnsafeBufferPointer { validX in
                            validationLabels.withUnsafeBufferPointer { validY in
                                let trainSet = Table(features: trainX, labels: trainY.baseAddress!, count: train.count)
                                let testSet = Table(features: testX.baseAddress, labels: testY.baseAddress, count: test.count)
                                let validationSet = validation.map {
                                    Table(features: validX.baseAddress, labels: validY.baseAddress, count: $0.count)
                                }
                                return body(model, workspace, trainSet, testSet, validationSet, &generator)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Whether training reads `features` in place: `T` is `Float` and the table is under four
    /// large pages (its TLB reach matters little), was moved onto large pages in place, or a
    /// copy would not get them either (huge pages `always` or `never`, `LargePages.adviceHelps`).
    private static func inPlace(_ features: [Float]) -> Bool {
        guard T.self == Float.self else { return false }
        let bytes = features.count * MemoryLayout<Float>.stride
        guard bytes >= 4 * LargePages.bytes else { return true }
        return features.withUnsafeBytes { LargePages.collapse($0.baseAddress!, bytes: bytes) } || !LargePages.adviceHelps
    }

    /// `[Float]` as `[T]`: the same array when `T` is `Float`, a converted copy otherwise.
    private func converted(_ values: [Float]) -> [T] {
        if T.self == Float.self { return unsafeBitCast(values, to: [T].self) }
        return values.map { T($0) }
    }
}
