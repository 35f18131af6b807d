import Formatting
import Results

/// What tells apart runs at the same batch size: their grid values other than the batch size
/// (a learning rate, a schedule, an optimizer…). Charts draw one line or column per variant.
struct Variant: Hashable {
    /// The run's grid values without `train.batch_size`, as written.
    let values: [GridValue]
    /// "0.1", "MultiStepLR", "lr 0.1, momentum 0.5"; empty when the grid varies only the batch size.
    let label: String
}

/// The variants of a set of runs, ordered (numerically when every label is a number), with a title.
struct VariantAxis {
    static let batchKey = "train.batch_size"

    let variants: [Variant]
    /// "learning rate", "schedule", or the keys joined: "learning rate, momentum".
    let title: String
    /// Whether the only thing that varies is the learning rate.
    let isLearningRate: Bool

    init(_ runs: [RunRecord]) {
        let keys = ResultsTable.gridKeys(runs).filter { $0 != Self.batchKey }
        isLearningRate = keys == ["train.learning_rate"]
        title = keys.isEmpty ? "" : keys.map(Self.name).joined(separator: ", ")
        var seen: [Variant] = []
        for run in runs {
            let variant = Self.variant(of: run, keys: keys)
            if !seen.contains(variant) { seen.append(variant) }
        }
        let numbers = seen.map { Double($0.label) }
        if numbers.allSatisfy({ $0 != nil }) {
            variants = zip(seen, numbers).sorted { ($0.1 ?? 0) < ($1.1 ?? 0) }.map(\.0)
        } else {
            variants = seen.sorted { $0.label < $1.label }
        }
    }

    func variant(of run: RunRecord) -> Variant {
        Self.variant(of: run, keys: ResultsTable.gridKeys([run]).filter { $0 != Self.batchKey })
    }

    func index(of variant: Variant) -> Int { variants.firstIndex(of: variant) ?? 0 }

    /// "learning rate 0.1" or "schedule MultiStepLR": for subtitles.
    func clause(_ variant: Variant) -> String {
        variant.label.isEmpty ? "" : "\(title) \(variant.label)"
    }

    static func variant(of run: RunRecord, keys: [String]) -> Variant {
        let values = run.grid.filter { $0.key != batchKey }
        let parts = keys.map { key -> String in
            let text = display(key: key, run: run)
            return keys.count == 1 ? text : "\(shortName(key)) \(text)"
        }
        return Variant(values: values, label: parts.joined(separator: ", "))
    }

    /// A grid value as charts show it: rates as users type them, schedules by class name.
    static func display(key: String, run: RunRecord) -> String {
        switch key {
        case "train.learning_rate": return NumberText.learningRate(run.setup.learningRate)
        case "train.schedule": return String(run.setup.schedule.prefix { $0 != "(" })
        default: return run.gridValue(key) ?? ""
        }
    }

    /// `train.learning_rate` → "learning rate".
    static func name(_ key: String) -> String {
        String(key.split(separator: ".").last ?? Substring(key)).replacingOccurrences(of: "_", with: " ")
    }

    static func shortName(_ key: String) -> String {
        key == "train.learning_rate" ? "lr" : name(key)
    }
}
