import Formatting
import Results

extension Analysis {
    /// What the range test suggested per batch size, next to the best rate the grid found there.
    static func rangeTest(_ records: [RangeTestRecord], groups: [PointGroup]) -> Finding? {
        var ids: [String] = []
        let parts = records.compactMap { record -> String? in
            guard let suggested = record.suggestedRate else { return nil }
            var text = "\(NumberText.learningRate(roundedToTwoDigits(suggested))) at batch \(record.batchSize)"
            let candidates = groups.filter { $0.runs.first?.setup.batchSize == record.batchSize && !$0.allDiverged }
            if let best = bestPoints(candidates).first, let rate = best.runs.first?.setup.learningRate {
                text += " (grid's best: \(NumberText.learningRate(rate)))"
                ids += best.runIds
            }
            return text
        }
        guard !parts.isEmpty else { return nil }
        return Finding(kind: .rangeTest, headline: "Range test",
                       text: "The learning-rate range test puts the steepest fall of the loss at " + parts.joined(separator: ", ")
                           + ". It is a quick first guess from a few hundred steps; the grid measures the whole run.",
                       runs: ids)
    }
}
