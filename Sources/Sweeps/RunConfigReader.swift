import Diagnostics
import Schedules

/// Reads the `data`, `model`, `train` and `report` blocks of one grid combination into a `RunSpec`,
/// filling defaults and checking every value.
enum RunConfigReader {
    static let datasets = ["digits"]
    static let scalings = ["none"]  // standardize and minmax arrive with the datasets work
    static let activations = ["relu"]
    static let optimizers = ["sgd", "momentum"]

    static func read(_ root: ConfigNode, masterSeed: UInt64, repeatIndex: Int) throws(InputError) -> RunSpec {
        let top = try root.mapping(allowedKeys: SweepKeys.topLevel)
        func block(_ key: String, _ allowed: [String]) throws(InputError) -> [String: ConfigNode] {
            guard let node = top.first(where: { $0.key == key })?.value, !node.isNull else { return [:] }
            var result: [String: ConfigNode] = [:]
            for entry in try node.mapping(allowedKeys: allowed) { result[entry.key] = entry.value }
            return result
        }
        let data = try readData(try block("data", SweepKeys.data), masterSeed: masterSeed)
        let model = try readModel(try block("model", SweepKeys.model))
        let train = try readTrain(try block("train", SweepKeys.train))
        let report = try block("report", SweepKeys.report)
        let target = try report["target_accuracy"].map { node throws(InputError) -> Double in
            let value = try node.double()
            guard value > 0, value <= 1 else { throw node.error("'report.target_accuracy' must be in (0, 1], got \(value)") }
            return value
        }
        let seed = StableHash.of("run-seed", "\(masterSeed)", "\(repeatIndex)")
        return RunSpec(sweepName: "", title: "", index: 0, grid: [], repeatIndex: repeatIndex,
                       setup: .init(data: data, model: model, train: train, seed: seed), targetAccuracy: target)
    }

    static func readData(_ block: [String: ConfigNode], masterSeed: UInt64) throws(InputError) -> DataSpec {
        let dataset = try oneOf(block["dataset"], datasets, default: "digits")
        var testFraction = 0.2
        if let node = block["test_fraction"] {
            testFraction = try node.double()
            guard testFraction > 0, testFraction < 1 else {
                throw node.error("'data.test_fraction' must be between 0 and 1 (exclusive), got \(testFraction)")
            }
        }
        let scaling = try oneOf(block["scaling"], scalings, default: "none")
        return DataSpec(dataset: dataset, testFraction: testFraction, scaling: scaling,
                        seed: StableHash.of("split-seed", "\(masterSeed)"))
    }

    static func readModel(_ block: [String: ConfigNode]) throws(InputError) -> ModelSpec {
        var hidden = [64]
        if let node = block["hidden"] {
            hidden = []
            for item in try node.sequence() {
                let width = try item.int()
                guard (1...65_536).contains(width) else {
                    throw item.error("hidden layer widths must be between 1 and 65,536, got \(width)")
                }
                hidden.append(width)
            }
            guard hidden.count <= 16 else { throw node.error("at most 16 hidden layers are supported, got \(hidden.count)") }
        }
        return ModelSpec(hidden: hidden, activation: try oneOf(block["activation"], activations, default: "relu"))
    }

    static func readTrain(_ block: [String: ConfigNode]) throws(InputError) -> TrainSpec {
        var epochs = 30
        if let node = block["epochs"] {
            epochs = try node.int()
            guard (1...100_000).contains(epochs) else { throw node.error("'train.epochs' must be between 1 and 100,000, got \(epochs)") }
        }
        var batchSize: Int? = 64
        if let node = block["batch_size"] {
            if node.scalarText == "all" {
                batchSize = nil
            } else {
                guard let text = node.scalarText, Int(text) != nil else {
                    throw node.error("'train.batch_size' must be a positive integer or 'all', got \(node.kindName)")
                }
                let size = try node.int()
                guard size >= 1 else { throw node.error("'train.batch_size' must be a positive integer or 'all', got \(size)") }
                batchSize = size
            }
        }
        var learningRate = 0.05
        if let node = block["learning_rate"] {
            learningRate = try node.double()
            guard learningRate > 0 else { throw node.error("'train.learning_rate' must be positive, got \(learningRate)") }
        }
        if let node = block["weight_decay"] {
            let decay = try node.double()
            guard decay == 0 else { throw node.error("'train.weight_decay' other than 0 is not supported by this version of lrlab") }
        }
        let schedule = try block["schedule"].map { node throws(InputError) in try ScheduleSpec.parse(node) }
        return TrainSpec(epochs: epochs, batchSize: batchSize, optimizer: try readOptimizer(block["optimizer"]),
                         learningRate: learningRate, schedule: schedule)
    }

    /// `optimizer: momentum` or `optimizer: {name: momentum, momentum: 0.9}`.
    static func readOptimizer(_ node: ConfigNode?) throws(InputError) -> OptimizerSpec {
        guard let node else { return OptimizerSpec(name: "momentum", momentum: 0.9) }
        if node.scalarText != nil {
            let name = try oneOf(node, optimizers, default: "momentum")
            return OptimizerSpec(name: name, momentum: name == "sgd" ? 0 : 0.9)
        }
        var fields: [String: ConfigNode] = [:]
        for entry in try node.mapping(allowedKeys: SweepKeys.optimizer) { fields[entry.key] = entry.value }
        guard let nameNode = fields["name"] else { throw node.error("'train.optimizer' needs a 'name' (\(optimizers.joined(separator: ", ")))") }
        let name = try oneOf(nameNode, optimizers, default: "momentum")
        var momentum = name == "sgd" ? 0.0 : 0.9
        if let m = fields["momentum"] {
            momentum = try m.double()
            guard momentum >= 0, momentum < 1 else { throw m.error("'momentum' must be in [0, 1), got \(momentum)") }
            if name == "sgd", momentum != 0 { throw m.error("optimizer 'sgd' has no momentum; use name: momentum") }
        }
        return OptimizerSpec(name: name, momentum: momentum)
    }

    static func oneOf(_ node: ConfigNode?, _ choices: [String], default value: String) throws(InputError) -> String {
        guard let node else { return value }
        let text = try node.string()
        guard choices.contains(text) else {
            throw node.error("\(node.name) must be one of \(choices.joined(separator: ", ")), got '\(text)'",
                             suggestion: closestMatch(to: text, among: choices))
        }
        return text
    }
}
