public import Charts
import Formatting
public import Schedules
import Results

/// Builds the chart of one schedule, or of several overlaid, per docs/charts.md, "Schedule charts".
public enum ScheduleChart {
    /// One schedule: phase shading for warmup and hold, dashed rules at warmup end, hold end,
    /// milestones, restarts and `total_steps` (inside the x range), the peak and the final rate
    /// as key points, y from 0 to 1.125 × the peak (or a log axis when the rate spans more than
    /// two decades), a step line for step decays.
    ///
    /// Without `steps` the x axis runs to the schedule's end or to the file's `num_steps`,
    /// whichever is later; the subtitle then names `num_steps`.
    public static func single(_ source: ScheduleSource, steps: [Int]? = nil) -> Chart {
        let schedule = source.spec.makeSchedule()
        let curve = ScheduleCurve(schedule, requested: steps, through: source.numSteps)
        let log = ScheduleShape.wantsLogAxis(curve.rates)
        var subtitle = ScheduleWords.origin(source.spec)
        let params = ScheduleWords.parameters(source.spec)
        if !params.isEmpty { subtitle += " · " + params }
        if steps == nil, let n = source.numSteps, n > curve.scheduleEnd { subtitle += " · num_steps\u{00A0}" + NumberText.count(n) }
        if let note = source.rescaleNote { subtitle += " · " + note }
        let series = Series(label: "", colorIndex: 0, points: points(curve, log: log),
                            stepped: curve.isStepped || ScheduleWords.isStaircase(source.spec))
        return Chart(title: ScheduleWords.title(source.spec, info: curve.info), subtitle: subtitle,
                     xAxis: xAxis(curve.steps.first ?? 0, curve.end), yAxis: ScheduleShape.rateAxis(peak: curve.peak.rate, log: log),
                     panels: [Panel(series: [series])],
                     annotations: annotations(curve, log: log))
    }

    /// Several schedules on one chart, one colour each in the order given, with an in-plot legend.
    public static func compare(_ sources: [ScheduleSource], steps: [Int]? = nil) -> Chart {
        let curves = sources.map { ScheduleCurve($0.spec.makeSchedule(), requested: steps, through: $0.numSteps) }
        let end = curves.map(\.end).max() ?? 0
        // Every curve runs to the common end so the lines can be compared side by side.
        let aligned = zip(sources, curves).map { source, curve in
            curve.end == end || steps != nil ? curve : ScheduleCurve(source.spec.makeSchedule(), through: end)
        }
        let log = ScheduleShape.wantsLogAxis(aligned.flatMap(\.rates))
        let series = zip(sources, aligned).enumerated().map { i, pair in
            Series(label: pair.0.label, colorIndex: i, points: points(pair.1, log: log),
                   stepped: pair.1.isStepped || ScheduleWords.isStaircase(pair.0.spec))
        }
        let peaks = aligned.map(\.peak.rate)
        let title = "\(sources.count) learning-rate schedules over \(NumberText.count(end)) steps"
        let subtitle = sources.map { "\($0.label): \(ScheduleWords.origin($0.spec))" }.joined(separator: " · ")
        return Chart(title: sources.count == 1 ? ScheduleWords.title(sources[0].spec, info: aligned[0].info) : title,
                     subtitle: subtitle, xAxis: xAxis(aligned.compactMap { $0.steps.first }.min() ?? 0, end),
                     yAxis: ScheduleShape.rateAxis(peak: peaks.max() ?? 0, log: log),
                     panels: [Panel(series: series)])
    }

    static func xAxis(_ start: Int, _ end: Int) -> Axis {
        Axis(title: "step", format: .count, domain: Double(start)...Double(max(end, start + 1)))
    }

    /// The curve as chart points; on a log axis, non-positive rates are left out.
    static func points(_ curve: ScheduleCurve, log: Bool) -> [ChartPoint] {
        zip(curve.steps, curve.rates).compactMap { s, r in
            log && !(r > 0) ? nil : ChartPoint(x: Double(s), y: r)
        }
    }

    /// Phases, rules and key points of one curve, x in steps.
    static func annotations(_ curve: ScheduleCurve, log: Bool) -> [Annotation] {
        let marks = ScheduleMarks.steps
        let lo = curve.steps.first ?? 0, hi = curve.end
        var result: [Annotation] = []
        for phase in curve.info.phases where phase.kind == .warmup || phase.kind == .hold {
            let from = max(phase.start, lo), to = min(phase.end, hi)
            if to > from { result.append(marks.phase(phase.kind, from: marks.x(from), to: marks.x(to))) }
        }
        let inside = curve.info.markers.filter { $0.step > lo && $0.step < hi }
        // Up to four markers carry a label; more would crowd the bottom of the plot.
        for (i, marker) in inside.enumerated() {
            result.append(marks.rule(marker.kind, at: marks.x(marker.step), labelled: inside.count <= 4 || i == 0))
        }
        let peak = curve.peak, final = curve.final
        return result + marks.keyPoints(peak: ChartPoint(x: marks.x(peak.step), y: peak.rate),
                                        final: ChartPoint(x: marks.x(final.step), y: final.rate), log: log)
    }
}
