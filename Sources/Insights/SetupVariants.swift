import Foundation
import Formatting
import Results

/// Runs that share a grid point but not their other settings (runs of several sweeps, or of an
/// edited sweep, shown together by `lrlab report DIR`) are not repeats of one point. This tells
/// them apart and names the difference ("epochs 10", "sweep b").
enum SetupVariants {
    /// Settings a run's setup can differ in without a grid key, with how to write them.
    static let fields: [(key: String, name: String, value: @Sendable (RunSetup) -> String)] = [
        ("data.dataset", "dataset", { $0.dataset }),
        ("train.epochs", "epochs", { "\($0.epochs)" }),
        ("model.hidden", "hidden layers", { $0.hidden.map(String.init).joined(separator: "-") }),
        ("model.activation", "activation", { $0.activation }),
        ("train.optimizer", "optimizer", { $0.optimizer }),
        ("train.batch_size", "batch size", { "\($0.batchSize)" }),
        ("train.learning_rate", "learning rate", { NumberText.learningRate($0.learningRate) }),
        ("train.schedule", "schedule", { $0.schedule }),
    ]

    /// The listed settings that are not grid keys and differ between `runs`, in list order.
    static func differingFields(_ runs: [RunRecord]) -> [(key: String, name: String, value: @Sendable (RunSetup) -> String)] {
        let gridKeys = Set(runs.flatMap { $0.grid.map(\.key) })
        return fields.filter { field in
            !gridKeys.contains { $0 == field.key || $0.hasPrefix(field.key + ".") }
                && Set(runs.map { field.value($0.setup) }).count > 1
        }
    }

    /// What identifies a run apart from its grid point and seed: its sweep and its whole setup
    /// with the seed left out.
    static func fingerprint(_ run: RunRecord) -> String {
        var setup = run.setup
        setup.seed = 0
        // Derived from the other fields (schedule, rate, batch size): left out, they only cost time.
        setup.schedulePoints = []
        setup.scheduleInfo = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let text = (try? encoder.encode(setup)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return run.sweep.name + "\u{1F}" + text
    }

    /// A grid value naming each run's variant (by run id), or nothing when every grid point's runs
    /// share their settings, as the runs of one sweep do.
    static func values(_ runs: [RunRecord]) -> [String: GridValue] {
        var byPoint: [GridPoint: Set<String>] = [:]
        var prints: [String: String] = [:]
        for run in runs {
            let print = fingerprint(run)
            prints[run.runId] = print
            byPoint[run.point, default: []].insert(print)
        }
        guard byPoint.values.contains(where: { $0.count > 1 }) else { return [:] }
        let sweeps = Set(runs.map(\.sweep.name)).count > 1
        let differing = differingFields(runs)
        // A variant's name is what differs ("epochs 10"); when no listed setting differs, its rank
        // among the setups of its own point ("setting 2"). The name is the value: runs of one
        // variant share it at every point.
        var ranks: [GridPoint: [String]] = [:]
        var labels: [String] = []
        var out: [String: GridValue] = [:]
        for run in runs {
            let print = prints[run.runId] ?? ""
            if !(ranks[run.point] ?? []).contains(print) { ranks[run.point, default: []].append(print) }
            let rank = ranks[run.point]?.firstIndex(of: print) ?? 0
            var parts = differing.map { "\($0.name) \($0.value(run.setup))" }
            if sweeps { parts.insert("sweep \(run.sweep.name)", at: 0) }
            let label = parts.isEmpty ? "setting \(rank + 1)" : parts.joined(separator: ", ")
            if !labels.contains(label) { labels.append(label) }
            out[run.runId] = GridValue(key: "setting", value: label, label: label, number: nil,
                                       position: labels.firstIndex(of: label) ?? 0, keyTitle: "setting", prefix: "")
        }
        return out
    }
}
