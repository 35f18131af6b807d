public import Schedules
public import Results

/// A schedule evaluated for drawing: the steps sampled, their rates, and what a chart needs to
/// know about the shape (its end, its peak, whether it is a step function).
public struct ScheduleCurve: Sendable {
    /// Evaluated steps, ascending, unique.
    public var steps: [Int]
    /// The rate at each of `steps`.
    public var rates: [Double]
    /// The schedule's chart metadata.
    public var info: ScheduleInfo
    /// The last step drawn: the largest requested step, else the later of `scheduleEnd` and
    /// the `through` step asked for (a pipeline.config's `num_steps`).
    public var end: Int
    /// Where the schedule's own shape ends: its `total_steps` (or cycle end) when it has one,
    /// else the end of its default range.
    public var scheduleEnd: Int

    /// Most samples drawn for a long schedule (plus every phase boundary and marker).
    public static let sampleLimit = 2_000

    /// Samples `schedule` over 0…end (or over `requested` steps when given). Without requested
    /// steps the curve runs at least to `through`, and every drop of a step function drawn from
    /// samples is placed at its exact step.
    public init(_ schedule: any Schedule, requested: [Int]? = nil, through minimumEnd: Int? = nil) {
        info = schedule.info
        let own = info.markers.last(where: { $0.kind == .totalSteps })?.step ?? info.defaultSteps - 1
        scheduleEnd = max(own, 0)
        if let requested, let last = requested.max() {
            end = max(last, 0)
        } else {
            end = max(scheduleEnd, minimumEnd ?? 0)
        }
        let start = requested?.min() ?? 0
        steps = Self.sampleSteps(from: start, through: end, info: info, requested: requested)
        rates = schedule.learningRates(at: steps)
        if requested == nil { placeDrops(schedule) }
    }

    /// Most steps evaluated to place drops exactly (between samples around each change).
    static let dropSearchLimit = 200_000

    /// For a step function drawn from samples (fewer than 10 % of them change the rate), adds the
    /// last step before and the first step after each change, so the line drops where the rate does.
    mutating func placeDrops(_ schedule: any Schedule) {
        let gaps = steps.indices.dropLast().filter { rates[$0] != rates[$0 + 1] && steps[$0 + 1] - steps[$0] > 1 }
        guard !gaps.isEmpty, gaps.count * 10 < rates.count else { return }
        let inner = gaps.flatMap { (steps[$0] + 1)..<steps[$0 + 1] }
        guard inner.count <= Self.dropSearchLimit else { return }
        let innerRates = schedule.learningRates(at: inner)
        var added: [Int: Double] = [:]
        var k = 0
        for i in gaps {
            let lo = steps[i] + 1, hi = steps[i + 1]
            // The first step whose rate differs from the sample before the gap; all before it share that rate.
            var change = (step: hi, rate: rates[i + 1])
            for s in lo..<hi where innerRates[k + s - lo] != rates[i] {
                change = (s, innerRates[k + s - lo])
                break
            }
            k += hi - lo
            added[change.step - 1] = rates[i]
            added[change.step] = change.rate
        }
        guard !added.isEmpty else { return }
        for (s, r) in zip(steps, rates) { added[s] = r }
        let merged = added.sorted { $0.key < $1.key }
        steps = merged.map(\.key)
        rates = merged.map(\.value)
    }

    /// Every step of short ranges; otherwise `sampleLimit` even steps plus every phase boundary and
    /// marker (and the step before each, so drops are drawn where they happen).
    static func sampleSteps(from start: Int, through end: Int, info: ScheduleInfo, requested: [Int]?) -> [Int] {
        if let requested, requested.count <= 4 * sampleLimit { return Array(Set(requested)).sorted() }
        let span = end - start
        guard span > 0 else { return [start] }
        if span < 4 * sampleLimit { return Array(start...end) }
        var set = Set((0...sampleLimit).map { start + Int(Double(span) * Double($0) / Double(sampleLimit)) })
        var special = info.markers.map(\.step)
        for phase in info.phases { special += [phase.start, phase.end] }
        for s in special {
            for t in [s - 1, s, s + 1] where t >= start && t <= end { set.insert(t) }
        }
        return set.sorted()
    }

    /// The largest finite rate and its first step.
    public var peak: (step: Int, rate: Double) {
        var best = (step: steps.first ?? 0, rate: -Double.infinity)
        for (s, r) in zip(steps, rates) where r.isFinite && r > best.rate { best = (s, r) }
        return best.rate.isFinite ? best : (best.step, 0)
    }

    /// The rate at the last drawn step.
    public var final: (step: Int, rate: Double) { (steps.last ?? 0, rates.last ?? 0) }

    /// A step function (step decay, piecewise constant), as `ScheduleShape.isStepped` judges its rates.
    public var isStepped: Bool { ScheduleShape.isStepped(rates) }
}
