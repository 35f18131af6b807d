public import Diagnostics
import Foundation

/// What lrlab needs from a TF Object Detection API `pipeline.config` (protobuf text format):
/// `train_config.optimizer` (kind, momentum, moving average, learning-rate block as a
/// `ScheduleSpec`), `train_config.num_steps` and `train_config.batch_size`.
///
/// Every other block is skipped unread (so unknown or newer fields elsewhere do not matter);
/// inside `optimizer` the fields are checked against `optimizer.proto`, with "did you mean".
/// Hand-written: swift-protobuf's `TextFormatDecoder` needs generated message types for the
/// whole `TrainEvalPipelineConfig` tree (dozens of .proto files, protoc at build time) and
/// rejects any field it does not know, while we read four fields and must tolerate the rest.
public struct PipelineConfig: Sendable {
    public var path: String
    public var optimizer: Optimizer
    /// The `learning_rate` block, as `tf-od-api` + the proto message name.
    public var schedule: ScheduleSpec
    /// Where the learning-rate message (e.g. `cosine_decay_learning_rate`) is written.
    public var scheduleLocation: SourceLocation
    /// `train_config.num_steps` (proto default 0: no limit from the config).
    public var numSteps: Int
    /// `train_config.batch_size` (proto default 32).
    public var batchSize: Int
    /// Fields that took the proto default in `train_config` and `optimizer` (dotted paths).
    public var defaultedFields: [String]

    /// Reads and parses the file at `path`.
    public static func read(path: String) throws(InputError) -> PipelineConfig {
        try parse(text: UserFile.text(path), path: path)
    }

    /// Parses pipeline.config text; errors name `path`, line and column.
    public static func parse(text: String, path: String) throws(InputError) -> PipelineConfig {
        let root = try TextFormatParser.parse(text: text, path: path)
        guard let train = try root.message("train_config") else {
            throw InputError("no 'train_config' block: is this a TF Object Detection API pipeline.config?",
                             at: SourceLocation(file: path, line: 1, column: 1))
        }
        guard let optimizerBlock = try train.message("optimizer") else {
            throw InputError("'train_config' has no 'optimizer' block", at: train.location)
        }
        var defaulted: [String] = []
        let numSteps = try train.uint32("num_steps")
        if numSteps == nil { defaulted.append("train_config.num_steps") }
        let batchSize = try train.uint32("batch_size")
        if batchSize == nil { defaulted.append("train_config.batch_size") }
        let (optimizer, learningRate) = try Optimizer.read(optimizerBlock, defaulted: &defaulted)
        let (spec, location) = try readSchedule(learningRate)
        return PipelineConfig(path: path, optimizer: optimizer, schedule: spec, scheduleLocation: location,
                              numSteps: numSteps?.value ?? 0, batchSize: batchSize?.value ?? 32, defaultedFields: defaulted)
    }

    static let learningRateMessages = ["constant_learning_rate", "exponential_decay_learning_rate",
                                       "manual_step_learning_rate", "cosine_decay_learning_rate"]

    /// The `learning_rate { <oneof> { … } }` block as a validated spec.
    static func readSchedule(_ block: TextMessage) throws(InputError) -> (ScheduleSpec, SourceLocation) {
        try block.checkFields(learningRateMessages, in: "learning_rate")
        guard let (name, location, message) = try block.oneof(learningRateMessages),
              let entry = ScheduleCatalog.entry(library: ObjectDetection.library, name: name) else {
            throw InputError("Learning_rate None not supported.", at: block.location)
        }
        try message.checkFields(entry.params.map(\.name), in: name)
        var params = ScheduleParams(values: [:], owner: location)
        var defaulted: [String] = []
        for def in entry.params {
            var value: (ScheduleValue, SourceLocation)?
            switch def.kind {
            case .uint32: value = try message.uint32(def.name).map { (.integer($0.value), $0.location) }
            case .bool: value = try message.bool(def.name).map { (.bool($0.value), $0.location) }
            case .manualSchedule:
                let items = try message.repeatedMessages(def.name)
                if !items.isEmpty {
                    var list: [ScheduleValue] = []
                    for (i, item) in items.enumerated() {
                        try item.checkFields(["step", "learning_rate"], in: "schedule")
                        let step = try item.uint32("step")
                        let rate = try item.float("learning_rate")
                        list.append(.mapping(["step": .integer(step?.value ?? 0), "learning_rate": .number(rate?.value ?? 0.002)]))
                        params.locations["schedule[\(i)]"] = step?.location ?? item.location
                    }
                    value = (.list(list), items[0].location)
                }
            default: value = try message.float(def.name).map { (.number($0.value), $0.location) }
            }
            if let (v, l) = value {
                params.values[def.name] = v
                params.locations[def.name] = l
            } else if let d = def.defaultValue {
                params.values[def.name] = d
                defaulted.append(def.name)
            }
        }
        try entry.checked(params)
        return (ScheduleSpec(library: entry.library, name: entry.name, params: params.values, defaulted: defaulted.sorted()), location)
    }
}
