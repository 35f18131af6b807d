public import Charts
import Formatting
public import Results

/// The marks a schedule chart puts on its line, in the chart's x unit: shaded warmup and hold
/// phases, dashed rules ("← warmup ends, step 2,500"), and key points for the peak and the final
/// rate ("0.08 at step 2,500"). `lrlab schedule` counts in steps; a report counts in epochs
/// (x = step / updates per epoch) and rounds rates to 4 significant digits.
public struct ScheduleMarks: Sendable {
    /// What x counts, as labels write it: "step", "epoch".
    public var unit: String
    /// Optimizer steps per unit of x (1 for a chart in steps).
    public var stepsPerUnit: Int
    /// Significant digits of rates in labels.
    public var rateDigits: Int

    /// Marks in `unit`s of `stepsPerUnit` optimizer steps (at least 1), rates to `rateDigits` significant digits.
    public init(unit: String, stepsPerUnit: Int, rateDigits: Int) {
        self.unit = unit
        self.stepsPerUnit = max(1, stepsPerUnit)
        self.rateDigits = rateDigits
    }

    /// x in optimizer steps, rates to 6 significant digits (`lrlab schedule`).
    public static let steps = ScheduleMarks(unit: "step", stepsPerUnit: 1, rateDigits: 6)

    /// x in epochs of `stepsPerEpoch` updates, rates to 4 significant digits (a report).
    public static func epochs(stepsPerEpoch: Int) -> ScheduleMarks {
        ScheduleMarks(unit: "epoch", stepsPerUnit: stepsPerEpoch, rateDigits: 4)
    }

    /// The x of optimizer step `step`: `step / stepsPerUnit`.
    public func x(_ step: Int) -> Double { Double(step) / Double(stepsPerUnit) }

    /// "step 2,500", "epoch 2", "epoch 1.96" (whole numbers with separators, else 2 decimals).
    public func position(_ x: Double) -> String {
        let whole = x.rounded() == x && abs(x) < 9e18
        return unit + " " + (whole ? NumberText.count(Int(x)) : formatFixed(x, decimals: 2))
    }

    /// A shaded phase over `from…to` (x), labelled with its kind ("warmup", "hold").
    public func phase(_ kind: ScheduleInfo.Phase.Kind, from: Double, to: Double) -> Annotation {
        .phase(from: from, to: to, label: kind.rawValue)
    }

    /// A dashed rule at `x`, labelled for what happens there unless `labelled` is false.
    public func rule(_ kind: ScheduleInfo.Marker.Kind, at x: Double, labelled: Bool = true) -> Annotation {
        .rule(x: x, label: labelled ? label(kind, at: x) : "")
    }

    /// "← warmup ends, step 2,500", "← step 30,000" (a milestone), "← restart, epoch 4".
    public func label(_ kind: ScheduleInfo.Marker.Kind, at x: Double) -> String {
        let at = position(x)
        switch kind {
        case .warmupEnd: return "← warmup ends, \(at)"
        case .holdEnd: return "← hold ends, \(at)"
        case .milestone: return "← \(at)"
        case .restart: return "← restart, \(at)"
        case .totalSteps: return "← total_steps, \(at)"
        case .cycleEnd: return "← cycle ends, \(at)"
        }
    }

    /// The peak and, when elsewhere and finite, the final rate as labelled key points; on a log
    /// axis only positive rates (a log axis cannot place the others).
    public func keyPoints(peak: ChartPoint, final: ChartPoint, log: Bool) -> [Annotation] {
        var result: [Annotation] = []
        if !log || peak.y > 0 { result.append(keyPoint(peak)) }
        if final.x != peak.x, final.y.isFinite, !log || final.y > 0 { result.append(keyPoint(final)) }
        return result
    }

    /// "0.08 at step 2,500".
    func keyPoint(_ point: ChartPoint) -> Annotation {
        .keyPoint(x: point.x, y: point.y, label: "\(ScheduleWords.rate(point.y, digits: rateDigits)) at \(position(point.x))")
    }
}
