import Formatting
import Insights
import Results

/// The report's line about failed runs (status `failed`): which, and why.
enum FailedRuns {
    /// One finding of kind `failed` naming every failed run and its reason; none when no run failed.
    static func findings(_ failed: [RunRecord]) -> [Finding] {
        guard !failed.isEmpty else { return [] }
        let count = failed.count == 1 ? "1 run failed" : "\(NumberText.count(failed.count)) runs failed"
        let list = failed.map { run -> String in
            let label = run.point.label.isEmpty ? run.runId : run.point.label
            let reason = run.failure ?? "unknown reason"
            return "\(label) (seed \(run.repeatIndex + 1)): \(reason.hasSuffix(".") ? String(reason.dropLast()) : reason)"
        }.joined(separator: "; ")
        let text = "\(count) and \(failed.count == 1 ? "is" : "are") left out of the findings and charts; "
            + "the next `lrlab run` trains \(failed.count == 1 ? "it" : "them") again. \(list)."
        return [Finding(kind: .failed, headline: "Failed runs", text: text, runs: failed.map(\.runId))]
    }
}
