import Foundation
@testable import Reports
import Results

/// Hand-made run records for the chart tests: a small digits-like run whose curves, step log,
/// noise samples and memory follow simple formulas of the batch size, rate and seed.
enum ChartFixtures {
    static let trainCount = 1438

    /// One run. `epochs` of history (none when it diverged at once), a step log of every update
    /// (at most 400), noise samples every 10 updates and the working memory when asked for.
    static func run(batch: Int, rate: Double, seed: Int = 0, epochs: Int = 10, diverged: Bool = false,
                    divergedAfter: Int = 0, validation: Bool = false, fullPass: Bool = true,
                    noise: Bool = false, memory: Bool = false, target: Double? = 0.9,
                    settings: ReportSettings? = nil, batchKey: Bool = true, rateKey: Bool = true) -> RunRecord {
        let stepsPerEpoch = (trainCount + batch - 1) / batch
        let setup = RunSetup(dataset: "digits", trainCount: trainCount, testCount: 359, featureCount: 64, classCount: 10,
                             hidden: [64], activation: "relu", batchSize: batch, learningRate: rate, optimizer: "momentum",
                             momentum: 0.9, schedule: "constant", epochs: epochs, stepsPerEpoch: stepsPerEpoch,
                             validationCount: validation ? 200 : 0, seed: UInt64(seed + 1),
                             schedulePoints: [SchedulePoint(step: 0, learningRate: rate),
                                              SchedulePoint(step: stepsPerEpoch * epochs, learningRate: rate)])
        // Larger batches learn more slowly per epoch; seeds shift the curves a little.
        let speed = 3.0 * (64.0 / Double(batch)).squareRoot() * min(rate / 0.1, 1) + 0.2
        let shift = Double(seed) * 0.004
        let recorded = diverged ? divergedAfter : epochs
        let history: [EpochMetrics] = recorded == 0 ? [] : (1...recorded).map { e in
            let t = Double(e) * speed
            let train = 1 - 0.9 * exp(-t / 2) - shift
            let test = 0.95 - 0.85 * exp(-t / 2) - shift
            return EpochMetrics(epoch: e, trainLoss: 2.3 * exp(-t / 2) + 0.02, trainAccuracy: train - 0.01,
                                testLoss: 2.2 * exp(-t / 2) + 0.12 + 0.002 * Double(e), testAccuracy: test,
                                seconds: 0.05 * Double(stepsPerEpoch) / 10 + 0.01 * Double(seed),
                                fullTrainLoss: fullPass ? 2.3 * exp(-t / 2) + 0.01 : nil,
                                fullTrainAccuracy: fullPass ? train : nil,
                                validationLoss: validation ? 2.25 * exp(-t / 2) + 0.1 : nil,
                                validationAccuracy: validation ? test - 0.01 : nil)
        }
        let total = diverged ? divergedAfter * stepsPerEpoch + 2 : stepsPerEpoch * epochs
        let logged = Swift.min(total + (diverged ? 1 : 0), 400)
        let steps = (0..<logged).map { k -> StepMetrics in
            let step = k * (total + (diverged ? 1 : 0)) / logged
            let epochs = Double((step + 1) * batch) / Double(trainCount)
            let wiggle = 1 + 0.3 * sin(Double(step) * 1.7 + Double(seed))
            let loss = diverged && step >= total - 1 ? 40 : (2.3 * exp(-epochs * speed / 2) + 0.02) * wiggle
            let epoch = step / stepsPerEpoch
            let seen = epoch * trainCount + Swift.min((step - epoch * stepsPerEpoch + 1) * batch, trainCount)
            return StepMetrics(step: step, examplesSeen: seen, loss: loss, learningRate: rate)
        }
        let divergence = diverged
            ? DivergenceInfo(step: total, loss: 40, cause: "blow-up", epochsSeen: Double(divergedAfter) + 2.0 * Double(batch) / Double(trainCount),
                             trainLoss: 9, trainAccuracy: 0.1, testLoss: 9.5, testAccuracy: 0.09,
                             validationLoss: validation ? 9.2 : nil, validationAccuracy: validation ? 0.1 : nil)
            : nil
        var grid: [GridValue] = []
        if batchKey { grid.append(GridValue(key: "train.batch_size", value: "\(batch)")) }
        if rateKey { grid.append(GridValue(key: "train.learning_rate", value: plainDecimal(rate))) }
        var record = RunRecord(runId: "\(batch)-\(plainDecimal(rate))-\(seed)",
                               sweep: SweepInfo(name: "s", title: "Batch sizes", targetAccuracy: target, report: settings),
                               grid: grid, gridIndex: 0, repeatIndex: seed, setup: setup,
                               status: diverged ? .diverged : .finished, initialLoss: 2.3, history: history, steps: steps,
                               divergence: divergence, totalSteps: total,
                               trainSeconds: history.reduce(0) { $0 + $1.seconds } + (diverged ? 0.02 : 0), wallSeconds: 1)
        record.examplesSeen = diverged ? nil : trainCount * epochs
        if noise && !diverged {
            record.noise = stride(from: 0, to: total, by: 10).map { step in
                // |G|² falls as training goes on while tr(Σ) stays: B_simple grows.
                let g2 = 4 * exp(-Double(step * batch) / 20_000) + 0.05
                let trace = 30.0
                let small = 16
                return NoiseSample(step: step, bigBatch: batch, smallBatch: small,
                                   bigNormSquared: g2 + trace / Double(batch), smallNormSquared: g2 + trace / Double(small))
            }
        }
        if memory {
            record.memory = WorkingMemory(parameters: 18_600, gradients: 18_600, optimizerState: 18_600,
                                          activations: batch * (64 + 64 * 3 + 10 * 3) * 4)
        }
        return record
    }

    static let batches = [16, 32, 64, 128, 256, 1024]

    /// The sample sweep's shape: batch × rate, one seed each.
    static func grid(batches: [Int] = [64, 256, 1024], rates: [Double] = [0.01, 0.1, 1], seeds: Int = 1,
                     noise: Bool = false, memory: Bool = false, settings: ReportSettings? = nil,
                     diverging: Double? = nil) -> [RunRecord] {
        var out: [RunRecord] = []
        for (b, batch) in batches.enumerated() {
            for (r, rate) in rates.enumerated() {
                for seed in 0..<seeds {
                    var record = run(batch: batch, rate: rate, seed: seed, diverged: rate == diverging,
                                     divergedAfter: 1, noise: noise, memory: memory, settings: settings)
                    record.gridIndex = b * rates.count + r
                    record.grid = [GridValue(key: "train.batch_size", value: "\(batch)", position: b),
                                   GridValue(key: "train.learning_rate", value: plainDecimal(rate), position: r)]
                    out.append(record)
                }
            }
        }
        return out
    }
}

/// The runs grouped by grid point as a report groups them.
enum PointGroupFixture {
    static func charts(_ runs: [RunRecord]) -> ReportCharts {
        let ordered = runs.sorted(by: RunRecord.gridOrder)
        return ReportCharts(runs: ordered, setup: SetupText(ordered))
    }
}
