public import Diagnostics
import Foundation

/// One schedule to draw or explain, with what its file says around it.
///
/// Read from a YAML/JSON file whose top level holds `schedule: {library, name, params}`
/// (and optionally `label`, `num_steps`, `batch_size`), or from a TF Object Detection API
/// `pipeline.config`, whose `train_config.optimizer` block is read.
public struct ScheduleSource: Sendable {
    /// The file it was read from, as given.
    public var path: String
    /// Legend text in comparisons: the file's `label`, else its name without extension.
    public var label: String
    /// The schedule, in its library's own terms.
    public var spec: ScheduleSpec
    /// Optimizer steps training will run (`train_config.num_steps`, or `num_steps` in YAML); nil when unknown or 0.
    public var numSteps: Int?
    /// The batch size the schedule was written for (`train_config.batch_size`, or `batch_size` in YAML).
    public var batchSize: Int?
    /// Whether `batchSize` was written in the file (a pipeline.config default of 32 is not).
    public var batchSizeWritten: Bool
    /// The pipeline.config's optimizer, when read from one.
    public var optimizer: PipelineConfig.Optimizer?
    /// Dotted config fields that took the proto default (pipeline.config only).
    public var defaultedFields: [String]
    /// What a rescale for another batch size did, for subtitles and `--explain`.
    public var rescaleNote: String?

    public init(path: String, label: String, spec: ScheduleSpec, numSteps: Int? = nil, batchSize: Int? = nil,
                batchSizeWritten: Bool = false, optimizer: PipelineConfig.Optimizer? = nil, defaultedFields: [String] = []) {
        self.path = path
        self.label = label
        self.spec = spec
        self.numSteps = numSteps
        self.batchSize = batchSize
        self.batchSizeWritten = batchSizeWritten
        self.optimizer = optimizer
        self.defaultedFields = defaultedFields
    }

    /// Whether `path` is read as YAML/JSON (by extension); anything else is a pipeline.config.
    public static func isYAML(_ path: String) -> Bool {
        ["yaml", "yml", "json"].contains(URL(fileURLWithPath: path).pathExtension.lowercased())
    }

    /// Reads `path`; every problem is an `InputError` naming the file, line and column.
    public static func read(path: String) throws(InputError) -> ScheduleSource {
        let label = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        guard isYAML(path) else {
            let config = try PipelineConfig.read(path: path)
            return ScheduleSource(path: path, label: label, spec: config.schedule,
                                  numSteps: config.numSteps > 0 ? config.numSteps : nil, batchSize: config.batchSize,
                                  batchSizeWritten: !config.defaultedFields.contains("train_config.batch_size"),
                                  optimizer: config.optimizer, defaultedFields: config.defaultedFields)
        }
        let document = try YAMLDocument(contentsOf: path)
        return try read(document.root, path: path, label: label)
    }

    /// Reads the top-level mapping of a schedule YAML document.
    public static func read(_ root: ConfigNode, path: String, label: String) throws(InputError) -> ScheduleSource {
        var fields: [String: ConfigNode] = [:]
        for entry in try root.mapping(allowedKeys: ["schedule", "label", "num_steps", "batch_size"]) {
            fields[entry.key] = entry.value
        }
        guard let scheduleNode = fields["schedule"] else {
            throw root.error("the file needs a top-level 'schedule' mapping ({library, name, params})")
        }
        var source = ScheduleSource(path: path, label: try fields["label"]?.string() ?? label,
                                    spec: try ScheduleSpec.parse(scheduleNode))
        if let node = fields["num_steps"] {
            let n = try node.int()
            guard n >= 1 else { throw node.error("'num_steps' must be at least 1, got \(n)") }
            source.numSteps = n
        }
        if let node = fields["batch_size"] {
            let b = try node.int()
            guard b >= 1 else { throw node.error("'batch_size' must be at least 1, got \(b)") }
            source.batchSize = b
            source.batchSizeWritten = true
        }
        return source
    }
}
