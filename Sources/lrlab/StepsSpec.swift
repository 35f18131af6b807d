import Foundation
import Diagnostics
import ScheduleCharts

/// The `--steps` option of `lrlab schedule`: which 0-based optimizer steps to evaluate.
///
/// A list `0,10,2500` (kept in the given order) or a range `START:STOP[:STEP]` with STOP
/// exclusive, as Python's `range`. Steps are integers from 0 to 4,294,967,295; a list has at
/// most `limit` of them, a range any number (it is evaluated and written a piece at a time).
enum StepsSpec: Sendable, Equatable {
    case list([Int])
    case range(start: Int, stop: Int, step: Int)

    /// The most steps a list may hold.
    static let limit = 10_000_000

    /// Parses the option text; errors say what is wrong, prefixed with `--steps`.
    static func parse(_ text: String) throws(InputError) -> StepsSpec {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw InputError("--steps is empty; give a list like 0,10,2500 or a range like 0:1000:10") }
        if trimmed.contains(":") {
            let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 || parts.count == 3 else {
                throw InputError("--steps: a range is START:STOP or START:STOP:STEP, got '\(text)'")
            }
            let start = try number(parts[0], what: "START", in: text)
            let stop = try number(parts[1], what: "STOP", in: text)
            let step = parts.count == 3 ? try number(parts[2], what: "STEP", in: text) : 1
            guard step > 0 else { throw InputError("--steps: STEP must be at least 1, got \(step)") }
            guard stop > start else {
                throw InputError("--steps: STOP (\(stop)) must be larger than START (\(start)); STOP is exclusive")
            }
            return .range(start: start, stop: stop, step: step)
        }
        let items = trimmed.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard items.count <= limit else { throw InputError("--steps: more than \(limit) steps") }
        var steps: [Int] = []
        for item in items { steps.append(try number(item, what: "a step", in: text)) }
        return .list(steps)
    }

    /// The steps, in order, a piece at a time.
    var chunks: StepChunks {
        switch self {
        case .list(let steps): return StepChunks(steps)
        case let .range(start, stop, step): return StepChunks(start: start, stop: stop, by: step)
        }
    }

    /// How many steps.
    var count: Int {
        switch self {
        case .list(let steps): return steps.count
        case let .range(start, stop, step): return (stop - start + step - 1) / step
        }
    }

    /// The steps a chart is given: all of a list or of a short range; of a range too long to
    /// draw step by step, 1 + 4 × `ScheduleCurve.sampleLimit` of them evenly spaced from its
    /// first to its last step (a chart samples such a range between those two anyway).
    var chartSteps: [Int] {
        switch self {
        case .list(let steps): return steps
        case let .range(start, stop, step):
            let n = count, most = 4 * ScheduleCurve.sampleLimit
            if n <= most + 1 { return Array(stride(from: start, to: stop, by: step)) }
            return (0...most).map { start + step * Int(Double(n - 1) * Double($0) / Double(most)) }
        }
    }

    private static func number(_ raw: String, what: String, in text: String) throws(InputError) -> Int {
        let s = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        guard !s.isEmpty else { throw InputError("--steps: \(what) is missing in '\(text)'") }
        guard let value = Int(s) else { throw InputError("--steps: '\(raw)' is not a whole number") }
        guard value >= 0 else { throw InputError("--steps: steps start at 0, got \(value)") }
        guard value <= 4_294_967_295 else { throw InputError("--steps: \(value) is beyond the largest step lrlab evaluates (4,294,967,295)") }
        return value
    }
}
