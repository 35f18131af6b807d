import Diagnostics
import Schedules

/// The `train` block: epochs, batch size, optimizer, learning rate and schedule.
enum TrainConfigReader {
    static let optimizers = ["sgd", "momentum"]

    static func read(_ block: [String: ConfigNode]) throws(InputError) -> TrainSpec {
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
        let schedule = try ScheduleConfigReader.read(block, batchSize: batchSize)
        return TrainSpec(epochs: epochs, batchSize: batchSize, optimizer: try readOptimizer(block["optimizer"]),
                         learningRate: learningRate, schedule: schedule?.spec,
                         scheduleUnit: schedule?.unit, scheduleBatchSize: schedule?.writtenFor)
    }

    /// `optimizer: momentum` or `optimizer: {name: momentum, momentum: 0.9}`.
    static func readOptimizer(_ node: ConfigNode?) throws(InputError) -> OptimizerSpec {
        guard let node else { return OptimizerSpec(name: "momentum", momentum: 0.9) }
        if node.scalarText != nil {
            let name = try RunConfigReader.oneOf(node, optimizers, default: "momentum")
            return OptimizerSpec(name: name, momentum: name == "sgd" ? 0 : 0.9)
        }
        var fields: [String: ConfigNode] = [:]
        for entry in try node.mapping(allowedKeys: SweepKeys.optimizer) { fields[entry.key] = entry.value }
        guard let nameNode = fields["name"] else { throw node.error("'train.optimizer' needs a 'name' (\(optimizers.joined(separator: ", ")))") }
        let name = try RunConfigReader.oneOf(nameNode, optimizers, default: "momentum")
        var momentum = name == "sgd" ? 0.0 : 0.9
        if let m = fields["momentum"] {
            momentum = try m.double()
            guard momentum >= 0, momentum < 1 else { throw m.error("'momentum' must be in [0, 1), got \(momentum)") }
            if name == "sgd", momentum != 0 { throw m.error("optimizer 'sgd' has no momentum; use name: momentum") }
        }
        return OptimizerSpec(name: name, momentum: momentum)
    }

}
