import Charts
import Formatting
import Insights
import Results

extension ReportCharts {
    /// The steps-to-target chart of the runs, from the same analysis as the `steps-to-target`
    /// finding (`StepsToTarget`, Insights); nil with fewer than two batch sizes that reached it.
    func stepsToTarget() -> Entry? {
        StepsToTarget.measure(groups: groups).flatMap(stepsToTarget)
    }

    /// Optimizer steps (top) and examples (bottom) to the target against the batch size on
    /// log–log axes, measured points joined, with the perfect-scaling line dashed grey: steps ∝
    /// 1/batch through the smallest batch size's point, examples constant. nil with fewer than two
    /// batch sizes that reached the target.
    func stepsToTarget(_ analysis: StepsToTarget) -> Entry? {
        let reached = analysis.rows.filter { r in r.batchSize > 0 && (r.steps ?? 0) > 0 }
        guard reached.count >= 2, let base = reached.first, let baseSteps = base.steps.map(Double.init),
              let lastBatch = reached.last?.batchSize else { return nil }
        let targetText = analysis.targetText
        let perfect = "perfect scaling"
        let stepsPanel = Panel(title: "optimizer steps to \(targetText) test accuracy", series: [
            Series(label: perfect, colorIndex: 0,
                   points: [ChartPoint(x: Double(base.batchSize), y: baseSteps),
                            ChartPoint(x: Double(lastBatch), y: analysis.perfectScalingSteps(batchSize: lastBatch) ?? baseSteps)],
                   reference: true),
            Series(label: "measured", colorIndex: 0,
                   points: reached.compactMap { r in r.steps.map { ChartPoint(x: Double(r.batchSize), y: Double($0)) } },
                   marksPoints: true),
        ])
        let withExamples = reached.filter { ($0.examples ?? 0) > 0 }
        let baseExamples = base.examples.map(Double.init) ?? baseSteps * Double(base.batchSize)
        let examplesPanel = Panel(title: "training examples to \(targetText) test accuracy", series: [
            Series(label: perfect, colorIndex: 0,
                   points: [ChartPoint(x: Double(base.batchSize), y: baseExamples), ChartPoint(x: Double(lastBatch), y: baseExamples)],
                   reference: true),
            Series(label: "measured", colorIndex: 0,
                   points: withExamples.compactMap { r in r.examples.map { ChartPoint(x: Double(r.batchSize), y: Double($0)) } },
                   marksPoints: true),
        ])
        let missed = analysis.rows.filter { !$0.reached }.map(\.batchLabel)
        let missedClause = missed.isEmpty ? "" : Analysis.list(missed, separator: ", ") + " did not reach it"
        let steps = Axis(title: "steps", scale: .log)
        var chart = Chart(title: "Steps and examples to \(targetText) test accuracy vs. batch size",
                          subtitle: setup.clauses(including: ["log–log axes", "fewest over each batch size's points, in whole epochs",
                                                              analysis.targetFromSweep ? "" : "target chosen from the results",
                                                              "dashed: steps ∝ 1/batch from the smallest batch", missedClause]),
                          xAxis: Axis(title: "batch size (log scale)", scale: .log, format: .count),
                          yAxis: steps, panels: [stepsPanel, examplesPanel], columns: 1)
        chart.rowYAxes = [steps, Axis(title: "examples", scale: .log)]
        return Entry(name: "steps-to-target", figure: chart,
                     caption: "Optimizer steps and training examples each batch size needed to reach \(targetText) test accuracy; "
                         + "on the dashed line a doubled batch halves the steps (perfect scaling), above it larger batches waste examples.")
    }
}
