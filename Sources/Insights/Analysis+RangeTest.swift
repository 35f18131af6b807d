import Formatting
import Foundation
import Results

extension Analysis {
    /// What the range test suggested per batch size (and where the loss blew up), compared with the best rate the
    /// grid measured at that batch size when both exist: "the range test suggested 0.3 at batch 64 (the loss blew
    /// up at 3.1); the grid's best rate there was 0.1 — a factor 3 lower", and whether that best rate lies inside
    /// the test's safe starting range.
    static func rangeTest(_ records: [RangeTestRecord], groups: [PointGroup]) -> Finding? {
        var ids: [String] = []
        let parts = records.compactMap { record -> String? in
            guard let suggested = record.suggestedRate, suggested > 0, suggested.isFinite else { return nil }
            var text = "the range test suggested \(rateText(suggested)) at batch \(record.batchSize)"
            if let blowUp = record.blowUpRate, blowUp > 0, blowUp.isFinite { text += " (the loss blew up at \(rateText(blowUp)))" }
            let candidates = groups.filter { $0.runs.first?.setup.batchSize == record.batchSize && !$0.allDiverged }
            guard let best = bestPoints(candidates).first, let rate = best.runs.first?.setup.learningRate,
                  rate > 0, rate.isFinite else {
                return text
            }
            ids += best.runIds
            text += "; the grid's best rate there was \(NumberText.learningRate(rate))"
            let factor = max(suggested, rate) / min(suggested, rate)
            if factor < 1.25 {
                text += " — about the same"
            } else {
                text += " — a factor \(factorText(factor)) \(rate < suggested ? "lower" : "higher")"
            }
            if let safe = record.safeRange {
                let range = "\(rateText(safe.lowerBound))–\(rateText(safe.upperBound))"
                if rate < safe.lowerBound {
                    text += ", below the test's safe start \(range)"
                } else if rate > safe.upperBound {
                    text += ", above the test's safe start \(range)"
                } else {
                    text += ", within the test's safe start \(range)"
                }
            }
            return text
        }
        guard !parts.isEmpty else { return nil }
        let sentences = parts.map { $0.prefix(1).uppercased() + $0.dropFirst() + "." }
        return Finding(kind: .rangeTest, headline: "Range test",
                       text: sentences.joined(separator: " ")
                           + " The range test is a quick first guess from a few hundred steps (the steepest fall of the smoothed loss); the grid measures whole runs.",
                       runs: ids)
    }

    /// A rate with two significant digits (0.42, 3.1, 4.2e-5).
    private static func rateText(_ rate: Double) -> String {
        NumberText.suggestedRate(rate)
    }

    /// A ratio ≥ 1 with two significant digits, whole numbers without decimals: 3, 1.5, 12, 120, 1,000,000.
    private static func factorText(_ factor: Double) -> String {
        let rounded = Double(String(format: "%.2g", factor)) ?? factor
        if rounded < 10, rounded != rounded.rounded() { return formatFixed(rounded, decimals: 1) }
        guard let whole = Int(exactly: rounded.rounded()) else { return NumberText.learningRate(rounded) }
        return NumberText.count(whole)
    }
}
