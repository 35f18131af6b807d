import Formatting
import Schedules

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
        phases = Self.phaseLines(schedule, spec: spec, info: info)
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

    static func phaseLines(_ schedule: any Schedule, spec: ScheduleSpec, info: ScheduleInfo) -> [String] {
        if !info.phases.isEmpty {
            var lines: [String] = []
            for (i, phase) in info.phases.enumerated() {
                let open = i == info.phases.count - 1 && phase.end >= info.defaultSteps - 1 && (phase.kind == .zero || phase.kind == .constant)
                if open {
                    let after = i > 0 ? info.phases[i - 1].end : phase.start
                    lines.append("after \(ScheduleWords.step(after)): \(ScheduleWords.rate(schedule.learningRate(at: phase.end)))")
                } else {
                    lines.append("steps \(range(phase.start, phase.end)): \(describe(phase, spec: spec))")
                }
            }
            return lines
        }
        return markerLines(schedule, info: info)
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

    /// Without phases (step decays, restarts, cycles): one line per stretch between markers,
    /// "constant at r" when the rate does not change inside it.
    static func markerLines(_ schedule: any Schedule, info: ScheduleInfo) -> [String] {
        let cuts = Array(Set([0] + info.markers.map(\.step).filter { $0 > 0 && $0 < info.defaultSteps })).sorted()
        var lines: [String] = []
        for (i, start) in cuts.enumerated() {
            let last = i + 1 < cuts.count ? cuts[i + 1] - 1 : info.defaultSteps - 1
            let probe = Array(Set([start, start + (last - start) / 2, last])).sorted()
            let rates = schedule.learningRates(at: probe)
            let a = ScheduleWords.rate(rates.first ?? .nan), b = ScheduleWords.rate(rates.last ?? .nan)
            let body = Set(rates).count == 1 ? "constant at \(a)" : "from \(a) to \(b)"
            let isLast = i + 1 == cuts.count
            lines.append(isLast ? "from \(ScheduleWords.step(start)) on: \(body)…" : "steps \(range(start, last)): \(body)")
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
