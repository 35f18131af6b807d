import Formatting
import Schedules
import Results

/// The traps `--explain` warns about, each a sentence with the file's own numbers.
enum ExplainWarnings {
    static func all(_ source: ScheduleSource, schedule: any Schedule) -> [String] {
        let runLength = numStepsWarnings(source, schedule)
        // A staircase that never drops during training is said so; "barely moves" would repeat it.
        let flat = source.numSteps.flatMap { beforeFirstDrop(source.spec, schedule.info, schedule, $0) }
        let slow = flat == nil ? slowDecay(source, schedule) : nil
        return [defaultWarmup(source.spec), emptyCosine(source.spec)].compactMap { $0 } + runLength + [slow].compactMap { $0 }
    }

    /// Warmup fields left out of a block whose defaults still warm up (cosine_decay_learning_rate:
    /// 10,000 steps from 0.0002).
    static func defaultWarmup(_ spec: ScheduleSpec) -> String? {
        let missing = spec.defaulted.filter { $0.hasPrefix("warmup_") }
        guard !missing.isEmpty, let steps = spec.params["warmup_steps"]?.intValue, steps > 0 else { return nil }
        let from = spec.params["warmup_learning_rate"]?.doubleValue.map { ScheduleWords.rate($0) } ?? "?"
        let which = missing.map { "'\($0)'" }.joined(separator: " and ")
        return "\(which) \(missing.count == 1 ? "is" : "are") not set, so the default applies: a \(NumberText.count(steps))-step warmup from \(from); write warmup_steps: 0 for none"
    }

    /// `total_steps` ≤ warmup + hold: the cosine part never runs (or divides by zero).
    static func emptyCosine(_ spec: ScheduleSpec) -> String? {
        guard let total = spec.params["total_steps"]?.intValue, let warmup = spec.params["warmup_steps"]?.intValue else { return nil }
        let hold = spec.params["hold_base_rate_steps"]?.intValue ?? 0
        guard total <= warmup + hold else { return nil }
        let what = hold > 0 ? "warmup_steps + hold_base_rate_steps (\(NumberText.count(warmup + hold)))" : "warmup_steps (\(NumberText.count(warmup)))"
        let effect = total == warmup + hold
            ? "the cosine divides by zero there (NaN at step \(NumberText.count(total)))"
            : "the cosine decay never runs: the rate goes from the warmup or hold straight to 0 after step \(NumberText.count(total))"
        return "total_steps (\(NumberText.count(total))) is not larger than \(what): \(effect)"
    }

    /// A decay so long that the rate barely moves within `num_steps` (less than 10 % below its peak).
    static func slowDecay(_ source: ScheduleSource, _ schedule: any Schedule) -> String? {
        guard let n = source.numSteps, n > 1 else { return nil }
        let decays = schedule.info.phases.contains { $0.kind == .decay || $0.kind == .anneal }
        guard decays || schedule.info.phases.isEmpty else { return nil }
        let (peakStep, peak) = schedule.peak(through: n)
        let last = schedule.learningRate(at: n - 1)
        guard peak > 0, peakStep < n - 1, last <= peak, last >= 0.9 * peak else { return nil }
        // Only a schedule that does decay later on counts (a constant rate is not a slow decay).
        let later = schedule.learningRate(at: max(n, schedule.info.defaultSteps - 1))
        guard later < 0.9 * peak else { return nil }
        let fall = NumberText.percent((peak - last) / peak)
        return "within num_steps (\(NumberText.count(n))) the rate only falls from \(ScheduleWords.rate(peak)) to \(ScheduleWords.rate(last, digits: 3)) (\(fall) lower): the decay is so long that it barely moves during training"
    }
}
