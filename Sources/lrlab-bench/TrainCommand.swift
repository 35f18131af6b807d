import ArgumentParser
import Datasets
import Foundation
import LinearAlgebra
import Training

/// `lrlab-bench train`: the model and data of `../shared/bench/mlp_numpy.py`, trained by lrlab
/// (with the gradient noise-scale sampling lrlab runs do; `--no-noise-sampling` to time without).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one MLP (one hidden ReLU layer, SGD with momentum, Float) and print a JSON line.")

    enum DatasetName: String, ExpressibleByArgument { case digits, synthetic }

    @Option(help: "digits (embedded, /16, row i test iff i % 5 == 4) or synthetic (common.py's generator).")
    var dataset: DatasetName = .digits
    @Option(help: "Cores to use at most (BLAS threads and CPU affinity).")
    var threads = 1
    @Option(name: .customLong("batch-size"), help: "Examples per step.")
    var batchSize = 64
    @Option(help: "Passes over the training data.")
    var epochs = 30
    @Option(help: "Width of the hidden layer.")
    var hidden = 64
    @Option(help: "Learning rate (constant).")
    var lr = 0.05
    @Option(help: "SGD momentum (PyTorch form).")
    var momentum = 0.9
    @Option(help: "Seed of the weights, the batch order and the synthetic data.")
    var seed: UInt64 = 0
    @Option(name: .customLong("n-samples"), help: "synthetic: training rows.")
    var nSamples = 60000
    @Option(name: .customLong("n-test"), help: "synthetic: test rows.")
    var nTest = 10000
    @Option(help: "synthetic: features per row.")
    var features = 784
    @Option(help: "synthetic: classes.")
    var classes = 10
    @Flag(inversion: .prefixedNo,
          help: "Measure the gradient noise scale during training (lrlab's default; off to time its overhead).")
    var noiseSampling = true
    @Flag(inversion: .prefixedNo,
          help: "Let the first layer read the batch's rows in place (lrlab's default on x86-64 with AVX2 or AVX-512; off: gather and sgemm).")
    var rowKernels = true
    @Option(name: .customLong("noise-overhead-pairs"),
            help: ArgumentHelp("Time the noise-scale sampling: this many pairs of runs with and without it.",
                               discussion: "After a warm-up run, in this process, alternating which goes first; "
                                   + "prints the median overhead by CPU time and by the loop's wall time."))
    var noiseOverheadPairs = 0

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1") }
        guard hidden >= 1 else { throw ValidationError("--hidden must be at least 1") }
        guard lr.isFinite, lr > 0 else { throw ValidationError("--lr must be a positive number") }
        guard momentum.isFinite, momentum >= 0, momentum < 1 else { throw ValidationError("--momentum must be in [0, 1)") }
        guard noiseOverheadPairs >= 0 else { throw ValidationError("--noise-overhead-pairs must not be negative") }
        guard nSamples >= 1, nTest >= 1, features >= 1, classes >= 2 else {
            throw ValidationError("--n-samples, --n-test and --features must be at least 1, --classes at least 2")
        }
        guard nSamples.multipliedReportingOverflow(by: features).partialValue <= 1 << 31,
              !nSamples.multipliedReportingOverflow(by: features).overflow else {
            throw ValidationError("--n-samples × --features is too large")
        }
    }

    func run() throws {
        CPUAffinity.limit(to: threads)
        BLAS.setThreads(threads)
        let split: DataSplit
        switch dataset {
        case .digits:
            split = try Digits.load().benchmarkSplit()
        case .synthetic:
            split = BenchmarkSynthetic.split(trainCount: nSamples, testCount: nTest, features: features,
                                             classes: classes, seed: seed)
        }
        var options = TrainingOptions(hidden: [hidden], epochs: epochs, batchSize: batchSize,
                                      momentum: momentum, seed: seed, learningRate: lr)
        options.rowKernels = rowKernels
        if noiseOverheadPairs > 0 {
            printOverhead(split, options: options)
            return
        }
        options.noiseSampling = noiseSampling
        let outcome = train(split, options: options)
        let n = split.train.count
        let last = outcome.epochs.last
        let fields: [(String, String)] = [
            ("impl", "\"lrlab\""), ("dataset", "\"\(dataset.rawValue)\""), ("threads", "\(threads)"),
            ("batch_size", "\(batchSize)"), ("epochs", "\(epochs)"), ("hidden", "\(hidden)"), ("lr", "\(lr)"),
            ("n_train", "\(n)"), ("seed", "\(seed)"),
            ("samples_per_second", json(Double(epochs * n) / outcome.trainSeconds, places: 1)),
            ("train_seconds", json(outcome.trainSeconds, places: 4)),
            ("wall_seconds", json(ProcessClock.secondsSinceStart(), places: 4)),
            ("final_train_loss", json(last?.trainLoss ?? .nan, places: 6)),
            ("test_accuracy", json(last?.testAccuracy ?? outcome.divergence?.testAccuracy ?? .nan, places: 5)),
            ("diverged", outcome.divergence == nil ? "false" : "true"),
            ("noise_sampling", noiseSampling ? "true" : "false"), ("noise_samples", "\(outcome.noise.count)"),
            ("row_kernels", rowKernels && RowKernels.available ? "true" : "false"),
            ("cpus", "\(CPUAffinity.allowedCount())"),
        ]
        print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
    }
}

extension TrainCommand {
    /// One training's loop time (`trainSeconds`), the CPU time of the whole `train` call (the
    /// loop, the initial and per-epoch evaluations) and its noise samples.
    private func timed(_ split: DataSplit, _ options: TrainingOptions, sampling: Bool) -> (loop: Double, cpu: Double, samples: Int) {
        var options = options
        options.noiseSampling = sampling
        let before = ProcessClock.cpuSeconds()
        let outcome = train(split, options: options)
        return (outcome.trainSeconds, ProcessClock.cpuSeconds() - before, outcome.noise.count)
    }

    /// `--noise-overhead-pairs`: the noise-scale sampling's cost, as the median over pairs of
    /// (time with) / (time without) − 1, by CPU time (`overhead_cpu`: robust on a busy machine,
    /// where wall time mostly measures the scheduler) and by the loop's wall time (`overhead`).
    /// Pairs run back to back and alternate which goes first, so drifts in machine load cancel.
    /// The full-training-set evaluation after each epoch is off, so the CPU time is the loop's
    /// plus the test set's evaluation (360 rows a epoch on digits, against 1,438 trained).
    func printOverhead(_ split: DataSplit, options: TrainingOptions) {
        // Only the test set is evaluated (a few % of the time), so CPU time is nearly the loop's.
        var options = options
        options.evaluateTrainSet = false
        _ = timed(split, options, sampling: true)  // warm-up: page faults, BLAS buffers
        var loopRatios: [Double] = [], cpuRatios: [Double] = []
        var on: [Double] = [], off: [Double] = [], cpuOn: [Double] = [], cpuOff: [Double] = [], samples = 0
        for pair in 0..<noiseOverheadPairs {
            let first = pair % 2 == 0
            let a = timed(split, options, sampling: first)
            let b = timed(split, options, sampling: !first)
            let (with, without) = first ? (a, b) : (b, a)
            samples = with.samples
            on.append(with.loop)
            off.append(without.loop)
            cpuOn.append(with.cpu)
            cpuOff.append(without.cpu)
            if without.loop > 0 { loopRatios.append(with.loop / without.loop) }
            if without.cpu > 0 { cpuRatios.append(with.cpu / without.cpu) }
        }
        let fields: [(String, String)] = [
            ("impl", "\"lrlab\""), ("dataset", "\"\(dataset.rawValue)\""), ("threads", "\(threads)"),
            ("batch_size", "\(batchSize)"), ("epochs", "\(epochs)"), ("hidden", "\(hidden)"),
            ("n_train", "\(split.train.count)"), ("pairs", "\(noiseOverheadPairs)"), ("noise_samples", "\(samples)"),
            ("train_seconds_on", json(median(on), places: 5)), ("train_seconds_off", json(median(off), places: 5)),
            ("cpu_seconds_on", json(median(cpuOn), places: 5)), ("cpu_seconds_off", json(median(cpuOff), places: 5)),
            ("overhead", json(median(loopRatios) - 1, places: 5)), ("overhead_cpu", json(median(cpuRatios) - 1, places: 5)),
            ("ratios", "[" + loopRatios.map { json($0, places: 5) }.joined(separator: ", ") + "]"),
            ("cpu_ratios", "[" + cpuRatios.map { json($0, places: 5) }.joined(separator: ", ") + "]"),
            ("cpus", "\(CPUAffinity.allowedCount())"),
        ]
        print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
    }
}

/// The median of `values` (NaN when empty).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// `value` rounded to `places` decimals as a JSON number (`null` when not finite).
func json(_ value: Double, places: Int) -> String {
    guard value.isFinite else { return "null" }
    let scale = pow(10.0, Double(places))
    return "\((value * scale).rounded() / scale)"
}
