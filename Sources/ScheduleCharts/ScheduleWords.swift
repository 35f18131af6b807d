import Foundation
import Formatting
public import Schedules
public import Results

/// How schedules, rates and steps are written in charts and explanations.
public enum ScheduleWords {
    /// A rate as users write it, rounded to `digits` significant digits (6 by default, so that
    /// float32 noise never shows): 0.08 (not 0.07999999821), 0.001, 2e-4, 0.
    public static func rate(_ value: Double, digits: Int = 6) -> String {
        guard value.isFinite, value != 0 else { return value == 0 ? "0" : NumberText.learningRate(value) }
        // Rounded to `digits` significant digits through text: 10^(digits − 1 − k) overflows for
        // subnormal rates (4.9e-324 × 10³²⁹ is ∞, and ∞ / ∞ NaN).
        let rounded = Double(String(format: "%.\(min(max(digits, 1), 17) - 1)e", value)) ?? value
        return NumberText.learningRate(rounded)
    }

    /// "step 2,500".
    public static func step(_ step: Int) -> String { "step " + NumberText.count(step) }

    /// "TF Object Detection API", "Keras", "PyTorch".
    public static func libraryName(_ library: String) -> String {
        switch library {
        case "keras": return "Keras"
        case "pytorch": return "PyTorch"
        case "tf-od-api": return "TF Object Detection API"
        default: return library
        }
    }

    /// The `learning_schedules.py` function a TF OD API proto message is built with.
    public static func builderFunction(_ spec: ScheduleSpec) -> String? {
        guard spec.library == "tf-od-api" else { return nil }
        switch spec.name {
        case "cosine_decay_learning_rate": return "cosine_decay_with_warmup"
        case "exponential_decay_learning_rate": return "exponential_decay_with_burnin"
        case "manual_step_learning_rate": return "manual_stepping"
        default: return nil
        }
    }

    /// "TF Object Detection API cosine_decay_with_warmup", "Keras CosineDecay".
    public static func origin(_ spec: ScheduleSpec) -> String {
        libraryName(spec.library) + " " + (builderFunction(spec) ?? spec.name)
    }

    /// Whether the schedule decays in a staircase (`staircase: true`, the TF OD API proto default):
    /// the rate drops once every decay period instead of smoothly.
    public static func isStaircase(_ spec: ScheduleSpec) -> Bool { spec.params["staircase"]?.boolValue == true }

    /// The kind of curve, in words: "cosine", "exponential", "polynomial", "linear".
    static func shape(_ spec: ScheduleSpec) -> String? {
        let n = spec.name.lowercased()
        if n.contains("cosine") { return "cosine" }
        if n.contains("exponential") { return "exponential" }
        if n.contains("polynomial") { return "polynomial" }
        if n.contains("inversetime") { return "inverse-time" }
        if n.contains("linear") { return "linear" }
        return nil
    }

    /// A sentence-case chart title: "Cosine decay with linear warmup", "StepLR (PyTorch)".
    public static func title(_ spec: ScheduleSpec, info: ScheduleInfo) -> String {
        let warm = info.phases.contains { $0.kind == .warmup }
        let hold = info.phases.contains { $0.kind == .hold }
        guard let shape = shape(spec), spec.name != "LinearLR" else {
            return "Learning rate by step: \(spec.name)"
        }
        let decay = spec.name.contains("Annealing") ? "annealing" : "decay"
        var text = shape.prefix(1).uppercased() + shape.dropFirst() + " " + decay
        if spec.name.contains("Restarts") { text += " with warm restarts" }
        if warm { text += hold ? " with linear warmup and a hold" : " with linear warmup" }
        return text
    }

    /// Parameters for a subtitle, no-break space between name and value: those written in the
    /// file, plus defaulted rates and step counts that are not zero (a default warmup shows).
    public static func parameters(_ spec: ScheduleSpec) -> String {
        var parts: [String] = []
        // The total comes last, as one reads a schedule: start, warmup, then how long it runs.
        let names = spec.parameterNames.filter { $0 != "total_steps" } + spec.parameterNames.filter { $0 == "total_steps" }
        for name in names {
            guard let value = spec.params[name] else { continue }
            if spec.defaulted.contains(name) {
                guard ScheduleSpec.role(of: name) != .other, let x = value.doubleValue, x != 0 else { continue }
            }
            parts.append(name + "\u{00A0}" + text(value, role: ScheduleSpec.role(of: name)))
        }
        return parts.joined(separator: ", ")
    }

    /// A parameter value: rates as rates, step counts with separators, lists in brackets.
    public static func text(_ value: ScheduleValue, role: ScheduleSpec.ParameterRole) -> String {
        switch value {
        case .number(let x): return role == .steps && x.rounded() == x && abs(x) < 9e18 ? NumberText.count(Int(x)) : rate(x)
        case .integer(let i): return role == .steps ? NumberText.count(i) : String(i)
        case .list(let items): return "[" + items.map { text($0, role: role) }.joined(separator: ", ") + "]"
        case .mapping(let m):
            if let s = m["step"]?.intValue, let r = m["learning_rate"]?.doubleValue { return "\(rate(r)) from step \(NumberText.count(s))" }
            return value.text
        default: return value.text
        }
    }
}
