import Diagnostics
import Schedules

/// The `train` block: epochs, batch size, optimizer (`OptimizerConfigReader`), learning rate,
/// schedule, gradient clipping and label smoothing.
enum TrainConfigReader {
    /// Each key is checked even when another is bad; every problem is reported.
    static func read(_ block: [String: ConfigNode]) throws(InputError) -> TrainSpec {
        var problems = InputErrorCollector()
        var epochs = 30
        if let node = block["epochs"] {
            epochs = problems.attempt { () throws(InputError) -> Int in
                let value = try node.int()
                guard (1...100_000).contains(value) else { throw node.error("'train.epochs' must be between 1 and 100,000, got \(value)") }
                return value
            } ?? epochs
        }
        var batchSize: Int? = 64
        var batchSizeRead = true
        if let node = block["batch_size"] {
            if node.scalarText == "all" {
                batchSize = nil
            } else if let size = problems.attempt({ () throws(InputError) -> Int in
                guard let text = node.scalarText, Int(text) != nil else {
                    throw node.error("'train.batch_size' must be a positive integer or 'all', got \(node.kindName)")
                }
                let size = try node.int()
                guard size >= 1 else { throw node.error("'train.batch_size' must be a positive integer or 'all', got \(size)") }
                return size
            }) {
                batchSize = size
            } else {
                batchSizeRead = false
            }
        }
        var learningRate = 0.05
        if let node = block["learning_rate"] {
            learningRate = problems.attempt { () throws(InputError) -> Double in
                let value = try node.double()
                guard value > 0 else { throw node.error("'train.learning_rate' must be positive, got \(value)") }
                return value
            } ?? learningRate
        }
        var clipNorm: Double?
        if let node = block["clip_norm"] {
            clipNorm = problems.attempt { () throws(InputError) -> Double in
                let value = try node.double()
                guard value > 0 else { throw node.error("'train.clip_norm' must be positive, got \(value)") }
                return value
            }
        }
        var labelSmoothing: Double?
        if let node = block["label_smoothing"] {
            labelSmoothing = problems.attempt { () throws(InputError) -> Double? in
                let value = try node.double()
                guard value >= 0, value <= 1 else { throw node.error("'train.label_smoothing' must be in [0, 1], got \(value)") }
                return value == 0 ? nil : value
            } ?? nil
        }
        let optimizer = problems.attempt { () throws(InputError) in
            try OptimizerConfigReader.read(block["optimizer"], weightDecay: block["weight_decay"])
        }
        // A schedule kept in epochs needs the batch size: not read when that is wrong.
        let schedule = batchSizeRead ? problems.attempt { () throws(InputError) in try ScheduleConfigReader.read(block, batchSize: batchSize) } ?? nil : nil
        try problems.check()
        guard let optimizer else { throw InputError("the optimizer could not be read") }  // recorded above
        return TrainSpec(epochs: epochs, batchSize: batchSize, optimizer: optimizer, learningRate: learningRate,
                         schedule: schedule?.spec, scheduleUnit: schedule?.unit, scheduleBatchSize: schedule?.writtenFor,
                         clipNorm: clipNorm, labelSmoothing: labelSmoothing)
    }
}
