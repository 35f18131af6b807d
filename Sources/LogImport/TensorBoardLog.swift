public import Diagnostics
import Foundation
import TensorBoard

/// A TensorBoard run folder: one folder holding event files (`events.out.tfevents.*`) directly,
/// as `torch.utils.tensorboard.SummaryWriter(log_dir=…)` and Lightning's `TensorBoardLogger`
/// write it, or holding `train/` and `validation/` sub-folders of event files, as Keras'
/// `TensorBoard` callback writes it. `SummaryWriter.add_hparams`' timestamped sub-folder belongs
/// to the run it is in.
///
/// Tag names are normalised before the metric conventions (`MetricNames`) see them: lowercased;
/// a purely numeric (timestamp) sub-folder dropped; `validation` → `val`; Keras' `epoch_` prefix
/// and Lightning's `_epoch` suffix removed, Keras' `batch_` prefix made a `_step` suffix;
/// `loss/train` swapped to `train/loss`. `hparam/*` and Lightning's `hp_metric` are the hparams
/// plugin's summaries, not training metrics, and are left out.
///
/// Which tags are per epoch: the held-out accuracy tag (validation, else test) is the anchor;
/// its E points, in step order, are epochs 1…E. A tag with at most E points is per epoch (E
/// points: the i-th is epoch i; fewer: each goes to the epoch whose anchor step is the first at
/// or after its own); a tag with more, or named `…_step`, is per step. Lightning's `epoch` tag
/// (the epoch at each logged step), when present, gives each per-epoch point its epoch instead.
/// Without a per-epoch train loss, the per-step losses are averaged over each epoch's steps.
/// A step logged twice in one tag (a resumed training) keeps its last value.
public enum TensorBoardLog {
    /// Whether `path` is a run folder: event files in it, or in its `train` and `validation`
    /// sub-folders (Keras).
    public static func matches(_ path: String) -> Bool {
        if holdsEventFiles(path) { return true }
        let train = (path as NSString).appendingPathComponent("train")
        let validation = (path as NSString).appendingPathComponent("validation")
        return holdsEventFiles(train) && holdsEventFiles(validation)
    }

    /// Whether the folder `path` holds an event file itself (not in a sub-folder).
    static func holdsEventFiles(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
              let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return false }
        return names.contains { !$0.hasPrefix(".") && EventFiles.isEventFileName($0) }
    }

    /// The run in the folder `path`; its name is the folder's. Hyperparameters come from the
    /// event files (the hparams plugin) and, for Lightning's `TensorBoardLogger`, its
    /// `hparams.yaml` (the event files' values win).
    public static func read(_ path: String, names: MetricNames = MetricNames()) throws(InputError) -> ImportedRun {
        let log = try EventFiles.read(folder: path)
        let location = SourceLocation(file: log.files.first ?? path, line: 1, column: 1)
        var hparams = try LightningCSVLog.readHparams(path)
        hparams.merge(log.hparams) { _, events in events }

        // Each series under its normalised name, points in step order, one a step (the last
        // written: a resumed training logs its steps again); the first of two tags normalised
        // alike keeps the name, the other stays unmapped.
        var series: [String: [EventLog.Scalar]] = [:]
        var original: [String: String] = [:]
        var unmapped: [String] = []
        for tag in log.scalars.keys.sorted() {
            guard let name = normalisedTag(tag), let points = log.scalars[tag], !points.isEmpty else { continue }
            if let step = points.first(where: { $0.step < 0 || $0.step >= stepLimit })?.step {
                throw InputError("\(quoted(tag)) is logged at step \(step), outside 0…\(stepLimit - 1)", at: location)
            }
            if series[name] != nil { unmapped.append(tag); continue }
            var byStep: [Int: EventLog.Scalar] = [:]
            for point in points { byStep[point.step] = point }
            series[name] = byStep.keys.sorted().compactMap { byStep[$0] }
            original[name] = tag
        }
        let epochSeries = series.removeValue(forKey: "epoch")
        original["epoch"] = nil
        let tagList = log.scalars.keys.sorted().joined(separator: ", ")
        // Overrides may name a tag as logged or as normalised.
        var resolved = names
        for (metric, tag) in names.overrides {
            if let name = original.first(where: { $0.value == tag })?.key { resolved.overrides[metric] = name }
            else if series[tag] == nil, let name = normalisedTag(tag), series[name] != nil { resolved.overrides[metric] = name }
        }

        // The anchor: the held-out accuracy.
        let candidates = series.keys.filter { !$0.hasSuffix("_step") }.sorted()
        let first = resolved.map(candidates, perStep: false).mapped
        guard let anchorName = first[.validationAccuracy] ?? first[.testAccuracy], let anchor = series[anchorName] else {
            throw missing([.validationAccuracy], tags: tagList, at: location)
        }
        let epochCount = anchor.count
        guard epochCount <= RunLimits.maxEpochs else {
            throw InputError("\(quoted(original[anchorName] ?? anchorName)) has \(epochCount) points, more epochs than lrlab reads (\(RunLimits.maxEpochs))", at: location)
        }
        let perEpochNames = series.filter {
            !$0.key.hasSuffix("_step") && !MetricNames.isStepOnly($0.key) && $0.value.count <= epochCount
        }.keys.sorted()
        let perStepNames = series.keys.filter { !perEpochNames.contains($0) }.sorted()
        let (epochMapped, epochUnmapped) = resolved.map(perEpochNames, perStep: false)
        let (stepMapped, stepUnmapped) = resolved.map(perStepNames, perStep: true)
        unmapped += (epochUnmapped + stepUnmapped).map { original[$0] ?? $0 }

        // Each per-epoch point's epoch (0-based).
        let anchorSteps = anchor.map(\.step)
        let epochTag = epochSeries.flatMap { points in
            points.allSatisfy { $0.value >= 0 && $0.value < Double(RunLimits.maxEpochs) && $0.value.rounded() == $0.value } ? points : nil
        }
        func epochIndex(of point: Int, in points: [EventLog.Scalar]) -> Int {
            let step = points[point].step
            if let epochTag, let epoch = loggedEpoch(at: step, in: epochTag) { return epoch }
            if points.count == epochCount { return point }
            return anchorSteps.firstIndex { $0 >= step } ?? epochCount - 1
        }
        var epochs: [Int: ImportedEpoch] = [:]
        for (metric, name) in epochMapped {
            guard let points = series[name] else { continue }
            for index in points.indices {
                let epoch = epochIndex(of: index, in: points)
                epochs[epoch, default: ImportedEpoch(epoch: epoch + 1)][metric] = points[index].value
            }
        }

        var steps: [Int: ImportedStep] = [:]
        for (metric, name) in stepMapped {
            for point in series[name] ?? [] {
                var entry = steps[point.step, default: ImportedStep(step: point.step)]
                if metric == .stepLoss { entry.loss = point.value } else { entry.learningRate = point.value }
                steps[point.step] = entry
            }
        }
        // Updates made: the last per-step point's step + 1, and the anchor's last step when
        // the anchor counts updates (not epochs 0…E-1, as Keras logs them). Lightning (its
        // `epoch` tag) logs a epoch's end at the index of its last update, so + 1 there
        // (6 updates end at step 5, as its metrics.csv shows).
        var totalSteps = steps.keys.max().map { $0 + 1 }
        if anchorSteps != Array(0..<epochCount), let last = anchorSteps.last, last > 0 {
            totalSteps = max(totalSteps ?? 0, epochTag != nil ? last + 1 : last)
        }

        // Train loss per epoch from the step losses when no per-epoch one is logged.
        var hasTrainLoss = epochMapped[.trainLoss] != nil
        if !hasTrainLoss, stepMapped[.stepLoss] != nil, let total = totalSteps, epochCount > 0 {
            let perEpoch = max(1, (total + epochCount - 1) / epochCount)
            var sums: [Int: (Double, Int)] = [:]
            for step in steps.values {
                guard let loss = step.loss else { continue }
                let epoch = epochTag.flatMap { loggedEpoch(at: step.step, in: $0) } ?? min(step.step / perEpoch, epochCount - 1)
                let (sum, count) = sums[epoch, default: (0, 0)]
                sums[epoch] = (sum + loss, count + 1)
            }
            for (epoch, (sum, count)) in sums where epochs[epoch] != nil {
                epochs[epoch]?.trainLoss = sum / Double(count)
            }
            hasTrainLoss = !sums.isEmpty
        }

        var lacking: [Metric] = []
        if !hasTrainLoss { lacking.append(.trainLoss) }
        if epochMapped[.trainAccuracy] == nil { lacking.append(.trainAccuracy) }
        let validation = epochMapped[.validationAccuracy] != nil && epochMapped[.validationLoss] != nil
        let test = epochMapped[.testAccuracy] != nil && epochMapped[.testLoss] != nil
        if !validation, !test { lacking.append(epochMapped[.validationAccuracy] != nil ? .validationLoss : .testLoss) }
        if !lacking.isEmpty { throw missing(lacking, tags: tagList, at: location) }

        return ImportedRun(name: (path as NSString).lastPathComponent, source: path, hparams: hparams,
                           epochs: epochs.keys.sorted().compactMap { epochs[$0] },
                           steps: steps.keys.sorted().compactMap { steps[$0] },
                           unmapped: unmapped.sorted(), totalSteps: totalSteps, warnings: log.warnings)
    }

    /// The epoch Lightning's `epoch` tag gives at `step`: its value at the last point at or
    /// before `step` (the first point's before it); `points` are in step order, whole and in range.
    static func loggedEpoch(at step: Int, in points: [EventLog.Scalar]) -> Int? {
        guard let first = points.first else { return nil }
        var low = 0
        var high = points.count  // the first point after `step` is in low...high
        while low < high {
            let middle = low + (high - low) / 2
            if points[middle].step <= step { low = middle + 1 } else { high = middle }
        }
        return Int(low > 0 ? points[low - 1].value : first.value)
    }

    /// Steps beyond this are taken for damage, not a training's count (and keep `+ 1` safe).
    static let stepLimit = 1 << 52

    /// The error for metrics no tag gives, naming the tags there are.
    static func missing(_ metrics: [Metric], tags: String, at location: SourceLocation) -> InputError {
        let what = metrics.map { "\($0.rawValue) (\(MetricNames.knownNames($0).prefix(3).joined(separator: ", "))…)" }
        let first = metrics.first?.rawValue ?? "train_accuracy"
        return InputError("no per-epoch tag for \(what.joined(separator: ", ")); the event files have \(tags.isEmpty ? "no scalar tags" : "the tags " + tags); name one with --metric \(first)=TAG",
                          at: location)
    }

    /// A tag as the conventions read it (see the type's description); nil for a tag that is not
    /// a training metric (`hparam/…`, `hp_metric`).
    public static func normalisedTag(_ tag: String) -> String? {
        var parts = tag.lowercased().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1, let first = parts.first, !first.isEmpty, first.allSatisfy({ $0.isNumber || $0 == "." }) {
            parts.removeFirst()
        }
        guard let head = parts.first, head != "hparam", !(parts.count == 1 && head == "hp_metric") else { return nil }
        parts = parts.map { part in
            if part == "validation" { return "val" }
            if part.hasPrefix("validation_") { return "val_" + part.dropFirst("validation_".count) }
            return part
        }
        if var last = parts.popLast() {
            if last.hasPrefix("epoch_"), last.count > "epoch_".count { last = String(last.dropFirst("epoch_".count)) }
            else if last.hasPrefix("batch_"), last.count > "batch_".count { last = String(last.dropFirst("batch_".count)) + "_step" }
            if last.hasSuffix("_epoch"), last.count > "_epoch".count { last = String(last.dropLast("_epoch".count)) }
            parts.append(last)
        }
        let splits: Set<String> = ["train", "val", "test"]
        if parts.count == 2, splits.contains(parts[1]), !splits.contains(parts[0]) { parts.swapAt(0, 1) }
        return parts.joined(separator: "/")
    }
}
