import Charts
import Formatting
import Foundation
import Insights
import Results

/// The charts of a sweep report, built as values from the runs (no drawing here), for whatever
/// keys the grid varies: lines compare the values of one key, panels and heatmap facets split
/// the others, and a value keeps its colour in every chart.
struct ReportCharts {
    /// One chart of the report: its file name, the figure drawn and its caption.
    struct Entry {
        /// File name without extension, e.g. "test-accuracy-by-batch".
        var name: String
        /// A line chart, small multiples or a heatmap.
        var figure: any Figure
        /// One sentence saying what the chart shows, for the page and for alt text.
        var caption: String
        /// Charts that show the same curves over different x-axes share a `group` (e.g.
        /// "train-loss"); `variant` names the x-axis ("epoch", "step", "examples", "seconds").
        /// The page shows a group as one figure with a CSS-only switch between its variants.
        var group: String? = nil
        var variant: String? = nil

        var title: String { figure.title }
    }

    /// One line of a chart: the repeats of one grid point, its label and colour.
    struct Member {
        var group: PointGroup
        var label: String
        var color: Int
    }

    let runs: [RunRecord]
    let setup: SetupText
    let rangeTests: [RangeTestRecord]
    let groups: [PointGroup]
    let axes: [GridAxis]
    /// The best points by the report's rule (`Analysis.bestPoints`).
    let best: [PointGroup]

    /// `groups`: the runs grouped by grid point, when the caller has them already.
    init(runs: [RunRecord], setup: SetupText, rangeTests: [RangeTestRecord] = [], groups: [PointGroup]? = nil) {
        self.runs = runs
        self.setup = setup
        self.rangeTests = rangeTests
        let groups = groups ?? PointGroup.group(runs)
        self.groups = groups
        axes = GridAxis.axes(of: groups)
        best = Analysis.bestPoints(groups)
    }

    /// Categorical keys with more values than the Okabe–Ito colours get panels rather than colours.
    static let maxCategoricalColors = Palette.series.count

    var batchAxis: GridAxis? { axes.first { $0.key == GridAxis.batchKey } }
    var rateAxis: GridAxis? { axes.first { $0.key == GridAxis.rateKey } }

    /// Keys whose values can be told apart by colour: ordered ones (viridis past 7 values) and
    /// categorical ones with at most 7 values.
    var colorableAxes: [GridAxis] { axes.filter { $0.isOrdered || $0.values.count <= Self.maxCategoricalColors } }

    /// The key whose values are the lines of the comparison charts: the batch size when the grid
    /// varies it, else the learning rate, else the first key that can take colours.
    var lineAxis: GridAxis? {
        let usable = colorableAxes
        return usable.first { $0.key == GridAxis.batchKey } ?? usable.first { $0.key == GridAxis.rateKey } ?? usable.first
    }

    /// Every chart that the runs support, in reading order: the lecture notes' figure first (it
    /// answers their question), the comparison charts (the training loss over four x-axes, one
    /// `train-loss` group, its default `examples` variant first), the heatmaps, small multiples and
    /// schedule, then the scaling charts: steps to target, noise scale, throughput and memory.
    func all() -> [Entry] {
        var entries: [Entry] = lectureFigures()
        if let axis = lineAxis {
            let members = commonMembers(along: axis)
            entries.append(testAccuracy(members, axis: axis))
            entries += trainingLoss(members, axis: axis)
        } else if let group = best.first ?? groups.first {
            let single = [Member(group: group, label: "", color: 0)]
            entries.append(testAccuracy(single, axis: nil))
            entries += trainingLoss(single, axis: nil)
        }
        if !axes.isEmpty { entries += heatmaps() }
        if axes.count >= 2, let multiples = smallMultiples() { entries.append(multiples) }
        entries.append(schedule())
        if !rangeTests.isEmpty {
            let title = Set(runs.map(\.sweep.title)).sorted().joined(separator: ", ")
            entries.append(Entry(name: "lr-find", figure: RangeTestReport.chart(rangeTests, title: title,
                                                                               gridBatchSizes: batchAxis?.values.compactMap { $0.number.flatMap { Int(exactly: $0) } } ?? []),
                                 caption: "The learning-rate range test (lrlab lr-find): loss while the rate rises exponentially; the dot is the rate where the loss falls fastest."))
        }
        entries += [stepsToTarget(), noiseScale(), throughput()].compactMap { $0 }
        return entries
    }

    /// The runs whose sampled schedule (`setup.schedulePoints`) the schedule chart draws.
    func scheduleRunIds() -> [String] {
        ScheduleLines.drawn(runs: runs, batchSizes: batchSizes, learningRates: learningRates).map(\.run.runId)
    }

    /// The runs whose per-step logs a chart draws: the first seed of each line of the
    /// training-loss chart (the same members as `all()` chooses).
    func stepRunIds() -> [String] {
        if let axis = lineAxis { return commonMembers(along: axis).compactMap { $0.group.runs.first?.runId } }
        return ((best.first ?? groups.first)?.runs.first).map { [$0.runId] } ?? []
    }

    /// "batch 64", "lr 0.1", "adam".
    static func label(_ value: GridValue) -> String { value.phrase }

    /// The values of `axis` with the other keys held fixed (as the lecture notes compare batch
    /// sizes at one learning rate): at the setting of the other keys, among those run with every
    /// value of `axis` (or the most of them), whose points have the highest mean selection
    /// accuracy (a diverged run counts as 0). Coloured by the value's rank.
    func commonMembers(along axis: GridAxis) -> [Member] {
        let candidates = PointGroup.contexts(groups, varying: [axis.key])
        let most = candidates.map(\.groups.count).max() ?? 0
        func score(_ members: [PointGroup]) -> Double {
            let values = members.flatMap(\.runs).map { $0.status == .diverged ? 0 : ($0.selectionAccuracy ?? 0) }
            return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        }
        // The first of equal scores wins, in grid order.
        var chosen: [PointGroup] = []
        var best = -Double.infinity
        for candidate in candidates where candidate.groups.count == most {
            let s = score(candidate.groups)
            if s > best { best = s; chosen = candidate.groups }
        }
        return axis.values.enumerated().compactMap { rank, value in
            chosen.first { $0.point.value(axis.key) == value }.map { Member(group: $0, label: Self.label(value), color: rank) }
        }
    }

    /// "learning rate 0.1" when the members share the other keys' values, "each at its best
    /// learning rate (64: 0.1; 256: 1)" when they do not; "" when no other key varies.
    func bestClause(_ members: [Member], axis: GridAxis) -> String {
        let others = axes.filter { $0.key != axis.key }
        guard !others.isEmpty else { return "" }
        let names = Analysis.list(others.map(\.title), separator: ", ")
        let parts = members.map { m -> String in
            let mine = m.group.point.value(axis.key)?.label ?? ""
            let rest = m.group.point.removing(axis.key).values.filter { v in others.contains { $0.key == v.key } }
            return "\(mine): " + rest.map(\.label).joined(separator: ", ")
        }
        let distinct = Set(members.map { $0.group.point.removing(axis.key) })
        if distinct.count == 1, let only = members.first {
            // "learning rate 0.1", "optimizer adam": the key in words, as subtitles name settings.
            return only.group.point.removing(axis.key).values.filter { v in others.contains { $0.key == v.key } }
                .map { "\($0.keyTitle) \($0.label)" }.joined(separator: ", ")
        }
        return "each at its best \(names) (" + parts.joined(separator: "; ") + ")"
    }

    /// "mean of 3 seeds, band: their range" when grid points were repeated.
    var repeatsClause: String {
        let most = groups.map(\.runs.count).max() ?? 1
        return most > 1 ? "mean of \(most) seeds, band: their range" : ""
    }

    /// Test accuracy per epoch of one grid point: the run's line, or with several seeds their
    /// mean with the min–max range as a band. The ✕ is drawn when every seed diverged.
    func accuracySeries(_ group: [RunRecord], label: String, color: Int, valueText: Bool) -> Series? {
        guard let first = group.first else { return nil }
        let allDiverged = group.allSatisfy { $0.status == .diverged }
        guard group.count > 1 else {
            return Series(label: label, colorIndex: color,
                          points: first.history.map { ChartPoint(x: Double($0.epoch), y: $0.testAccuracy) },
                          valueText: valueText && !allDiverged ? NumberText.percent(first.finalTestAccuracy) : nil,
                          endMark: divergenceMark(first) { $0.testAccuracy })
        }
        let summary = RepeatSummary(group) { $0.testAccuracy }
        return Series(label: label, colorIndex: color, points: summary.mean,
                      valueText: valueText && !allDiverged ? NumberText.percent(summary.mean.last?.y) : nil,
                      endMark: allDiverged ? divergenceMark(first) { $0.testAccuracy } : nil,
                      band: summary.range.map { BandPoint(x: $0.x, low: $0.low, high: $0.high) })
    }
}
