import Charts
import Formatting
import Insights
import Results

/// What the steps-to-target chart draws (Shallue et al. 2018, "Measuring the Effects of Data
/// Parallelism on Neural Network Training"): for each batch size, the optimizer steps and the
/// training examples it needed to reach the target accuracy, nil where it never did.
struct ScalingInput {
    /// One batch size's cost to reach the target.
    struct Point: Equatable {
        var batch: Int
        var steps: Double?
        var examples: Double?
    }

    /// Accuracy (0–1) the steps are counted to.
    var target: Double
    /// In ascending batch size.
    var points: [Point]

    /// A simple estimate from the runs: for each batch size, over its grid points (each the mean
    /// test accuracy of its seeds, epoch by epoch, as `RepeatSummary` takes it), the first epoch
    /// whose mean reaches `target`; steps are those epochs' updates (`stepsPerEpoch` each) and
    /// examples those epochs' training examples; the fewest over the batch size's points.
    /// Failed runs are left out; a point whose seeds all diverged never reaches the target.
    static func estimate(groups: [PointGroup], target: Double) -> ScalingInput {
        var byBatch: [Int: Point] = [:]
        for group in groups {
            let runs = group.runs.filter { $0.status != .failed }
            guard let first = runs.first else { continue }
            let batch = first.setup.batchSize
            var point = byBatch[batch] ?? Point(batch: batch, steps: nil, examples: nil)
            let summary = RepeatSummary(runs) { $0.testAccuracy }
            if !group.allDiverged, let reached = summary.mean.first(where: { $0.y >= target - 1e-12 }) {
                let epochs = reached.x
                let steps = epochs * Double(max(first.setup.stepsPerEpoch, 1))
                if steps < (point.steps ?? .infinity) {
                    point.steps = steps
                    point.examples = epochs * Double(first.setup.trainCount)
                }
            }
            byBatch[batch] = point
        }
        return ScalingInput(target: target, points: byBatch.keys.sorted().compactMap { byBatch[$0] })
    }
}

extension ReportCharts {
    /// The target of the steps-to-target chart: the sweep's `target_accuracy` (the first run's).
    var scalingTarget: Double? {
        guard let t = runs.first(where: { $0.sweep.targetAccuracy != nil })?.sweep.targetAccuracy, t.isFinite, t > 0 else { return nil }
        return t
    }

    /// The steps-to-target chart from the runs' own estimate (`ScalingInput.estimate`); nil
    /// without a target or with fewer than two batch sizes that reached it.
    func stepsToTarget() -> Entry? {
        guard let target = scalingTarget else { return nil }
        return stepsToTarget(ScalingInput.estimate(groups: groups, target: target))
    }

    /// Optimizer steps (top) and examples (bottom) to the target against the batch size on
    /// log–log axes, measured points joined, with the perfect-scaling line dashed grey: steps ∝
    /// 1/batch through the smallest batch size's point, examples constant. nil with fewer than two
    /// batch sizes that reached the target.
    func stepsToTarget(_ input: ScalingInput) -> Entry? {
        let reached = input.points.filter { p in
            p.batch > 0 && (p.steps.map { $0.isFinite && $0 > 0 } ?? false)
        }
        guard reached.count >= 2, let base = reached.first, let baseSteps = base.steps,
              let lastBatch = reached.last?.batch else { return nil }
        let targetText = NumberText.percent(input.target, decimals: Self.targetDecimals(input.target))
        let perfect = "perfect scaling"
        let stepsPanel = Panel(title: "optimizer steps to \(targetText) test accuracy", series: [
            Series(label: perfect, colorIndex: 0,
                   points: [ChartPoint(x: Double(base.batch), y: baseSteps),
                            ChartPoint(x: Double(lastBatch), y: baseSteps * Double(base.batch) / Double(lastBatch))],
                   reference: true),
            Series(label: "measured", colorIndex: 0,
                   points: reached.compactMap { p in p.steps.map { ChartPoint(x: Double(p.batch), y: $0) } },
                   marksPoints: true),
        ])
        let withExamples = reached.filter { ($0.examples ?? 0) > 0 && ($0.examples?.isFinite ?? false) }
        let baseExamples = base.examples ?? baseSteps * Double(base.batch)
        let examplesPanel = Panel(title: "training examples to \(targetText) test accuracy", series: [
            Series(label: perfect, colorIndex: 0,
                   points: [ChartPoint(x: Double(base.batch), y: baseExamples), ChartPoint(x: Double(lastBatch), y: baseExamples)],
                   reference: true),
            Series(label: "measured", colorIndex: 0,
                   points: withExamples.compactMap { p in p.examples.map { ChartPoint(x: Double(p.batch), y: $0) } },
                   marksPoints: true),
        ])
        let missed = input.points.filter { p in !reached.contains { $0.batch == p.batch } }.map { "batch \($0.batch)" }
        let missedClause = missed.isEmpty ? "" : Analysis.list(missed, separator: ", ") + " did not reach it"
        let steps = Axis(title: "steps", scale: .log)
        var chart = Chart(title: "Steps and examples to \(targetText) test accuracy vs. batch size",
                          subtitle: setup.clauses(including: ["log–log axes", "fewest over each batch size's points, in whole epochs",
                                                              "dashed: steps ∝ 1/batch from the smallest batch", missedClause]),
                          xAxis: Axis(title: "batch size (log scale)", scale: .log, format: .count),
                          yAxis: steps, panels: [stepsPanel, examplesPanel], columns: 1)
        chart.rowYAxes = [steps, Axis(title: "examples", scale: .log)]
        return Entry(name: "steps-to-target", figure: chart,
                     caption: "Optimizer steps and training examples each batch size needed to reach \(targetText) test accuracy; "
                         + "on the dashed line a doubled batch halves the steps (perfect scaling), above it larger batches waste examples.")
    }

    /// Decimals to write the target with: none for whole percentages (90%), else one (97.5%).
    static func targetDecimals(_ target: Double) -> Int {
        let percent = target * 100
        return abs(percent - percent.rounded()) < 1e-9 ? 0 : 1
    }
}
