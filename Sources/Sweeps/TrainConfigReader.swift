import Diagnostics
import Schedules

/// The `train` block: epochs, batch size, optimizer (`OptimizerConfigReader`), learning rate,
/// schedule, gradient clipping and label smoothing.
enum TrainConfigReader {
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
        var clipNorm: Double?
        if let node = block["clip_norm"] {
            let value = try node.double()
            guard value > 0 else { throw node.error("'train.clip_norm' must be positive, got \(value)") }
            clipNorm = value
        }
        var labelSmoothing: Double?
        if let node = block["label_smoothing"] {
            let value = try node.double()
            guard value >= 0, value <= 1 else { throw node.error("'train.label_smoothing' must be in [0, 1], got \(value)") }
            labelSmoothing = value == 0 ? nil : value
        }
        let optimizer = try OptimizerConfigReader.read(block["optimizer"], weightDecay: block["weight_decay"])
        let schedule = try ScheduleConfigReader.read(block, batchSize: batchSize)
        return TrainSpec(epochs: epochs, batchSize: batchSize, optimizer: optimizer, learningRate: learningRate,
                         schedule: schedule?.spec, scheduleUnit: schedule?.unit, scheduleBatchSize: schedule?.writtenFor,
                         clipNorm: clipNorm, labelSmoothing: labelSmoothing)
    }
}
