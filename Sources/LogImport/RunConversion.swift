public import Diagnostics
import Foundation
public import Results

/// Imported runs as lrlab run records, with what the conversion could not know said in notes.
public struct ImportedSweep: Sendable {
    /// The records, in grid order (`gridIndex`, then `repeatIndex`).
    public var records: [RunRecord]
    /// One line each about what the logs did not say or what was left out (printed as `note:`).
    public var notes: [String]
}

/// Turns `ImportedRun`s into `RunRecord`s a report reads like a native sweep's.
///
/// What the logs do not say is marked as not known, never made up: the data set is "imported"
/// with 1 feature and class (the record needs at least one), the model has no hidden layers
/// listed, activation and schedule are "not known", times are 0. The training set's size is given
/// (`--train-size`) or bounded by the logged steps per epoch; without either it is an error, since
/// findings need it (updates per epoch, the full batch). A held-out
/// set's size is given, or read from the accuracies of all the runs when they are whole examples of one
/// set size (Keras and Lightning accuracies are `k / N`); else it counts as 1 example, so no two points are
/// called different beyond noise, and a note says so.
public enum RunConversion {
    /// Most examples a held-out set's size is looked for up to.
    public static let maxInferredSetSize = 100_000

    /// The records of `runs` (read in `format`), their grid points from `grid`.
    public static func records(_ runs: [ImportedRun], format: LogFormat, grid: GridSource,
                               sizes: DataSizes = DataSizes(), sweepName: String) throws(InputError) -> ImportedSweep {
        var notes = NoteList()
        var valuesOf: [[String: String]] = []
        var unusedHparams: Set<String> = []
        for run in runs {
            let (values, unused) = try grid.values(for: run)
            valuesOf.append(values)
            unusedHparams.formUnion(unused)
        }
        if !unusedHparams.isEmpty {
            notes.add("hyperparameters not used for the grid: \(unusedHparams.sorted().joined(separator: ", "))")
        }
        let gridKeys = try chooseKeys(runs: runs, values: valuesOf)
        var positions: [String: [String]] = [:]
        for key in gridKeys {
            let distinct = Set(valuesOf.compactMap { $0[key] })
            positions[key] = distinct.sorted { a, b in
                switch (Double(a), Double(b)) {
                case let (x?, y?): x != y ? x < y : a < b
                case (.some, nil): true
                case (nil, .some): false
                case (nil, nil): a < b
                }
            }
        }
        let points: [[GridValue]] = valuesOf.map { values in
            gridKeys.compactMap { key in
                guard let value = values[key] else { return nil }
                return GridValue(key: key, value: value, position: positions[key]?.firstIndex(of: value) ?? 0)
            }
        }
        let distinctPoints = Set(points.map(GridPoint.init)).sorted(by: GridPoint.precedes)
        var byPoint: [GridPoint: [Int]] = [:]
        for (index, point) in points.enumerated() { byPoint[GridPoint(point), default: []].append(index) }

        let title = "\(format.title) logs" + (gridKeys.isEmpty ? "" : " by " + gridKeys.map(GridValue.title(forKey:)).joined(separator: " × "))
        let sweep = SweepInfo(name: sweepName, title: title, targetAccuracy: nil)
        let trainCount = try trainingSetSize(runs, values: valuesOf, given: sizes.train, notes: &notes)
        // The runs of one import share their held-out sets: their accuracies together tell the size.
        var sizes = sizes
        if sizes.validation == nil, runs.contains(where: { $0.epochs.contains { $0.validationAccuracy != nil } }) {
            sizes.validation = setSize(runs.flatMap { $0.epochs.compactMap(\.validationAccuracy) }, name: "validation", notes: &notes)
        }
        if sizes.test == nil, runs.contains(where: { $0.epochs.contains { $0.testAccuracy != nil } }) {
            sizes.test = setSize(runs.flatMap { $0.epochs.compactMap(\.testAccuracy) }, name: "test", notes: &notes)
        }
        var records: [RunRecord] = []
        var usedIds: Set<String> = []
        for (gridIndex, point) in distinctPoints.enumerated() {
            let members = (byPoint[point] ?? []).sorted { a, b in
                let sa = valuesOf[a]["seed"].flatMap(Double.init), sb = valuesOf[b]["seed"].flatMap(Double.init)
                if let sa, let sb, sa != sb { return sa < sb }
                return runs[a].source < runs[b].source
            }
            for (repeatIndex, index) in members.enumerated() {
                let run = runs[index]
                var id = runId(run, point: point, repeatIndex: repeatIndex)
                var suffix = 2
                while !usedIds.insert(id).inserted { id = runId(run, point: point, repeatIndex: repeatIndex) + "-\(suffix)"; suffix += 1 }
                records.append(try record(run, id: id, values: valuesOf[index], point: point, sweep: sweep,
                                          trainCount: trainCount, sizes: sizes,
                                          gridIndex: gridIndex, repeatIndex: repeatIndex, notes: &notes))
            }
        }
        for warning in runs.flatMap(\.warnings) { notes.add(warning) }
        let unmapped = Set(runs.flatMap(\.unmapped))
        if !unmapped.isEmpty {
            notes.add("metrics not imported (no known meaning; name one with --metric METRIC=COLUMN): \(unmapped.sorted().joined(separator: ", "))")
        }
        return ImportedSweep(records: records, notes: notes.lines)
    }

    /// The grid keys: those whose value differs between runs, or every known one when none does.
    /// A key known for some runs and not others is an error.
    static func chooseKeys(runs: [ImportedRun], values: [[String: String]]) throws(InputError) -> [String] {
        let known = GridSource.keys.filter { key in key != "seed" && values.contains { $0[key] != nil } }
        for key in known {
            if let missing = values.indices.first(where: { values[$0][key] == nil }),
               let having = values.indices.first(where: { values[$0][key] != nil }) {
                throw InputError("\(quoted(key)) is known for \(quoted(runs[having].source)) but not for \(quoted(runs[missing].source)); give it for every run with --pattern or --grid-file")
            }
        }
        let varying = known.filter { key in Set(values.compactMap { $0[key] }).count > 1 }
        return varying.isEmpty ? known : varying
    }

    static func runId(_ run: ImportedRun, point: GridPoint, repeatIndex: Int) -> String {
        let base = point.values.isEmpty ? run.name
            : point.values.map { "\($0.prefix.isEmpty ? "" : GridValue.prefix(forKey: $0.key))\($0.value)" }.joined(separator: "-")
        let safe = String(base.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "_" })
        let trimmed = safe.isEmpty || safe.hasPrefix(".") ? "run\(safe)" : safe
        return "\(trimmed)-r\(repeatIndex)"
    }

    static func record(_ run: ImportedRun, id: String, values: [String: String], point: GridPoint, sweep: SweepInfo,
                       trainCount: Int, sizes: DataSizes, gridIndex: Int, repeatIndex: Int, notes: inout NoteList) throws(InputError) -> RunRecord {
        func hasTrain(_ e: ImportedEpoch) -> Bool { e.trainLoss != nil && e.trainAccuracy != nil }
        func hasValidation(_ e: ImportedEpoch) -> Bool { e.validationLoss != nil && e.validationAccuracy != nil }
        func hasTest(_ e: ImportedEpoch) -> Bool { e.testLoss != nil && e.testAccuracy != nil }
        var kept = run.epochs.filter { hasTrain($0) && (hasValidation($0) || hasTest($0)) }
        if kept.contains(where: hasValidation) { kept = kept.filter(hasValidation) }
        let useTest = !kept.isEmpty && kept.allSatisfy(hasTest)
        let useValidation = !kept.isEmpty && kept.allSatisfy(hasValidation)
        if kept.count < run.epochs.count {
            notes.add("epochs without training and held-out metrics are left out (\(quoted(run.source)): \(run.epochs.count - kept.count) of \(run.epochs.count))")
        }
        guard let last = kept.last else {
            throw InputError("\(quoted(run.source)): no epoch has both training and validation (or test) loss and accuracy")
        }
        if !useTest, run.epochs.contains(where: { $0.testAccuracy != nil }) {
            notes.add("test metrics logged for only some epochs (after training: trainer.test) are not imported; the validation set stands for the test set")
        } else if !useTest {
            notes.add("the logs have no per-epoch test metrics: the report's test curves show the validation set, and “best” is chosen on it")
        }
        for epoch in kept {
            for (name, value) in [("train accuracy", epoch.trainAccuracy), ("validation accuracy", epoch.validationAccuracy), ("test accuracy", epoch.testAccuracy)] {
                guard let value else { continue }
                guard value.isFinite, (0...1).contains(value) else {
                    throw InputError("\(quoted(run.source)): the \(name) of epoch \(epoch.epoch) is \(value), not a fraction from 0 to 1 (percentages are not read)")
                }
            }
        }
        let history = kept.map { e in
            EpochMetrics(epoch: e.epoch, trainLoss: e.trainLoss ?? .nan, trainAccuracy: e.trainAccuracy ?? 0,
                         testLoss: (useTest ? e.testLoss : e.validationLoss) ?? .nan,
                         testAccuracy: (useTest ? e.testAccuracy : e.validationAccuracy) ?? 0, seconds: 0,
                         validationLoss: useValidation ? e.validationLoss : nil,
                         validationAccuracy: useValidation ? e.validationAccuracy : nil)
        }
        let validationCount = useValidation ? sizes.validation ?? 1 : 0
        let testCount = useTest ? sizes.test ?? 1 : validationCount

        let batchSize = values["train.batch_size"].flatMap(Int.init).flatMap { $0 >= 1 ? $0 : nil }
        if batchSize == nil { notes.add("batch size not known (no hparam, --pattern or --grid-file gives it): set to 1 in the records") }
        let rate = values["train.learning_rate"].flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil }
            ?? run.steps.compactMap(\.learningRate).first ?? run.epochs.compactMap(\.learningRate).first
        if rate == nil { notes.add("learning rate not known (no hparam, --pattern, --grid-file or logged rate): set to 0 in the records") }
        let baseRate = rate ?? 0
        let epochCount = last.epoch
        // Updates per epoch: from the logged steps, else from the training-set size (the last
        // partial batch counts, as in lrlab's trainer).
        let stepsPerEpoch: Int
        let totalSteps: Int
        if let logged = run.totalSteps, logged > 0 {
            stepsPerEpoch = (logged + epochCount - 1) / epochCount
            totalSteps = logged
        } else {
            let batch = batchSize ?? 1
            stepsPerEpoch = trainCount / batch + (trainCount % batch == 0 ? 0 : 1)
            let (product, overflow) = stepsPerEpoch.multipliedReportingOverflow(by: epochCount)
            guard !overflow else {
                throw InputError("\(quoted(run.source)): \(stepsPerEpoch) steps per epoch × \(epochCount) epochs is more than lrlab counts")
            }
            totalSteps = product
        }
        var currentRate = run.steps.compactMap(\.learningRate).first ?? baseRate
        var steps: [StepMetrics] = []
        var schedule: [SchedulePoint] = []
        for step in run.steps {
            if let logged = step.learningRate {
                currentRate = logged
                schedule.append(SchedulePoint(step: step.step, learningRate: logged))
            }
            guard let loss = step.loss else { continue }
            let (seen, overflow) = (step.step + 1).multipliedReportingOverflow(by: batchSize ?? 0)
            steps.append(StepMetrics(step: step.step, examplesSeen: overflow ? Int.max : seen, loss: loss, learningRate: currentRate))
        }
        // Keras logs its rate per epoch: it holds from the epoch's first update on.
        if schedule.isEmpty, stepsPerEpoch > 0 {
            for epoch in run.epochs where epoch.epoch <= epochCount {
                guard let logged = epoch.learningRate else { continue }
                schedule.append(SchedulePoint(step: (epoch.epoch - 1) * stepsPerEpoch, learningRate: logged))
            }
        }
        let loggedRates = Set(schedule.map(\.learningRate) + run.epochs.compactMap(\.learningRate))
        let scheduleText = loggedRates.isEmpty ? "not known" : loggedRates.count == 1 ? "constant" : "as logged"
        let optimizer = values["train.optimizer"] ?? "not known"
        let momentum = values["train.momentum"].flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil } ?? 0
        let seed = values["seed"].flatMap(UInt64.init) ?? 0
        let setup = RunSetup(dataset: "imported", trainCount: trainCount, testCount: testCount, featureCount: 1, classCount: 1,
                             hidden: [], activation: "not known", batchSize: batchSize ?? 1, learningRate: baseRate,
                             optimizer: optimizer, momentum: momentum, schedule: scheduleText, epochs: epochCount,
                             stepsPerEpoch: stepsPerEpoch, validationCount: validationCount, seed: seed,
                             schedulePoints: schedule)
        return RunRecord(runId: id, sweep: sweep, grid: point.values, gridIndex: gridIndex, repeatIndex: repeatIndex,
                         setup: setup, status: .finished, initialLoss: steps.first?.loss ?? .nan,
                         history: history, steps: steps, divergence: nil, totalSteps: totalSteps,
                         trainSeconds: 0, wallSeconds: 0)
    }

    /// The training set's size: given, else the most the logged steps per epoch allow (steps per
    /// epoch × batch size, the smallest over the runs), said in a note; an error when neither tells it.
    static func trainingSetSize(_ runs: [ImportedRun], values: [[String: String]], given: Int?,
                                notes: inout NoteList) throws(InputError) -> Int {
        if let given { return given }
        var bounds: [Int] = []
        for (run, values) in zip(runs, values) {
            guard let steps = run.totalSteps, steps > 0, let epochs = run.epochs.last?.epoch, epochs > 0,
                  let batch = values["train.batch_size"].flatMap(Int.init), batch >= 1 else { continue }
            let (bound, overflow) = ((steps + epochs - 1) / epochs).multipliedReportingOverflow(by: batch)
            if !overflow { bounds.append(bound) }
        }
        guard let size = bounds.min(), bounds.count == runs.count else {
            throw InputError("the training set's size is not in these logs (nor are steps per epoch with a batch size); give it with --train-size N (examples per epoch)")
        }
        notes.add("training-set size taken as \(size) examples, the most the logged steps per epoch allow (steps per epoch × batch size); give --train-size N if it differs")
        return size
    }

    /// The held-out set's size read from its accuracies, or 1 (with a note) when they do not tell it.
    static func setSize(_ accuracies: [Double], name: String, notes: inout NoteList) -> Int {
        if let size = inferSetSize(accuracies) { return size }
        notes.add("the \(name) set's size is not known (its accuracies are not whole examples of one size up to \(maxInferredSetSize)); give it with --\(name)-size N: points are compared as if it had 1 example, so none is called better beyond noise")
        return 1
    }

    /// The smallest N ≤ `maxInferredSetSize` for which every accuracy is a whole number of
    /// examples out of N, as the tools log it: k / N rounded to float32 (within one float32 ulp,
    /// for means over several batches); nil when none fits, or when fewer than 3 accuracies lie
    /// strictly between 0 and 1 (too few to tell N from chance).
    public static func inferSetSize(_ accuracies: [Double]) -> Int? {
        let informative = accuracies.filter { $0 > 0 && $0 < 1 }.map(Float.init)
        guard Set(informative).count >= 3 else { return nil }
        for n in 2...maxInferredSetSize {
            let size = Double(n)
            let fits = informative.allSatisfy { value in
                let k = (Double(value) * size).rounded()
                return abs(Float(k / size) - value) <= value.ulp
            }
            if fits { return n }
        }
        return nil
    }
}

/// Data-set sizes the user gives (`--train-size`, `--validation-size`, `--test-size`), which the
/// logs do not hold; nil ones are read from the logs where they can be.
public struct DataSizes: Sendable, Equatable {
    /// Training examples per epoch.
    public var train: Int?
    /// Validation examples.
    public var validation: Int?
    /// Test examples.
    public var test: Int?

    public init(train: Int? = nil, validation: Int? = nil, test: Int? = nil) {
        self.train = train
        self.validation = validation
        self.test = test
    }
}

/// Notes said once each, in the order first said.
struct NoteList {
    private(set) var lines: [String] = []
    mutating func add(_ line: String) { if !lines.contains(line) { lines.append(line) } }
}
