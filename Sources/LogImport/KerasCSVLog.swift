public import Diagnostics
import Foundation

/// Keras' `CSVLogger` file: `epoch,accuracy,loss,val_accuracy,val_loss[,learning_rate]` in any
/// column order, one row per epoch (epochs 0-based); Keras 3 writes `learning_rate`, Keras 2 `lr`.
public enum KerasCSVLog {
    /// Whether `path` looks like a Keras `CSVLogger` file: a header with an `epoch` column and no `step` column.
    public static func matches(_ path: String) -> Bool {
        guard path.hasSuffix(".csv"), let table = try? CSVTable(path: path) else { return false }
        return table.index(of: "epoch") != nil && table.index(of: "step") == nil
    }

    /// The run in the file at `path`; its name is the file's stem.
    public static func read(_ path: String, names: MetricNames = MetricNames()) throws(InputError) -> ImportedRun {
        let table = try CSVTable(path: path)
        guard let epochIndex = table.index(of: "epoch") else {
            throw InputError("no 'epoch' column: not a Keras CSVLogger file (its header starts 'epoch,')", at: table.headerLocation())
        }
        let columns = table.names.filter { $0 != "epoch" }
        let (mapped, unmapped) = names.map(columns, perStep: false)
        var epochs: [ImportedEpoch] = []
        for row in table.rows {
            guard let number = try table.number(row: row, index: epochIndex) else {
                throw InputError("the 'epoch' cell is empty", at: table.location(row: row, index: epochIndex))
            }
            guard number >= 0, number < Double(RunLimits.maxEpochs), number.rounded() == number else {
                throw InputError("epoch \(number) is not a whole number from 0 to \(RunLimits.maxEpochs - 1)",
                                 at: table.location(row: row, index: epochIndex))
            }
            var epoch = ImportedEpoch(epoch: Int(number) + 1)
            for (metric, column) in mapped {
                guard let index = table.index(of: column) else { continue }
                epoch[metric] = try table.number(row: row, index: index)
            }
            if let last = epochs.last, epoch.epoch <= last.epoch {
                throw InputError("epoch \(epoch.epoch - 1) after epoch \(last.epoch - 1): epochs must count up (a second training appended to the same file?)",
                                 at: table.location(row: row, index: epochIndex))
            }
            epochs.append(epoch)
        }
        var hparams: [String: String] = [:]
        if let rate = epochs.first?.learningRate { hparams["learning_rate"] = shortestText(rate) }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let run = ImportedRun(name: name, source: path, hparams: hparams, epochs: epochs, unmapped: unmapped)
        try RunRequirements.check(run, table: table, mapped: mapped, names: names)
        return run
    }
}

/// Limits of what an imported run may hold (as `RunRecord`'s checks allow).
enum RunLimits {
    static let maxEpochs = 100_000
}

/// A logged float as users write it: `0.009999999776482582` (a float32 widened) → "0.01".
public func shortestText(_ value: Double) -> String {
    let single = Float(value)
    if single.isFinite, Double(single) == value { return "\(single)" }
    return "\(value)"
}
