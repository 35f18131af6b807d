import Formatting
public import Schedules
import Results

/// `lrlab schedule --explain`: what a schedule does, phase by phase, in plain words and with
/// the file's own numbers; which fields took defaults; and warnings for common traps.
public struct ScheduleExplanation: Sendable {
    /// First line: where the schedule comes from and what builds it.
    public var headline: String
    /// "steps 0–2,500: linear warmup from 0.001 to 0.08", … , "after step 300,000: 0".
    public var phases: [String]
    /// "warmup_steps = 10,000 (proto default)", …
    public var defaults: [String]
    /// Each a sentence, without the "warning: " prefix.
    public var warnings: [String]

    public init(_ source: ScheduleSource) {
        let spec = source.spec
        let schedule = spec.makeSchedule()
        let info = schedule.info
        var head = "\(source.path): \(ScheduleWords.libraryName(spec.library)) \(spec.name)"
        if let function = ScheduleWords.builderFunction(spec) { head += ", built by learning_schedules.\(function)" }
        if let optimizer = source.optimizer {
            head += "; \(optimizer.kind.rawValue)" + (optimizer.momentum.map { " (momentum \(ScheduleWords.rate($0)))" } ?? "")
        }
        if spec.scalesOptimizerRate, spec.params["optimizer_lr"] == nil {
            head += "; rates shown for an optimizer learning rate of 1 (the scheduler multiplies it)"
        }
        if let note = source.rescaleNote { head += "; " + note }
        headline = head
        phases = Self.phaseLines(schedule, source: source, info: info)
        defaults = Self.defaultLines(source)
        warnings = ExplainWarnings.all(source, schedule: schedule)
    }

    /// The whole text, one item per line.
    public var text: String {
        var lines = [headline] + phases.map { "  " + $0 }
        if !defaults.isEmpty { lines.append("defaults: " + defaults.joined(separator: "; ")) }
        lines += warnings.map { "warning: " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Phase by phase over the schedule's default range, then (when the file's `num_steps` runs
    /// past it) what the rate does for the rest of training.
    static func phaseLines(_ schedule: any Schedule, source: ScheduleSource, info: ScheduleInfo) -> [String] {
        guard let lastPhase = info.phases.last else { return markerLines(schedule, source: source, info: info, from: 0) }
        var lines: [String] = []
        for (i, phase) in info.phases.enumerated() {
            let open = i == info.phases.count - 1 && phase.end >= info.defaultSteps - 1 && (phase.kind == .zero || phase.kind == .constant)
            if open {
                let after = i > 0 ? info.phases[i - 1].end : phase.start
                lines.append(source.trainsPast(after) ? tailLine(schedule, source: source, after: after)
                             : "after \(ScheduleWords.step(after)): \(ScheduleWords.rate(schedule.learningRate(at: phase.end)))")
                return lines
            }
            lines.append("steps \(range(phase.start, phase.end)): \(describe(phase, spec: source.spec))"
                         + decayNotes(schedule, phase: phase, spec: source.spec))
        }
        // Milestones after the phases (manual_stepping with warmup): one line per stretch.
        if info.markers.contains(where: { $0.step > lastPhase.end && ($0.kind == .milestone || $0.kind == .restart) }) {
            return lines + markerLines(schedule, source: source, info: info, from: lastPhase.end)
        }
        if source.trainsPast(lastPhase.end) { lines.append(tailLine(schedule, source: source, after: lastPhase.end)) }
        return lines
    }

    /// "linear warmup from 0.001 to 0.08", "cosine decay from 0.08 to 0", "hold at 0.08".
    static func describe(_ phase: ScheduleInfo.Phase, spec: ScheduleSpec) -> String {
        let a = ScheduleWords.rate(phase.startRate), b = ScheduleWords.rate(phase.endRate)
        switch phase.kind {
        case .warmup:
            let curve = spec.params["anneal_strategy"]?.stringValue == "cos" ? "cosine" : "linear"
            return phase.endRate >= phase.startRate ? "\(curve) warmup from \(a) to \(b)" : "\(curve) ramp from \(a) down to \(b)"
        case .hold, .constant, .zero: return a == b ? "constant at \(a)" : "from \(a) to \(b)"
        case .decay, .anneal:
            let shape = ScheduleWords.shape(spec).map { $0 + " " } ?? ""
            return "\(shape)\(phase.kind == .anneal ? "annealing" : "decay") from \(a) to \(b)"
        case .cycle: return "cycle between \(a) and \(b)"
        }
    }

    /// Without phases (step decays, restarts, cycles), or after them: one line per stretch between
    /// markers from `start`, "constant at r" when the rate does not change inside it. The last
    /// stretch runs to the end of the default range, or to `num_steps` when that is later.
    static func markerLines(_ schedule: any Schedule, source: ScheduleSource, info: ScheduleInfo, from start: Int) -> [String] {
        let end = max(info.defaultSteps - 1, source.lastTrainingStep ?? 0)
        let cuts = Array(Set([start] + info.markers.map(\.step).filter { $0 > start && $0 <= end })).sorted()
        var lines: [String] = []
        for (i, first) in cuts.enumerated() {
            let isLast = i + 1 == cuts.count
            let last = isLast ? end : cuts[i + 1] - 1
            let probe = Array(Set([first, first + (last - first) / 2, last])).sorted()
            let rates = schedule.learningRates(at: probe)
            let a = ScheduleWords.rate(rates.first ?? .nan), b = ScheduleWords.rate(rates.last ?? .nan)
            let body = Set(rates).count == 1 ? "constant at \(a)" : "from \(a) to \(b)"
            if !isLast {
                lines.append("steps \(range(first, last)): \(body)")
            } else if let n = source.numSteps, source.trainsPast(first), n - 1 >= info.defaultSteps - 1 {
                lines.append("from \(ScheduleWords.step(first)) to num_steps (\(NumberText.count(n))): \(body)")
            } else {
                lines.append("from \(ScheduleWords.step(first)) on: \(body)…")
            }
            if lines.count == 12 && !isLast { lines.append("… (\(cuts.count - 12) more)"); break }
        }
        return lines
    }

    static func range(_ a: Int, _ b: Int) -> String { "\(NumberText.count(a))–\(NumberText.count(b))" }

    static func defaultLines(_ source: ScheduleSource) -> [String] {
        let spec = source.spec
        let origin = spec.library == "tf-od-api" ? "proto default" : "\(ScheduleWords.libraryName(spec.library)) default"
        var lines = spec.defaulted.compactMap { name -> String? in
            guard let value = spec.params[name] else { return nil }
            return "\(name) = \(ScheduleWords.text(value, role: ScheduleSpec.role(of: name))) (\(origin))"
        }
        let known: [String: String] = ["train_config.num_steps": "0, no limit", "train_config.batch_size": "32",
                                        "optimizer.use_moving_average": "true"]
        for field in source.defaultedFields {
            let value = known[field] ?? (field.hasSuffix("momentum_optimizer_value") || field.hasSuffix(".decay") ? "0.9"
                                         : field.hasSuffix("epsilon") ? (field.contains("adam") ? "1e-8" : "1") : nil)
            lines.append(field + (value.map { " = \($0)" } ?? "") + " (proto default)")
        }
        return lines
    }
}
