import ArgumentParser
import Datasets
import Foundation
import LinearAlgebra
import Training

/// `lrlab-bench train`: the model and data of `../shared/bench/mlp_numpy.py`, trained by lrlab.
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

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1") }
        guard hidden >= 1 else { throw ValidationError("--hidden must be at least 1") }
        guard lr.isFinite, lr > 0 else { throw ValidationError("--lr must be a positive number") }
        guard momentum.isFinite, momentum >= 0, momentum < 1 else { throw ValidationError("--momentum must be in [0, 1)") }
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
        let options = TrainingOptions(hidden: [hidden], epochs: epochs, batchSize: batchSize,
                                      momentum: momentum, seed: seed, learningRate: lr)
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
            ("cpus", "\(CPUAffinity.allowedCount())"),
        ]
        print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
    }
}

/// `value` rounded to `places` decimals as a JSON number (`null` when not finite).
func json(_ value: Double, places: Int) -> String {
    guard value.isFinite else { return "null" }
    let scale = pow(10.0, Double(places))
    return "\((value * scale).rounded() / scale)"
}
