import Charts
import Results
import ScheduleCharts

/// The lines of a report's schedule chart, built from the runs' stored schedule samples.
enum ScheduleLines {
    /// One curve: the schedule as the trainer used it, x in epochs.
    struct Curve {
        var schedule: String
        var rate: Double
        var batches: [Int]
        var points: [ChartPoint]
        var stepped: Bool
        /// Phases and markers of the first run drawn, in updates; with the updates per epoch.
        var info: ScheduleInfo? = nil
        var stepsPerEpoch: Int = 1
    }

    /// Curves of the first repeat of each (schedule, rate, batch), merging batch sizes whose
    /// curves coincide in epochs.
    static func distinct(runs: [RunRecord], batchSizes: [Int], learningRates: [Double]) -> [Curve] {
        var curves: [Curve] = []
        for (schedule, rate, batch, run) in drawn(runs: runs, batchSizes: batchSizes, learningRates: learningRates) {
                    let perEpoch = Double(max(1, run.setup.stepsPerEpoch))
                    let points = run.setup.schedulePoints.map { ChartPoint(x: Double($0.step) / perEpoch, y: $0.learningRate) }
                    if let i = curves.firstIndex(where: { $0.schedule == schedule && $0.rate == rate && same($0.points, points) }) {
                        curves[i].batches.append(batch)
                    } else {
                        curves.append(Curve(schedule: schedule, rate: rate, batches: [batch], points: points, stepped: ScheduleShape.isStepped(points.map(\.y)),
                                            info: run.setup.scheduleInfo, stepsPerEpoch: max(1, run.setup.stepsPerEpoch)))
                    }
        }
        return curves
    }

    /// The run drawn for each (schedule, rate, batch) that has runs, in that order: the one with
    /// the lowest seed. Runs are looked up by key, so this is linear in the runs.
    static func drawn(runs: [RunRecord], batchSizes: [Int], learningRates: [Double])
        -> [(schedule: String, rate: Double, batch: Int, run: RunRecord)] {
        struct Key: Hashable { var schedule: String; var rate: Double; var batch: Int }
        var first: [Key: RunRecord] = [:]
        for run in runs {
            let key = Key(schedule: run.setup.schedule, rate: run.setup.learningRate, batch: run.setup.batchSize)
            if let kept = first[key], kept.setup.seed <= run.setup.seed { continue }
            first[key] = run
        }
        var result: [(schedule: String, rate: Double, batch: Int, run: RunRecord)] = []
        for schedule in Array(Set(runs.map(\.setup.schedule))).sorted() {
            for rate in learningRates {
                for batch in batchSizes {
                    if let run = first[Key(schedule: schedule, rate: rate, batch: batch)] { result.append((schedule, rate, batch, run)) }
                }
            }
        }
        return result
    }

    /// Labels say only what differs between the lines: the schedule, the rate, the batch size.
    static func series(_ curves: [Curve], names shortNames: [String: String], colorIndex: (Double) -> Int) -> [Series] {
        let manySchedules = Set(curves.map(\.schedule)).count > 1
        let manyRates = Set(curves.map(\.rate)).count > 1
        let splitBatches = curves.contains { $0.batches.count == 1 } && Set(curves.map(\.batches)).count > 1
        let byRate = !manySchedules && !splitBatches
        return curves.enumerated().map { i, curve in
            var parts: [String] = []
            if manySchedules { parts.append(shortNames[curve.schedule] ?? curve.schedule) }
            if manyRates || (!manySchedules && !splitBatches) { parts.append("lr " + ScheduleWords.rate(curve.rate, digits: 4)) }
            if splitBatches { parts.append("batch " + curve.batches.map(String.init).joined(separator: "/")) }
            return Series(label: curves.count == 1 ? "" : parts.joined(separator: ", "),
                          colorIndex: byRate ? colorIndex(curve.rate) : i, points: curve.points, stepped: curve.stepped)
        }
    }

    /// Schedule summaries shortened to the class names the runs record ("CosineDecay") when those
    /// are unique.
    static func names(_ runs: [RunRecord]) -> [String: String] {
        var short: [String: String] = [:]
        for run in runs { short[run.setup.schedule] = run.setup.scheduleName ?? run.setup.schedule }
        guard Set(short.values).count == short.count else { return [:] }
        return short
    }

    /// "schedule: StepLR(step_size=10, gamma=0.1)" for one schedule, "schedules: A, B, C" for several.
    static func subtitleClause(_ runs: [RunRecord]) -> String {
        let schedules = Set(runs.map(\.setup.schedule))
        if schedules.count == 1, let only = schedules.first { return "schedule: " + only }
        let short = names(runs)
        return "schedules: " + schedules.sorted().map { short[$0] ?? $0 }.joined(separator: ", ")
    }

    /// Same shape in epochs: at 64 evenly spaced epochs the lines (linearly interpolated) are
    /// within 1 % of the larger peak, which no chart can tell apart (step lines compared as steps).
    static func same(_ a: [ChartPoint], _ b: [ChartPoint]) -> Bool {
        guard let endA = a.last?.x, let endB = b.last?.x, abs(endA - endB) <= 1e-9 * max(1, endA) else { return a.isEmpty && b.isEmpty }
        let scale = (a + b).map { abs($0.y) }.filter(\.isFinite).max() ?? 0
        let steps = ScheduleShape.isStepped(a.map(\.y)) && ScheduleShape.isStepped(b.map(\.y))
        for k in 0...64 {
            let x = endA * Double(k) / 64
            let ya = value(a, at: x, stepped: steps), yb = value(b, at: x, stepped: steps)
            if ya.isFinite != yb.isFinite || abs(ya - yb) > 0.01 * scale { return false }
        }
        return true
    }

    /// The line through `points` at `x`: linearly interpolated, or held from the last point at
    /// or before `x` for a step line.
    static func value(_ points: [ChartPoint], at x: Double, stepped: Bool = false) -> Double {
        if stepped { return points.last { $0.x <= x + 1e-9 }?.y ?? points.first?.y ?? .nan }
        guard let i = points.firstIndex(where: { $0.x >= x }) else { return points.last?.y ?? .nan }
        guard i > 0, points[i].x > points[i - 1].x else { return points[i].y }
        let p = points[i - 1], q = points[i]
        return p.y + (q.y - p.y) * (x - p.x) / (q.x - p.x)
    }

    /// Warmup and hold shading with their end rules (from the phases the schedule reported, else
    /// inferred when the rate rises to its peak), the peak and the final rate, x in epochs.
    static func annotations(_ curve: Curve, log: Bool) -> [Annotation] {
        let finite = curve.points.filter { $0.y.isFinite }
        guard let first = finite.first, let last = finite.last,
              let peak = finite.max(by: { $0.y < $1.y }) else { return [] }
        guard finite.contains(where: { $0.y != first.y }) else { return [] }
        let marks = ScheduleMarks.epochs(stepsPerEpoch: curve.stepsPerEpoch)
        var result: [Annotation] = []
        let phases = (curve.info?.phases ?? []).filter { ($0.kind == .warmup || $0.kind == .hold) && $0.end >= $0.start }
            .filter { marks.x($0.end) <= last.x }
        if let info = curve.info, !phases.isEmpty || !info.phases.isEmpty {
            for phase in phases {
                let to = marks.x(phase.end)
                result.append(marks.phase(phase.kind, from: marks.x(phase.start), to: to))
                result.append(marks.rule(phase.kind == .warmup ? .warmupEnd : .holdEnd, at: to))
            }
        } else if peak.x > first.x, peak.y > first.y {
            result.append(marks.phase(.warmup, from: first.x, to: peak.x))
            result.append(marks.rule(.warmupEnd, at: peak.x))
        }
        return result + marks.keyPoints(peak: peak, final: last, log: log)
    }
}
