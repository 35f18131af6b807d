import Diagnostics

/// A schedule in a library's own terms: `{library, name, params}`, resolved and validated.
///
/// `params` holds every parameter with the library's defaults filled in, so two files that
/// mean the same schedule give equal specs (and equal run ids). `defaulted` lists the
/// parameters that took a default; it is not part of equality.
public struct ScheduleSpec: Sendable, Hashable, Codable {
    /// `keras`, `pytorch` or `tf-od-api`.
    public var library: String
    /// The library's class name, proto message or `learning_schedules.py` function.
    public var name: String
    public var params: [String: ScheduleValue]
    /// Parameters that were not written and took the library's default, sorted.
    public var defaulted: [String]

    /// Libraries the catalog knows, as written in `library:`.
    public static let libraries = ["keras", "pytorch", "tf-od-api"]

    /// A spec from already-typed values; not validated (use `parse` for user input).
    public init(library: String, name: String, params: [String: ScheduleValue], defaulted: [String] = []) {
        self.library = library
        self.name = name
        self.params = params
        self.defaulted = defaulted
    }

    public static func == (a: ScheduleSpec, b: ScheduleSpec) -> Bool {
        a.library == b.library && a.name == b.name && a.params == b.params
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(library)
        hasher.combine(name)
        hasher.combine(params)
    }

    enum CodingKeys: String, CodingKey { case library, name, params, defaulted }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        library = try c.decode(String.self, forKey: .library)
        name = try c.decode(String.self, forKey: .name)
        params = try c.decodeIfPresent([String: ScheduleValue].self, forKey: .params) ?? [:]
        defaulted = try c.decodeIfPresent([String].self, forKey: .defaulted) ?? []
    }

    /// Builds the schedule. PyTorch schedulers start from the optimizer's rate: the spec's
    /// `optimizer_lr` when given, else `optimizerLearningRate`, else 1.0 (so the curve shows
    /// the multiplier). Other libraries ignore `optimizerLearningRate`.
    /// A spec that `parse` did not accept builds a constant NaN schedule instead of trapping.
    public func makeSchedule(optimizerLearningRate: Double? = nil) -> any Schedule {
        guard let entry = ScheduleCatalog.entry(library: library, name: name) else {
            return ObjectDetection.ConstantLearningRate(learningRate: .nan)
        }
        return entry.build(entry.withDefaults(params), optimizerLearningRate)
    }

    /// Same as `makeSchedule(optimizerLearningRate: nil)`.
    public func makeSchedule() -> any Schedule { makeSchedule(optimizerLearningRate: nil) }

    /// `StepLR(step_size=10, gamma=0.1)`: all parameters for small signatures, otherwise the
    /// required ones and those that differ from the default.
    public var summary: String {
        guard let entry = ScheduleCatalog.entry(library: library, name: name) else {
            return "\(name)(" + params.keys.sorted().map { "\($0)=\(params[$0]?.text ?? "")" }.joined(separator: ", ") + ")"
        }
        let defs = entry.params.filter { $0.name != "optimizer_lr" }
        let short = defs.count <= 4
        var parts: [String] = []
        for def in entry.params {
            guard let value = params[def.name] else { continue }
            if def.name == "optimizer_lr" || short || def.isRequired || value != def.defaultValue {
                parts.append("\(def.name)=\(value.text)")
            }
        }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }
}
