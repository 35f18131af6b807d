import Results
import Datasets
import LinearAlgebra

/// The state of one run's step loop; see `Trainer`.
struct Loop<T: BLASScalar> {
    let model: MLP<T>
    let workspace: Workspace<T>
    let trainSet: Table<T>
    let testSet: Table<T>
    /// Evaluated after every epoch when the split has a validation part.
    let validationSet: Table<T>?
    let batchSize: Int
    let stepsPerEpoch: Int
    let options: TrainingOptions
    /// Test hook: fixed row orders per epoch instead of shuffles (see `Trainer.batchOrders`).
    var batchOrders: [[Int]]? = nil

    /// Mean loss and accuracy of the model over a whole table (0, 0 when it is empty).
    func evaluate(_ table: Table<T>) -> (loss: Double, accuracy: Double) {
        guard table.count > 0, let x = table.features, let y = table.labels else { return (0, 0) }
        let featureCount = model.layout.inputs
        var total = BatchScore()
        var start = 0
        while start < table.count {
            let rows = min(workspace.capacity, table.count - start)
            let score = model.score(x + start * featureCount, labels: y + start, rows: rows, workspace: workspace)
            total.lossSum += score.lossSum
            total.correct += score.correct
            start += rows
        }
        return (total.lossSum / Double(table.count), Double(total.correct) / Double(table.count))
    }

    mutating func run(optimizer: inout AnyOptimizer<T>, generator: inout SeededRandom,
                      progress: (@Sendable (Int) -> Void)?) -> TrainingOutcome {
        let n = trainSet.count
        let featureCount = model.layout.inputs
        let parameterCount = model.layout.parameterCount
        let initialLoss = evaluate(trainSet).loss
        var rule = DivergenceRule(initialLoss: initialLoss, batchSize: batchSize)
        var sampler = StepSampler(total: options.epochs * stepsPerEpoch)
        // Noise-scale samples at planned steps (`NoisePlan`) and the allocated buffers' sizes.
        let noisePlan = options.noiseSampling
            ? NoisePlan(totalSteps: options.epochs * stepsPerEpoch, batchSize: batchSize) : nil
        var noise = [NoiseSample]()
        noise.reserveCapacity(NoisePlan.maxSamples + 1)
        let memory = WorkingMemory(parameters: model.parameters.bytes, gradients: model.gradients.bytes,
                                   optimizerState: optimizer.stateBytes,
                                   activations: workspace.bytes(rows: min(batchSize, trainSet.count)))
        var epochs = [EpochMetrics]()
        epochs.reserveCapacity(options.epochs)
        var steps = [StepMetrics]()
        steps.reserveCapacity(min(options.epochs * stepsPerEpoch, TrainingOutcome.maxStepRecords) + 1)
        var order = [Int](repeating: 0, count: n)
        var step = 0, examplesSeen = 0
        var trainSeconds = 0.0
        let clock = ContinuousClock()
        // The first layer reads the batch's rows in place where the row kernels run (the
        // workspace then has no input buffer: `Trainer.gathersRows`); else they are gathered.
        let rowTable: UnsafePointer<Float>? = model.rowKernels
            ? UnsafeRawPointer(trainSet.features!).assumingMemoryBound(to: Float.self) : nil

        for epoch in stride(from: 1, through: options.epochs, by: 1) {
            if let batchOrders, batchOrders.indices.contains(epoch - 1), batchOrders[epoch - 1].count == n {
                order = batchOrders[epoch - 1]
            } else {
                for i in 0..<n { order[i] = i }
                generator.shuffle(&order)
            }
            var epochScore = BatchScore()
            let started = clock.now
            var stopped: (cause: String, loss: Double)?
            var interrupted = false
            order.withUnsafeBufferPointer { order in
                var start = 0
                while start < n {
                    if let shouldStop = options.shouldStop, shouldStop() {
                        interrupted = true
                        return
                    }
                    let rows = min(batchSize, n - start)
                    let batch = order.baseAddress! + start
                    let input: PassInput<T>
                    if let table = rowTable {
                        workspace.gatherLabels(rows: rows, order: batch, labels: trainSet.labels!)
                        input = .rows(table: table, indices: batch)
                    } else {
                        workspace.gather(rows: rows, order: batch, from: trainSet.features!,
                                         featureCount: featureCount, labels: trainSet.labels!)
                        input = .contiguous(workspace.input.base)
                    }
                    let rate = options.learningRate(step)
                    let score: BatchScore
                    var normSquared: Double?
                    if let noisePlan, noisePlan.measures(step), rows >= 2 {
                        let measured = model.scoreAndGradientMeasuringNoise(input, rows: rows, step: step, workspace: workspace)
                        score = measured.score
                        normSquared = measured.normSquared
                        if let sample = measured.sample { noise.append(sample) }
                    } else {
                        score = model.scoreAndGradient(input, labels: workspace.labels.baseAddress!,
                                                        rows: rows, workspace: workspace)
                    }
                    examplesSeen += rows
                    let kept = sampler.keeps(step)
                    let cause = rule.afterStep(lossSum: score.lossSum, rows: rows)
                    if normSquared == nil, kept || cause != nil || options.clipNorm != nil {
                        normSquared = model.gradientNormSquared()
                    }
                    let norm = normSquared?.squareRoot() ?? 0
                    if kept || cause != nil {
                        steps.append(StepMetrics(step: step, examplesSeen: examplesSeen,
                                                loss: score.lossSum / Double(rows), learningRate: rate,
                                                gradientNorm: norm))
                    }
                    if let cause {
                        stopped = cause
                        return
                    }
                    if let clip = options.clipNorm { model.clipGradients(norm: norm, to: clip) }
                    optimizer.update(model.parameters.base, gradients: model.gradients.base,
                                     count: parameterCount, learningRate: T(rate))
                    epochScore.lossSum += score.lossSum
                    epochScore.correct += score.correct
                    step += 1
                    start += rows
                }
            }
            let seconds = seconds(from: started, to: clock.now)
            trainSeconds += seconds
            if interrupted {
                var result = outcome(initialLoss, epochs, steps, nil, totalSteps: step, trainSeconds,
                                     examplesSeen: examplesSeen, noise: noise, memory: memory)
                result.stopped = true
                return result
            }
            if let stopped {
                return outcome(initialLoss, epochs, steps, divergence(stopped, step: step, examplesSeen: examplesSeen),
                               totalSteps: step, trainSeconds, examplesSeen: examplesSeen, noise: noise, memory: memory)
            }
            let (testLoss, testAccuracy) = evaluate(testSet)
            let full = options.evaluateTrainSet ? evaluate(trainSet) : nil
            let validation = validationSet.map(evaluate)
            let trainLoss = epochScore.lossSum / Double(n)
            epochs.append(EpochMetrics(epoch: epoch, trainLoss: trainLoss,
                                      trainAccuracy: Double(epochScore.correct) / Double(n),
                                      testLoss: testLoss, testAccuracy: testAccuracy, seconds: seconds,
                                      fullTrainLoss: full?.loss, fullTrainAccuracy: full?.accuracy,
                                      validationLoss: validation?.loss, validationAccuracy: validation?.accuracy))
            progress?(epoch)
            if let cause = rule.afterEpoch(meanLoss: trainLoss) {
                return outcome(initialLoss, epochs, steps,
                               divergence(cause, step: step - 1, examplesSeen: examplesSeen),
                               totalSteps: step, trainSeconds, examplesSeen: examplesSeen, noise: noise, memory: memory)
            }
        }
        return outcome(initialLoss, epochs, steps, nil, totalSteps: step, trainSeconds,
                       examplesSeen: examplesSeen, noise: noise, memory: memory)
    }



    private func divergence(_ cause: (cause: String, loss: Double), step: Int, examplesSeen: Int) -> DivergenceInfo {
        let (trainLoss, trainAccuracy) = evaluate(trainSet)
        let (testLoss, testAccuracy) = evaluate(testSet)
        let validation = validationSet.map(evaluate)
        return DivergenceInfo(step: step, loss: cause.loss, cause: cause.cause,
                              epochsSeen: Double(examplesSeen) / Double(trainSet.count),
                              trainLoss: trainLoss, trainAccuracy: trainAccuracy,
                              testLoss: testLoss, testAccuracy: testAccuracy,
                              validationLoss: validation?.loss, validationAccuracy: validation?.accuracy)
    }

    private func outcome(_ initialLoss: Double, _ epochs: [EpochMetrics], _ steps: [StepMetrics],
                         _ divergence: DivergenceInfo?, totalSteps: Int, _ trainSeconds: Double,
                         examplesSeen: Int, noise: [NoiseSample], memory: WorkingMemory) -> TrainingOutcome {
        TrainingOutcome(initialLoss: initialLoss, epochs: epochs, steps: steps, divergence: divergence,
                        totalSteps: totalSteps, trainSeconds: trainSeconds, examplesSeen: examplesSeen,
                        noise: noise, memory: memory)
    }

    private func seconds(from start: ContinuousClock.Instant, to end: ContinuousClock.Instant) -> Double {
        let parts = (end - start).components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
