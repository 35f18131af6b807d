import Charts
import Formatting
import Insights
import Results

extension ReportCharts {
    /// File-name part for a key: "batch", "lr", "optimizer".
    static func slug(_ axis: GridAxis?) -> String {
        guard let axis else { return "run" }
        switch axis.key {
        case GridAxis.batchKey: return "batch"
        case GridAxis.rateKey: return "lr"
        default:
            let last = axis.key.split(separator: ".").last.map(String.init) ?? "key"
            // A file name and a link target in report.md: letters, digits and '-' only.
            let safe = String(last.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
            return safe.isEmpty ? "key" : safe
        }
    }

    func testAccuracy(_ members: [Member], axis: GridAxis?) -> Entry {
        let series = members.compactMap { m in
            accuracySeries(m.group.runs, label: m.label, color: m.color, valueText: true)
        }
        let fixed = axis.map { bestClause(members, axis: $0) } ?? (members.first?.group.label ?? "")
        let by = axis?.title
        var chart = Chart(title: by.map { "Test accuracy per epoch, by \($0)" } ?? "Test accuracy per epoch",
                          subtitle: setup.clauses(including: [fixed, setup.epochsClause, repeatsClause]),
                          xAxis: Axis(title: "epoch", domain: 0...Double(max(setup.epochs, 1)), wholeNumbers: true),
                          yAxis: Axis(title: "test accuracy", format: .percent, includesZero: false),
                          panels: [Panel(series: series)], endMarkKey: Self.divergedKey)
        chart.colorCount = axis?.values.count
        return Entry(name: "test-accuracy-by-\(Self.slug(axis))", figure: chart,
                     caption: "Test accuracy after each epoch" + (by.map { " for each \($0)" } ?? "")
                         + (fixed.isEmpty ? "." : ", \(fixed)."))
    }

    /// The x-axes the training-loss chart is drawn over, as `Entry.variant`s; `examples` is the
    /// default (comparing at equal data is fair to every batch size) and keeps the chart's old file
    /// name, `train-loss-by-<key>`; the others are `train-loss-by-<key>-<variant>`.
    enum LossAxis: String, CaseIterable {
        case examples, epoch, step, seconds

        /// The default variant first, then the others in the order of the page's switch.
        static let drawingOrder: [LossAxis] = [.examples, .epoch, .step, .seconds]

        var axisTitle: String {
            switch self {
            case .examples: return "examples seen"
            case .epoch: return "epoch"
            case .step: return "optimizer step"
            case .seconds: return "training time (s)"
            }
        }

        /// "examples seen", "epochs", "optimizer steps", "training time", for titles.
        var titleWords: String {
            switch self {
            case .examples: return "examples seen"
            case .epoch: return "epochs"
            case .step: return "optimizer steps"
            case .seconds: return "training time"
            }
        }
    }

    /// The `Entry.group` of the training-loss charts.
    static let trainLossGroup = "train-loss"

    /// The per-step training loss of `members` drawn once per x-axis (`LossAxis`), each entry in
    /// group `train-loss` with its axis as variant, the default (`examples`) first.
    func trainingLoss(_ members: [Member], axis: GridAxis?) -> [Entry] {
        LossAxis.drawingOrder.map { trainingLoss(members, axis: axis, over: $0) }
    }

    /// The first seed's minibatch losses of each member over `xAxis`, smoothed with TensorBoard's
    /// debiased EMA (`report.smoothing`, in log space as the axis is logarithmic) over the faint raw
    /// losses.
    func trainingLoss(_ members: [Member], axis: GridAxis?, over xAxis: LossAxis) -> Entry {
        let weight = Smoothing.weight(of: runs)
        let series = members.compactMap { m -> Series? in
            // The first seed's minibatch losses: a mean of noisy per-step losses would hide the noise this chart shows.
            guard let run = m.group.runs.first else { return nil }
            let x = Self.stepX(run, over: xAxis)
            let raw = run.steps.filter { $0.loss.isFinite && $0.loss > 0 }.compactMap { step in
                x(step).map { ChartPoint(x: $0, y: step.loss) }
            }
            let smoothed = Smoothing.debiasedEMA(raw, weight: weight, logSpace: true)
            return Series(label: m.label, colorIndex: m.color,
                          points: smoothed, faintPoints: weight > 0 ? raw : [],
                          endMark: divergenceMark(run, x: { Self.divergenceX(run, $0, over: xAxis) }) { $0.loss })
        }
        let fixed = axis.map { bestClause(members, axis: $0) } ?? (members.first?.group.label ?? "")
        let by = axis?.title
        let smoothing = Smoothing.phrase(weight)
        let drawn = smoothing.isEmpty ? "loss of each minibatch, unsmoothed"
            : "faint: loss of each minibatch; solid: \(smoothing)"
        let timeNote = xAxis == .seconds ? "time interpolated within each epoch" : ""
        let xChartAxis: Axis
        switch xAxis {
        case .examples, .step: xChartAxis = Axis(title: xAxis.axisTitle, format: .count)
        case .epoch: xChartAxis = Axis(title: xAxis.axisTitle, domain: 0...Double(max(setup.epochs, 1)), wholeNumbers: true)
        case .seconds: xChartAxis = Axis(title: xAxis.axisTitle)
        }
        var chart = Chart(title: "Training loss vs. \(xAxis.titleWords)" + (by.map { ", by \($0)" } ?? ""),
                          subtitle: setup.clauses(including: [fixed, drawn, timeNote]),
                          xAxis: xChartAxis,
                          yAxis: Axis(title: "training loss (log scale)", scale: .log),
                          panels: [Panel(series: series)], endMarkKey: Self.divergedKey)
        chart.colorCount = axis?.values.count
        let base = "train-loss-by-\(Self.slug(axis))"
        let caption: String
        switch xAxis {
        case .examples:
            caption = "Minibatch training loss against the number of examples seen" + (fixed.isEmpty ? "" : ", \(fixed)")
                + "; comparing at equal data is fair to every batch size."
        case .epoch:
            caption = "Minibatch training loss against epochs (passes over the training set)" + (fixed.isEmpty ? "." : ", \(fixed).")
        case .step:
            caption = "Minibatch training loss against optimizer steps" + (fixed.isEmpty ? "" : ", \(fixed)")
                + "; a larger batch takes fewer, bigger steps per epoch."
        case .seconds:
            caption = "Minibatch training loss against training time" + (fixed.isEmpty ? "" : ", \(fixed)")
                + "; each step's time is interpolated within its epoch."
        }
        return Entry(name: xAxis == .examples ? base : "\(base)-\(xAxis.rawValue)", figure: chart, caption: caption,
                     group: Self.trainLossGroup, variant: xAxis.rawValue)
    }

    /// The x of a step-log entry on `axis`: epochs seen (examples / training-set size), the 0-based
    /// update index, examples seen, or seconds of training; nil when it cannot be placed.
    static func stepX(_ run: RunRecord, over axis: LossAxis) -> (StepMetrics) -> Double? {
        let trainCount = Double(max(run.setup.trainCount, 1))
        switch axis {
        case .examples: return { Double($0.examplesSeen) }
        case .epoch: return { Double($0.examplesSeen) / trainCount }
        case .step: return { Double($0.step) }
        case .seconds:
            let clock = StepClock(run)
            return { clock.seconds(afterStep: $0.step) }
        }
    }

    /// The x of a run's divergence ✕ on `axis`: where its last update was made.
    static func divergenceX(_ run: RunRecord, _ info: DivergenceInfo, over axis: LossAxis) -> Double {
        switch axis {
        case .examples: return info.epochsSeen * Double(run.setup.trainCount)
        case .epoch: return info.epochsSeen
        case .step: return Double(info.step)
        case .seconds: return run.trainSeconds
        }
    }
}

/// Cumulative training time at the end of each optimizer step. The trainer records the time of
/// each epoch (`EpochMetrics.seconds`, training loop only) and the run's total (`trainSeconds`),
/// not of each step, so a step's time is interpolated linearly within its epoch: step k of an
/// epoch of n steps ends k/n of the way through it. The steps after the last recorded epoch (a
/// diverged or stopped run's partial epoch) share the time left over, `trainSeconds` minus the
/// recorded epochs, spread evenly over those steps and the one a diverged run stopped at.
struct StepClock {
    /// Seconds at the start of each epoch (0-based) and the epoch's duration.
    private var starts: [Double] = []
    private var durations: [Double] = []
    private let stepsPerEpoch: Int
    /// Steps in the partial epoch after the recorded ones and its seconds.
    private let tailSteps: Int
    private let tailSeconds: Double

    init(_ run: RunRecord) {
        stepsPerEpoch = max(run.setup.stepsPerEpoch, 1)
        var start = 0.0
        // Epochs in order, 1, 2, …, until one is missing.
        let byEpoch = Dictionary(run.history.map { ($0.epoch, $0.seconds) }, uniquingKeysWith: { first, _ in first })
        var epoch = 1
        while let seconds = byEpoch[epoch], seconds.isFinite, seconds >= 0 {
            starts.append(start)
            durations.append(seconds)
            start += seconds
            epoch += 1
        }
        let recordedSteps = durations.count.multipliedReportingOverflow(by: stepsPerEpoch)
        let done = recordedSteps.overflow ? Int.max : recordedSteps.partialValue
        let left = run.totalSteps.subtractingReportingOverflow(done)
        tailSteps = left.overflow ? 0 : max(left.partialValue, 0)
        tailSeconds = run.trainSeconds.isFinite ? max(run.trainSeconds - start, 0) : 0
        starts.append(start)
    }

    /// Seconds of training when update `step` (0-based) was done; nil past the run's steps.
    func seconds(afterStep step: Int) -> Double? {
        guard step >= 0 else { return nil }
        let epoch = step / stepsPerEpoch
        if epoch < durations.count {
            let within = Double(step - epoch * stepsPerEpoch + 1) / Double(stepsPerEpoch)
            return starts[epoch] + durations[epoch] * within
        }
        // The updates made plus the one a diverged run stopped at (logged, not counted in `totalSteps`).
        let into = step - durations.count * stepsPerEpoch, count = tailSteps == Int.max ? tailSteps : tailSteps + 1
        guard into < count, let start = starts.last else { return nil }
        return start + tailSeconds * Double(into + 1) / Double(count)
    }
}
