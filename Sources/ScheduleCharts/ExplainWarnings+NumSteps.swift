import Formatting
import Schedules
import Results

/// `--explain` warnings that compare `num_steps` (how long training runs) with the schedule's
/// own length, each with the numbers computed from the schedule.
extension ExplainWarnings {
    /// Every such warning, in order: training ends in the warmup, before the schedule's end or
    /// its first staircase drop, or runs past its end or into a `min_learning_rate` floor.
    static func numStepsWarnings(_ source: ScheduleSource, _ schedule: any Schedule) -> [String] {
        guard let n = source.numSteps else { return [] }
        let info = schedule.info
        if let warmup = inWarmup(source.spec, info, schedule, n) { return [warmup] }
        var result: [String] = []
        if let end = ownEnd(source.spec, info) {
            result += [shortRun(n, end, schedule), longRun(n, end, schedule)].compactMap { $0 }
        }
        result += [beforeFirstDrop(source.spec, info, schedule, n), floorReached(source.spec, info, schedule, n)].compactMap { $0 }
        return result
    }

    /// Where the schedule's own course ends and what the config calls that step: `total_steps`
    /// (the rate is 0 from there on for the TF OD API cosine), or the last `schedule` step of a
    /// TF OD API manual step schedule (its last rate starts there).
    static func ownEnd(_ spec: ScheduleSpec, _ info: ScheduleInfo) -> (step: Int, name: String, inclusive: Bool)? {
        if let total = info.markers.last(where: { $0.kind == .totalSteps })?.step {
            return (total, spec.params["total_steps"] != nil ? "total_steps" : "the schedule's end", false)
        }
        if spec.library == "tf-od-api", spec.name.hasPrefix("manual_step"),
           let last = info.markers.last(where: { $0.kind == .milestone })?.step {
            return (last, spec.name == "manual_stepping" ? "the last boundary" : "the last schedule step", true)
        }
        return nil
    }

    /// Training stops before the schedule's end (before `total_steps`; for manual steps, before
    /// the last rate is used).
    static func shortRun(_ n: Int, _ end: (step: Int, name: String, inclusive: Bool), _ schedule: any Schedule) -> String? {
        guard end.inclusive ? n <= end.step : n < end.step else { return nil }
        let last = schedule.learningRate(at: max(0, n - 1))
        let base = schedule.peak().learningRate
        let share = base > 0 ? " (\(NumberText.percent(last / base)) of the peak \(ScheduleWords.rate(base)))" : ""
        let verb = end.inclusive ? "does not reach" : "is smaller than"
        return "num_steps (\(NumberText.count(n))) \(verb) \(end.name) (\(NumberText.count(end.step))): training stops at a rate of \(ScheduleWords.rate(last, digits: 3))\(share), before the schedule ends"
    }

    /// Training runs past the schedule's end: what the rate does for those steps, computed.
    static func longRun(_ n: Int, _ end: (step: Int, name: String, inclusive: Bool), _ schedule: any Schedule) -> String? {
        guard n - 1 > end.step else { return nil }
        let tail = ScheduleStretch(schedule, from: end.step, through: n - 1)
        let head = "num_steps (\(NumberText.count(n))) runs past \(end.name) (\(NumberText.count(end.step)))"
        guard tail.isConstant || tail.persists else {
            return head + ": after it the rate \(tail.text), up to \(ScheduleWords.step(n - 1))"
        }
        let steps = n - tail.settle
        let share = NumberText.percent(Double(steps) / Double(n))
        let effect = tail.endRate == 0 ? "train at a rate of 0 (the weights no longer change)"
            : "stay at \(ScheduleWords.rate(tail.endRate))"
        return head + ": from \(ScheduleWords.step(tail.settle)) on, the last \(NumberText.count(steps)) training steps (\(share)) \(effect)"
    }

    /// Training ends before the warmup (or TF OD API burn-in) does.
    static func inWarmup(_ spec: ScheduleSpec, _ info: ScheduleInfo, _ schedule: any Schedule, _ n: Int) -> String? {
        guard let warmup = info.markers.first(where: { $0.kind == .warmupEnd })?.step, n <= warmup else { return nil }
        let name = spec.params["burnin_steps"] != nil ? "burnin_steps" : spec.params["warmup_steps"] != nil ? "warmup_steps" : "the warmup"
        let phase = name == "burnin_steps" ? "burn-in" : "warmup"
        let last = ScheduleWords.rate(schedule.learningRate(at: max(0, n - 1)), digits: 3)
        return "num_steps (\(NumberText.count(n))) is not larger than \(name) (\(NumberText.count(warmup))): training ends during the \(phase), at a rate of \(last)"
    }

    /// A staircase decay whose first drop comes after training ends: the rate never changes.
    static func beforeFirstDrop(_ spec: ScheduleSpec, _ info: ScheduleInfo, _ schedule: any Schedule, _ n: Int) -> String? {
        guard ScheduleWords.isStaircase(spec), let period = ScheduleExplanation.decayPeriod(spec),
              let decay = info.phases.first(where: { $0.kind == .decay }) else { return nil }
        let drop = Double(decay.start) + period.rounded(.up)
        guard Double(n) <= drop else { return nil }
        let name = spec.params["decay_steps"] != nil ? "decay_steps" : "learning_rate_decay_steps"
        let rate = ScheduleWords.rate(schedule.learningRate(at: max(0, n - 1)), digits: 3)
        let every = ScheduleWords.text(.number(period), role: .steps)
        return "num_steps (\(NumberText.count(n))) ends before the first drop of the staircase (\(name) \(every), first drop at \(ScheduleWords.step(Int(min(drop, 4e18))))): the rate stays at \(rate) for all of training"
    }

    /// The decay reaches `min_learning_rate` before training ends.
    static func floorReached(_ spec: ScheduleSpec, _ info: ScheduleInfo, _ schedule: any Schedule, _ n: Int) -> String? {
        guard let floor = spec.params["min_learning_rate"]?.doubleValue, floor > 0,
              let decay = info.phases.first(where: { $0.kind == .decay }), n - 1 > decay.start else { return nil }
        let stretch = ScheduleStretch(schedule, from: decay.start, through: n - 1)
        guard stretch.persists, stretch.settle > decay.start, stretch.settle < n - 1,
              stretch.endRate == Double(Float(floor)) else { return nil }
        let steps = n - stretch.settle
        return "the rate reaches min_learning_rate (\(ScheduleWords.rate(stretch.endRate))) at \(ScheduleWords.step(stretch.settle)): the last \(NumberText.count(steps)) training steps (\(NumberText.percent(Double(steps) / Double(n)))) stay at that floor"
    }
}
