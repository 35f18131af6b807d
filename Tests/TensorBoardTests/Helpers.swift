import Foundation
import TestSupport

/// `Tests/Fixtures/tensorboard`, written by its `make_fixtures.py` with torch.utils.tensorboard.
let fixtureRoot = PackagePaths.fixtures + "/tensorboard"

/// The values `make_fixtures.py` logged, as `expected.json` records them.
struct ExpectedRun: Decodable {
    var scalars: [String: [[Double]]]
    var hparams: [String: String]
    /// The sub-folder `add_hparams` wrote (torch runs only).
    var subfolder: String?
    /// `[tag, step, value]` of the metric `add_hparams` logs in its sub-folder.
    var hparamMetric: [HParamMetricItem]?

    enum CodingKeys: String, CodingKey {
        case scalars, hparams, subfolder
        case hparamMetric = "hparam_metric"
    }
}

enum HParamMetricItem: Decodable {
    case text(String)
    case number(Double)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) { self = .text(text) } else { self = .number(try container.decode(Double.self)) }
    }
}

func expectedRuns() throws -> [String: ExpectedRun] {
    let data = try Data(contentsOf: URL(fileURLWithPath: fixtureRoot + "/expected.json"))
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    var runs: [String: ExpectedRun] = [:]
    for (name, value) in object where !name.hasPrefix("_") {
        let runData = try JSONSerialization.data(withJSONObject: value)
        runs[name] = try JSONDecoder().decode(ExpectedRun.self, from: runData)
    }
    return runs
}

/// The bytes of the one event file directly in a fixture run folder.
func fixtureEventFile(_ run: String) throws -> (path: String, bytes: [UInt8]) {
    let folder = fixtureRoot + "/" + run
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains("tfevents") }.sorted()
    guard let name = names.first else { throw CocoaError(.fileNoSuchFile) }
    let path = folder + "/" + name
    return (path, [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
}
