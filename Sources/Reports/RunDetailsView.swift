import Charts
import Formatting
import Foundation
import Insights
import Results

extension ReportModel {
    /// One setting of a run or one measured figure: "optimizer" → "momentum (momentum 0.9, …)".
    struct ItemView {
        let label: String
        let value: String
    }

    /// One run's `<details>`: its resolved spec, its final figures, a link to its record and, in
    /// small sweeps, its own chart.
    struct RunView {
        /// The element's id, for links to the run ("run-3f2a9c1b").
        let anchor: String
        /// "batch 64, lr 0.1 · seed 1".
        let name: String
        /// "97.8% test accuracy", "diverged at step 5", "failed".
        let outcome: String
        let statusClass: String
        /// The run's setup, every field or (past `RunDetails.maxFullRuns`) those that vary between runs.
        let spec: [ItemView]
        let metrics: [ItemView]
        /// `runs/<id>/run.json` when that file is beside the page.
        let jsonLink: String
        let hasJSON: Bool
        let chart: String
        let chartAlt: String
        let hasChart: Bool
    }
}

/// The per-run part of the page: every run's `<details>`, bounded so that large sweeps stay
/// light. Up to `maxChartedRuns` runs, each gets a small chart, its whole setup and every final
/// figure; up to `maxDetailedRuns`, the setup every run shares is listed once and each run shows
/// what differs and the figures the table does not, without charts; past that, no run has its
/// own details (the table, `results.csv` and each `run.json` hold them).
enum RunDetails {
    /// Sweeps of at most this many runs get a small chart per run.
    static let maxChartedRuns = 60
    /// Sweeps of at most this many runs list each run's whole setup and figures in its details.
    static let maxFullRuns = 60
    /// Sweeps of at most this many runs get details per run.
    static let maxDetailedRuns = 500
    /// The figures the results table shows too, left out of the short details of larger sweeps.
    static let tableFigures: Set<String> = ["final test", "final validation", "peak test accuracy"]

    /// The chart's file name (without extension) for each run, unique among `runs`, in `charts/runs/`.
    static func chartNames(_ runs: [RunRecord]) -> [String: String] {
        var used: Set<String> = []
        var names: [String: String] = [:]
        for run in runs { names[run.runId] = uniqueId(htmlId(run.runId), used: &used) }
        return names
    }

    /// Train and test accuracy of one run over its epochs; nil without two epochs to draw.
    static func chart(_ run: RunRecord, name: String) -> Chart? {
        let epochs = run.history.filter { $0.trainAccuracy.isFinite && $0.testAccuracy.isFinite }
        guard epochs.count >= 2 else { return nil }
        var series = [
            Series(label: "train", colorIndex: 0, points: epochs.map { ChartPoint(x: Double($0.epoch), y: $0.trainAccuracy) },
                   valueText: NumberText.percent(epochs.last?.trainAccuracy)),
            Series(label: "test", colorIndex: 1, points: epochs.map { ChartPoint(x: Double($0.epoch), y: $0.testAccuracy) },
                   valueText: NumberText.percent(epochs.last?.testAccuracy)),
        ]
        let validation = run.history.compactMap { e in e.validationAccuracy.map { ChartPoint(x: Double(e.epoch), y: $0) } }
        if validation.count >= 2 {
            series.append(Series(label: "validation", colorIndex: 2, points: validation,
                                 valueText: NumberText.percent(validation.last?.y)))
        }
        return Chart(title: "Accuracy per epoch: " + name,
                     subtitle: SetupText([run]).clauses(including: [SetupText([run]).epochsClause]),
                     xAxis: Axis(title: "epoch", domain: 0...Double(max(run.setup.epochs, 1)), wholeNumbers: true),
                     yAxis: Axis(title: "accuracy", format: .percent),
                     panels: [Panel(series: series)])
    }

    /// The run's name on the page: its grid point and seed ("batch 64, lr 0.1 · seed 1").
    static func name(_ run: RunRecord, point: GridPoint?, hasRepeats: Bool) -> String {
        let label = (point ?? run.point).label
        let seed = "seed \(run.repeatIndex < Int.max ? run.repeatIndex + 1 : run.repeatIndex)"
        guard !label.isEmpty else { return hasRepeats ? "the run, " + seed : "the run" }
        return hasRepeats ? label + " · " + seed : label
    }

    /// Every setting of a run's setup, in the order a sweep file lists them.
    static func spec(_ setup: RunSetup) -> [ReportModel.ItemView] {
        var data = "\(setup.dataset): \(NumberText.count(setup.trainCount)) train / \(NumberText.count(setup.testCount)) test"
        if setup.validationCount > 0 { data += " / \(NumberText.count(setup.validationCount)) validation" }
        data += " examples, \(NumberText.count(setup.featureCount)) features, \(NumberText.count(setup.classCount)) classes"
        let parameters = setup.optimizerParameters.map { "\($0.name) \($0.value)" }.joined(separator: ", ")
        let schedule = setup.scheduleName.map { $0 == setup.schedule ? $0 : "\($0): \(setup.schedule)" } ?? setup.schedule
        let epochs = "\(NumberText.count(setup.epochs)) × \(NumberText.count(setup.stepsPerEpoch)) updates"
        return [
            .init(label: "data", value: data),
            .init(label: "model", value: SetupText.model(setup)),
            .init(label: "optimizer", value: setup.optimizer + (parameters.isEmpty ? "" : " (\(parameters))")),
            .init(label: "schedule", value: schedule),
            .init(label: "epochs", value: epochs),
            .init(label: "batch size", value: NumberText.count(setup.batchSize)),
            .init(label: "learning rate", value: NumberText.learningRate(setup.learningRate)),
            .init(label: "seed", value: "\(setup.seed)"),
        ]
    }

    /// The run's final figures.
    static func metrics(_ run: RunRecord, target: Double?) -> [ReportModel.ItemView] {
        var items: [ReportModel.ItemView] = []
        if run.status == .failed {
            items.append(.init(label: "status", value: "failed: " + (run.failure ?? "unknown reason")))
        } else if let d = run.divergence {
            items.append(.init(label: "status", value: "diverged at step \(NumberText.count(d.step)) (\(d.cause)), "
                               + "after \(formatFixed(d.epochsSeen, decimals: 2)) epochs; figures at divergence"))
        }
        if run.status != .failed {
            func pair(_ accuracy: Double?, _ loss: Double?) -> String {
                NumberText.percent(accuracy) + " accuracy, loss " + NumberText.loss(loss)
            }
            items.append(.init(label: "final test", value: pair(run.finalTestAccuracy, run.finalTestLoss)))
            if run.hasValidation {
                items.append(.init(label: "final validation", value: pair(run.finalValidationAccuracy, run.finalValidationLoss)))
            }
            items.append(.init(label: "final train", value: pair(run.finalTrainAccuracy, run.finalTrainLoss)))
            if let peak = run.bestTestAccuracy {
                items.append(.init(label: "peak test accuracy",
                                   value: NumberText.percent(peak) + (run.peakTestEpoch.map { " (epoch \($0))" } ?? "")))
            }
            if let target {
                items.append(.init(label: "epochs to \(NumberText.percent(target))",
                                   value: run.epochsToReach(target).map { "\($0)" } ?? "not reached"))
            }
            items.append(.init(label: "updates made", value: NumberText.count(run.totalSteps)))
        }
        var time = NumberText.seconds(run.wallSeconds) + " in all, " + NumberText.seconds(run.trainSeconds) + " training"
        if let speed = run.examplesPerSecond { time += ", \(NumberText.count(Int(speed.rounded()))) examples/s" }
        items.append(.init(label: "time", value: time))
        if let memory = run.memory {
            items.append(.init(label: "working memory", value: NumberText.bytes(memory.total)
                               + " (activations \(NumberText.bytes(memory.activations)))"))
        }
        return items
    }

    /// The setup fields (by label) whose values are the same for every run, and those that vary.
    static func sharedSpec(_ runs: [RunRecord]) -> (shared: [ReportModel.ItemView], varying: Set<String>) {
        guard let first = runs.first else { return ([], []) }
        let reference = spec(first.setup)
        var varying: Set<String> = []
        for run in runs.dropFirst() {
            for (a, b) in zip(reference, spec(run.setup)) where a.value != b.value { varying.insert(a.label) }
            if varying.count == reference.count { break }
        }
        return (reference.filter { !varying.contains($0.label) }, varying)
    }

    /// The `<details>` of every run, in table order. `full`: each lists its whole setup and every
    /// figure (else only the fields in `varying` and the figures the table lacks); `charts`: run id → chart path or data URI; `directory`: where
    /// the page is written (a run.json is linked when it is there).
    static func views(_ runs: [RunRecord], points: [String: GridPoint], hasRepeats: Bool, target: Double?, full: Bool,
                      varying: Set<String>, charts: [String: String], directory: String?, linksFiles: Bool) -> [ReportModel.RunView] {
        var used: Set<String> = []
        return runs.map { run in
            let name = name(run, point: points[run.runId], hasRepeats: hasRepeats)
            let outcome: String
            switch run.status {
            case .failed: outcome = "failed"
            case .diverged: outcome = "diverged at step \(NumberText.count(run.divergence?.step ?? run.totalSteps))"
            case .finished: outcome = NumberText.percent(run.finalTestAccuracy) + " test accuracy"
            }
            let relative = "runs/\(run.runId)/run.json"
            let link = relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative
            let hasJSON = linksFiles && directory.map {
                !run.runId.contains("/") && FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent(relative))
            } == true
            let specItems = spec(run.setup).filter { full || varying.contains($0.label) }
            let figures = full ? metrics(run, target: target) : metrics(run, target: nil).filter { !tableFigures.contains($0.label) }
            return ReportModel.RunView(
                anchor: uniqueId("run-" + htmlId(run.runId), used: &used), name: name, outcome: outcome,
                statusClass: run.status.rawValue, spec: specItems, metrics: figures,
                jsonLink: hasJSON ? link : "", hasJSON: hasJSON, chart: charts[run.runId] ?? "",
                chartAlt: "Train and test accuracy per epoch of " + name, hasChart: charts[run.runId] != nil)
        }
    }
}
