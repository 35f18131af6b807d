import Formatting
import Schedules
import Results

/// What `--explain` adds to decay phases (a staircase, a `min_learning_rate` floor) and what it
/// says about the steps training runs after the schedule's own range (`num_steps`).
extension ScheduleExplanation {
    /// "after step 8,000, to num_steps (60,000): goes from 0.0024 down to 8.99e-5", computed
    /// from the schedule over the steps training runs after `after`.
    static func tailLine(_ schedule: any Schedule, source: ScheduleSource, after: Int) -> String {
        let last = source.lastTrainingStep ?? after
        let stretch = ScheduleStretch(schedule, from: after + 1, through: last)
        let n = source.numSteps.map { NumberText.count($0) } ?? "?"
        var text = "after \(ScheduleWords.step(after)), to num_steps (\(n)): \(stretch.text)"
        if !stretch.isConstant, !stretch.persists, ScheduleWords.isStaircase(source.spec), let period = decayPeriod(source.spec) {
            text += ", still dropping once every \(ScheduleWords.text(.number(period), role: .steps)) steps"
        }
        return text
    }

    /// For a decay phase: the staircase (the rate drops once per decay period) and the step where
    /// a `min_learning_rate` floor is reached, each after "; ".
    static func decayNotes(_ schedule: any Schedule, phase: ScheduleInfo.Phase, spec: ScheduleSpec) -> String {
        guard phase.kind == .decay else { return "" }
        var notes: [String] = []
        if let stairs = staircaseNote(spec, from: phase.start) { notes.append(stairs) }
        if let floor = spec.params["min_learning_rate"]?.doubleValue, floor > 0 {
            let stretch = ScheduleStretch(schedule, from: phase.start, through: phase.end)
            if stretch.settle > phase.start && stretch.settle < phase.end {
                notes.append("it reaches the floor min_learning_rate \(ScheduleWords.rate(stretch.endRate)) at \(ScheduleWords.step(stretch.settle))")
            }
        }
        return notes.map { "; " + $0 }.joined()
    }

    /// Steps per decay period (`decay_steps`, `learning_rate_decay_steps`), when positive.
    static func decayPeriod(_ spec: ScheduleSpec) -> Double? {
        guard let d = (spec.params["decay_steps"] ?? spec.params["learning_rate_decay_steps"])?.doubleValue, d > 0 else { return nil }
        return d
    }

    /// "a staircase: the rate drops ×0.95 once every 800 steps (first at step 800), not smoothly".
    static func staircaseNote(_ spec: ScheduleSpec, from start: Int) -> String? {
        guard ScheduleWords.isStaircase(spec), let period = decayPeriod(spec) else { return nil }
        let factor = (spec.params["decay_factor"] ?? spec.params["learning_rate_decay_factor"] ?? spec.params["decay_rate"])?.doubleValue
        let by = ScheduleWords.shape(spec) == "exponential" ? factor.map { " ×" + ScheduleWords.rate($0) } ?? "" : ""
        let first = Double(start) + period.rounded(.up)
        let firstText = first < 4_294_967_296 ? " (first at \(ScheduleWords.step(Int(first))))" : ""
        let every = ScheduleWords.text(.number(period), role: .steps)
        return "a staircase: the rate drops\(by) once every \(every) steps\(firstText), not smoothly"
    }
}
