import Results
import Diagnostics
import Schedules

/// Reads the `data`, `model`, `train` and `report` blocks of one grid combination into a `RunSpec`,
/// filling defaults and checking every value. Each block has its own reader.
enum RunConfigReader {
    /// Every independent problem is reported: each block is read even when another is bad.
    static func read(_ root: ConfigNode, masterSeed: UInt64, repeatIndex: Int) throws(InputError) -> RunSpec {
        var problems = InputErrorCollector()
        let top = try root.mapping(allowedKeys: SweepKeys.topLevel, problems: &problems)
        func block(_ key: String, _ allowed: [String]) -> [String: ConfigNode] {
            guard let node = top.first(where: { $0.key == key })?.value, !node.isNull else { return [:] }
            var result: [String: ConfigNode] = [:]
            do {
                for entry in try node.mapping(allowedKeys: allowed, problems: &problems) { result[entry.key] = entry.value }
            } catch {
                problems.record(error)
            }
            return result
        }
        let dataBlock = block("data", SweepKeys.data), modelBlock = block("model", SweepKeys.model)
        let trainBlock = block("train", SweepKeys.train), report = block("report", SweepKeys.report)
        let data = problems.attempt { () throws(InputError) in
            try DataConfigReader.read(dataBlock, masterSeed: masterSeed, sweepFile: root.file)
        }
        let model = problems.attempt { () throws(InputError) in try ModelConfigReader.read(modelBlock) }
        let train = problems.attempt { () throws(InputError) in try TrainConfigReader.read(trainBlock) }
        let target = problems.attempt { () throws(InputError) in
            try report["target_accuracy"].map { node throws(InputError) -> Double in
                let value = try node.double()
                guard value > 0, value <= 1 else { throw node.error("'report.target_accuracy' must be in (0, 1], got \(value)") }
                return value
            }
        } ?? nil
        let settings = problems.attempt { () throws(InputError) in try reportSettings(report) }
        try problems.check()
        guard let data, let model, let train else { throw root.error("the run's settings could not be read") }  // recorded above
        let seed = StableHash.of("run-seed", "\(masterSeed)", "\(repeatIndex)")
        var spec = RunSpec(sweepName: "", title: "", index: 0, grid: [], repeatIndex: repeatIndex,
                           setup: .init(data: data, model: model, train: train, seed: seed), targetAccuracy: target)
        spec.report = settings ?? ReportSettings()
        for key in ["data", "model", "train"] {
            if let node = top.first(where: { $0.key == key }) { spec.locations[key] = node.value.location }
        }
        spec.locations["train.schedule"] = trainBlock["schedule"]?.location
        spec.locations["model.hidden"] = modelBlock["hidden"]?.location
        spec.locations["train.epochs"] = trainBlock["epochs"]?.location
        spec.locations["train.batch_size"] = trainBlock["batch_size"]?.location
        spec.locations["data.test_fraction"] = dataBlock["test_fraction"]?.location
        spec.locations["data.validation_fraction"] = dataBlock["validation_fraction"]?.location
        return spec
    }

    /// `report.smoothing` (TensorBoard's weight, in [0, 1)), `report.theme`, `report.formats` (a list of
    /// png, svg, pdf; PNG and SVG are always written) and `report.curves` (best or every).
    static func reportSettings(_ report: [String: ConfigNode]) throws(InputError) -> ReportSettings {
        var settings = ReportSettings()
        var problems = InputErrorCollector()
        problems.attempt { () throws(InputError) in
            guard let node = report["smoothing"] else { return }
            let value = try node.double()
            guard value >= 0, value < 1 else {
                throw node.error("'report.smoothing' must be at least 0 and below 1 (TensorBoard's weight; 0: none), got \(value)")
            }
            settings.smoothing = value
        }
        problems.attempt { () throws(InputError) in settings.theme = try oneOf(report["theme"], default: settings.theme) }
        problems.attempt { () throws(InputError) in settings.curves = try oneOf(report["curves"], default: settings.curves) }
        problems.attempt { () throws(InputError) in
            guard let node = report["formats"] else { return }
            var formats: [ReportSettings.Format] = [.png, .svg]
            for item in try node.sequence() {
                let format = try oneOf(item, default: ReportSettings.Format.png)
                if !formats.contains(format) { formats.append(format) }
            }
            settings.formats = formats
        }
        try problems.check()
        return settings
    }

    static func oneOf(_ node: ConfigNode?, _ choices: [String], default value: String) throws(InputError) -> String {
        guard let node else { return value }
        let text = try node.string()
        guard choices.contains(text) else {
            throw node.error("\(node.name) must be one of \(choices.joined(separator: ", ")), got \(quoted(text))",
                             suggestion: closestMatch(to: text, among: choices))
        }
        return text
    }

    /// `oneOf` for an enum spelled by its raw values (listed in `allCases` order in errors).
    static func oneOf<T: RawRepresentable & CaseIterable>(_ node: ConfigNode?, default value: T) throws(InputError) -> T
        where T.RawValue == String {
        let text = try oneOf(node, T.allCases.map(\.rawValue), default: value.rawValue)
        return T(rawValue: text) ?? value  // `oneOf` let only raw values through
    }
}
