import Diagnostics
import Schedules

/// Reads the `data`, `model`, `train` and `report` blocks of one grid combination into a `RunSpec`,
/// filling defaults and checking every value. Each block has its own reader.
enum RunConfigReader {
    static func read(_ root: ConfigNode, masterSeed: UInt64, repeatIndex: Int) throws(InputError) -> RunSpec {
        let top = try root.mapping(allowedKeys: SweepKeys.topLevel)
        func block(_ key: String, _ allowed: [String]) throws(InputError) -> [String: ConfigNode] {
            guard let node = top.first(where: { $0.key == key })?.value, !node.isNull else { return [:] }
            var result: [String: ConfigNode] = [:]
            for entry in try node.mapping(allowedKeys: allowed) { result[entry.key] = entry.value }
            return result
        }
        let data = try DataConfigReader.read(try block("data", SweepKeys.data), masterSeed: masterSeed,
                                                sweepFile: root.file)
        let model = try ModelConfigReader.read(try block("model", SweepKeys.model))
        let train = try TrainConfigReader.read(try block("train", SweepKeys.train))
        let report = try block("report", SweepKeys.report)
        let target = try report["target_accuracy"].map { node throws(InputError) -> Double in
            let value = try node.double()
            guard value > 0, value <= 1 else { throw node.error("'report.target_accuracy' must be in (0, 1], got \(value)") }
            return value
        }
        let seed = StableHash.of("run-seed", "\(masterSeed)", "\(repeatIndex)")
        var spec = RunSpec(sweepName: "", title: "", index: 0, grid: [], repeatIndex: repeatIndex,
                           setup: .init(data: data, model: model, train: train, seed: seed), targetAccuracy: target)
        for key in ["data", "model", "train"] {
            if let node = top.first(where: { $0.key == key }) { spec.locations[key] = node.value.location }
        }
        let trainBlock = try block("train", SweepKeys.train)
        spec.locations["train.schedule"] = trainBlock["schedule"]?.location
        spec.locations["model.hidden"] = try block("model", SweepKeys.model)["hidden"]?.location
        spec.locations["train.epochs"] = trainBlock["epochs"]?.location
        return spec
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

    /// `oneOf` for an enum spelled by its raw values (listed in `allCases` order in errors).
    static func oneOf<T: RawRepresentable & CaseIterable>(_ node: ConfigNode?, default value: T) throws(InputError) -> T
        where T.RawValue == String {
        let text = try oneOf(node, T.allCases.map(\.rawValue), default: value.rawValue)
        return T(rawValue: text) ?? value  // `oneOf` let only raw values through
    }
}
