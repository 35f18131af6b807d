public import Diagnostics
import Foundation
import Yams

/// A PyTorch Lightning `CSVLogger` folder (`lightning_logs/version_N/`): `metrics.csv` and
/// `hparams.yaml`.
///
/// `metrics.csv` mixes rows logged at steps (`train_loss_step`, `LearningRateMonitor`'s `lr-SGD`,
/// whose `epoch` cell may be empty) with rows logged at the end of epochs (`train_loss_epoch`,
/// `val_acc`), each leaving the others' columns empty and sharing step numbers; its header holds
/// whatever was logged. A column is per step when it is named `…_step`, has a value in a row
/// without an epoch, or has more than one value in one epoch; else it is per epoch.
public enum LightningCSVLog {
    /// Whether `path` is a folder with a Lightning `metrics.csv` (a header with `epoch` and `step`).
    public static func matches(_ path: String) -> Bool {
        let metrics = (path as NSString).appendingPathComponent("metrics.csv")
        guard let table = try? CSVTable(path: metrics) else { return false }
        return table.index(of: "epoch") != nil && table.index(of: "step") != nil
    }

    /// The run in the folder `path`; its name is the folder's (`version_0`).
    public static func read(_ path: String, names: MetricNames = MetricNames()) throws(InputError) -> ImportedRun {
        let metricsPath = (path as NSString).appendingPathComponent("metrics.csv")
        let table = try CSVTable(path: metricsPath)
        guard let epochIndex = table.index(of: "epoch") else {
            throw InputError("no 'epoch' column: not a Lightning CSVLogger metrics.csv", at: table.headerLocation())
        }
        guard let stepIndex = table.index(of: "step") else {
            throw InputError("no 'step' column: not a Lightning CSVLogger metrics.csv", at: table.headerLocation())
        }
        // Every cell read once, as a number: a bad one is found wherever it is.
        var values: [[Double?]] = []
        for row in table.rows {
            var numbers: [Double?] = []
            for index in table.header.indices { numbers.append(try table.number(row: row, index: index)) }
            values.append(numbers)
        }
        func whole(_ value: Double, row: Int, index: Int, what: String) throws(InputError) -> Int {
            guard value >= 0, value < 1e12, value.rounded() == value else {
                throw InputError("\(what) \(value) is not a whole number of at least 0",
                                 at: table.location(row: table.rows[row], index: index))
            }
            return Int(value)
        }
        var epochOf: [Int?] = []
        var stepOf: [Int?] = []
        for (row, numbers) in values.enumerated() {
            epochOf.append(try numbers[epochIndex].map { v throws(InputError) in try whole(v, row: row, index: epochIndex, what: "epoch") })
            stepOf.append(try numbers[stepIndex].map { v throws(InputError) in try whole(v, row: row, index: stepIndex, what: "step") })
        }
        var stepColumns: [String] = []
        var epochColumns: [String] = []
        for (index, name) in table.names.enumerated() where index != epochIndex && index != stepIndex {
            var perEpoch: [Int: Int] = [:]
            var perStep = name.hasSuffix("_step")
            for (row, numbers) in values.enumerated() where numbers[index] != nil {
                guard let epoch = epochOf[row] else { perStep = true; break }
                perEpoch[epoch, default: 0] += 1
                if perEpoch[epoch, default: 0] > 1 { perStep = true; break }
            }
            if perStep, !name.hasSuffix("_epoch") { stepColumns.append(name) } else { epochColumns.append(name) }
        }
        let (epochMapped, epochUnmapped) = names.map(epochColumns, perStep: false)
        let (stepMapped, stepUnmapped) = names.map(stepColumns, perStep: true)

        var epochs: [Int: ImportedEpoch] = [:]
        var steps: [Int: ImportedStep] = [:]
        for (row, numbers) in values.enumerated() {
            if let epoch = epochOf[row] {
                guard epoch < RunLimits.maxEpochs else {
                    throw InputError("epoch \(epoch) is more than lrlab reads (\(RunLimits.maxEpochs))",
                                     at: table.location(row: table.rows[row], index: epochIndex))
                }
                for (metric, column) in epochMapped {
                    guard let index = table.index(of: column), let value = numbers[index] else { continue }
                    epochs[epoch, default: ImportedEpoch(epoch: epoch + 1)][metric] = value
                }
            }
            for (metric, column) in stepMapped {
                guard let index = table.index(of: column), let value = numbers[index] else { continue }
                guard let step = stepOf[row] else {
                    throw InputError("\(quoted(column)) is logged in a row without a step",
                                     at: table.location(row: table.rows[row], index: stepIndex))
                }
                var entry = steps[step, default: ImportedStep(step: step)]
                if metric == .stepLoss { entry.loss = value } else { entry.learningRate = value }
                steps[step] = entry
            }
        }
        let hparams = try readHparams(path)
        let run = ImportedRun(name: (path as NSString).lastPathComponent, source: path, hparams: hparams,
                              epochs: epochs.keys.sorted().compactMap { epochs[$0] },
                              steps: steps.keys.sorted().compactMap { steps[$0] },
                              unmapped: (epochUnmapped + stepUnmapped).sorted(),
                              totalSteps: stepOf.compactMap { $0 }.max().map { $0 + 1 })
        try RunRequirements.check(run, table: table, mapped: epochMapped, names: names)
        return run
    }

    /// The top-level scalar hyperparameters of `hparams.yaml` (nested ones as `outer.inner`);
    /// empty when the folder has none.
    static func readHparams(_ folder: String) throws(InputError) -> [String: String] {
        let path = (folder as NSString).appendingPathComponent("hparams.yaml")
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        let document = try YAMLDocument(contentsOf: path)
        if document.root.isNull { return [:] }
        var hparams: [String: String] = [:]
        var pending: [ConfigNode] = [document.root]
        while let node = pending.popLast() {
            guard case .mapping(let mapping) = node.node else { continue }
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { continue }
                let path = node.keyPath.isEmpty ? name : "\(node.keyPath).\(name)"
                switch value {
                case .scalar(let scalar): hparams[path] = scalar.string
                case .mapping: pending.append(node.child(value, keyPath: path))
                default: break
                }
            }
        }
        return hparams
    }
}

/// What a run needs to become a record: train loss and accuracy, and a held-out set's accuracy
/// and loss (validation or test) in some epoch.
enum RunRequirements {
    static func check(_ run: ImportedRun, table: CSVTable, mapped: [Metric: String], names: MetricNames) throws(InputError) {
        guard !table.rows.isEmpty else {
            throw InputError("no rows after the header: the training logged nothing", at: table.headerLocation())
        }
        var missing: [Metric] = [.trainLoss, .trainAccuracy].filter { mapped[$0] == nil }
        let validation = mapped[.validationAccuracy] != nil && mapped[.validationLoss] != nil
        let test = mapped[.testAccuracy] != nil && mapped[.testLoss] != nil
        if !validation, !test {
            missing += [.validationAccuracy, .validationLoss].filter { mapped[$0] == nil }
        }
        guard let first = missing.first else { return }
        let what = missing.map { "\($0.rawValue) (\(MetricNames.knownNames($0).prefix(3).joined(separator: ", "))…)" }
        let end = SourceLocation(file: table.path, line: table.headerLine, column: (table.header.last.map { $0.column + $0.text.count } ?? 1))
        throw InputError("no column for \(what.joined(separator: ", ")); the header has \(table.names.joined(separator: ", ")); name one with --metric \(first.rawValue)=COLUMN",
                         at: end)
    }
}
