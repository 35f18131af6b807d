import Charts
import Formatting
import Results
import ScheduleCharts

extension ReportCharts {
    var batchSizes: [Int] { Array(Set(runs.map(\.setup.batchSize))).sorted() }
    var learningRates: [Double] { Array(Set(runs.map(\.setup.learningRate))).sorted() }

    /// The learning rate over training, in epochs so batch sizes line up: one line per distinct
    /// curve (schedule × learning rate × batch size; batch sizes whose curves coincide in epochs,
    /// as with a constant rate or `budget: epochs`, share one line). A single curve gets its
    /// warmup shaded and marked, and its peak and final rate labelled.
    func schedule() -> Entry {
        let curves = ScheduleLines.distinct(runs: runs, batchSizes: batchSizes, learningRates: learningRates)
        let rates = learningRates
        let series = ScheduleLines.series(curves, names: ScheduleLines.names(runs), colorIndex: { rates.firstIndex(of: $0) ?? 0 })
        let drawn = curves.flatMap(\.points).map(\.y)
        let log = ScheduleShape.wantsLogAxis(drawn)
        let yAxis = ScheduleShape.rateAxis(peak: drawn.filter(\.isFinite).max() ?? 0, log: log)
        let schedules = Set(runs.map(\.setup.schedule))
        let title = schedules == ["constant"] ? "Learning rate over training: constant rates" : "Learning-rate schedule over training"
        let annotations = curves.count == 1 ? ScheduleLines.annotations(curves[0], log: log) : []
        var chart = Chart(title: title,
                          subtitle: setup.clauses(including: [setup.epochsClause, ScheduleLines.subtitleClause(runs)]),
                          xAxis: Axis(title: "epoch", domain: 0...Double(max(setup.epochs, 1))),
                          yAxis: yAxis, panels: [Panel(series: series)], annotations: annotations)
        chart.colorCount = max(rates.count, series.count)
        return Entry(name: "lr-schedule", figure: chart,
                     caption: "The learning rate the trainer used at each step, in epochs"
                         + (curves.count > 1 ? "; one line per distinct schedule, learning rate and batch size." : "."))
    }
}
