import Formatting
import Foundation
import Results

/// Findings over a sweep's runs: what a reader should take away, computed from the numbers.
public enum Analysis {
    public static func findings(_ runs: [RunRecord], rangeTests: [RangeTestRecord] = []) -> [Finding] {
        let cells = Cell.group(runs)
        guard !cells.isEmpty else { return [] }
        return [best(cells), bestRatePerBatch(cells), rangeTest(rangeTests, cells: cells), divergence(cells), updates(cells),
                target(cells, runs: runs), instability(cells), degradation(cells), gap(cells)].compactMap { $0 }
    }

    /// What the range test suggested per batch size, next to the best rate the grid found.
    static func rangeTest(_ records: [RangeTestRecord], cells: [Cell]) -> Finding? {
        let parts = records.compactMap { record -> String? in
            guard let suggested = record.suggestedRate else { return nil }
            var text = "\(NumberText.learningRate(roundedToTwoDigits(suggested))) at batch \(record.batchSize)"
            let candidates = cells.filter { $0.batchSize == record.batchSize && !$0.allDiverged }
            if let best = candidates.compactMap({ c in c.bestTestAccuracy.map { (c, $0) } }).max(by: { $0.1 < $1.1 }) {
                text += " (grid's best: \(NumberText.learningRate(best.0.learningRate)))"
            }
            return text
        }
        guard !parts.isEmpty else { return nil }
        return Finding(kind: .rangeTest, headline: "Range test",
                       text: "The learning-rate range test puts the steepest fall of the loss at " + parts.joined(separator: ", ")
                           + ". It is a quick first guess from a few hundred steps; the grid measures the whole run.")
    }

    static func roundedToTwoDigits(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return value }
        let scale = pow(10, floor(log10(value)) - 1)
        return (value / scale).rounded() * scale
    }

    static func label(_ cell: Cell) -> String {
        "batch \(cell.batchSize), lr \(NumberText.learningRate(cell.learningRate))" + (cell.schedule == "constant" ? "" : " (\(cell.schedule))")
    }

    /// The cell with the highest best test accuracy; ties listed together.
    static func best(_ cells: [Cell]) -> Finding? {
        let scored = cells.compactMap { c in c.bestTestAccuracy.map { (c, $0) } }
        guard let top = scored.map(\.1).max() else { return nil }
        let winners = scored.filter { abs($0.1 - top) < 1e-9 }.map(\.0)
        let names = winners.map(label).joined(separator: "; ")
        let final = winners.first?.finalTestAccuracy
        var text = "\(names) reached the best test accuracy, \(NumberText.percent(top))"
        if let final, abs(final - top) > 1e-9 { text += " (\(NumberText.percent(final)) at the last epoch)" }
        text += "."
        return Finding(kind: .best, headline: "Best run", text: text)
    }

    /// For each batch size, the learning rate with the best test accuracy, and how it moves with batch size.
    static func bestRatePerBatch(_ cells: [Cell]) -> Finding? {
        let batches = Array(Set(cells.map(\.batchSize))).sorted()
        let rates = Set(cells.map(\.learningRate))
        guard batches.count >= 2, rates.count >= 2 else { return nil }
        var bests: [(batch: Int, rate: Double, accuracy: Double)] = []
        for batch in batches {
            let candidates = cells.filter { $0.batchSize == batch && !$0.allDiverged }
            guard let winner = candidates.compactMap({ c in c.bestTestAccuracy.map { (c, $0) } }).max(by: { $0.1 < $1.1 }) else { continue }
            bests.append((batch, winner.0.learningRate, winner.1))
        }
        guard bests.count >= 2 else { return nil }
        let parts = bests.map { "\(NumberText.learningRate($0.rate)) at batch \($0.batch) (\(NumberText.percent($0.accuracy)))" }
        var text = "Best learning rate per batch size: " + parts.joined(separator: ", ") + "."
        let nondecreasing = zip(bests, bests.dropFirst()).allSatisfy { $0.rate <= $1.rate }
        if let first = bests.first, let last = bests.last, nondecreasing, last.rate > first.rate {
            let batchRatio = Double(last.batch) / Double(first.batch)
            let rateRatio = last.rate / first.rate
            text += " The best rate grows with the batch size: ×\(NumberText.learningRate(rateRatio)) for ×\(NumberText.learningRate(batchRatio)) the batch"
            text += rateRatio >= batchRatio * 0.5 ? ", close to the linear scaling rule." : ", less than the linear scaling rule (×\(NumberText.learningRate(batchRatio))) would suggest."
        } else if bests.allSatisfy({ $0.rate == bests.first?.rate }) {
            text += " The same rate is best at every batch size in this grid."
        }
        return Finding(kind: .bestRatePerBatch, headline: "Learning rate vs batch size", text: text)
    }

    static func divergence(_ cells: [Cell]) -> Finding? {
        let diverged = cells.flatMap(\.diverged).sorted {
            ($0.setup.learningRate, $0.setup.batchSize) < ($1.setup.learningRate, $1.setup.batchSize)
        }
        guard !diverged.isEmpty else {
            return Finding(kind: .divergence, headline: "Divergence", text: "No run diverged.")
        }
        let parts = diverged.compactMap { run -> String? in
            guard let d = run.divergence else { return nil }
            return "batch \(run.setup.batchSize) at lr \(NumberText.learningRate(run.setup.learningRate)) at step \(NumberText.count(d.step)) (\(d.cause), loss \(NumberText.loss(d.loss)))"
        }
        let total = cells.reduce(0) { $0 + $1.runs.count }
        let noun = diverged.count == 1 ? "run" : "runs"
        var text = "\(diverged.count) of \(total) \(noun) diverged: " + parts.joined(separator: "; ") + "."
        let lowest = diverged.map(\.setup.learningRate).min() ?? 0
        let survivors = cells.filter { $0.learningRate >= lowest && !$0.allDiverged }
        if survivors.isEmpty {
            text += " Every run at lr \(NumberText.learningRate(lowest)) or above diverged."
        }
        return Finding(kind: .divergence, headline: "Divergence", text: text)
    }

    /// Same epochs, different numbers of updates: the cost of a larger batch.
    static func updates(_ cells: [Cell]) -> Finding? {
        let batches = Array(Set(cells.map(\.batchSize))).sorted()
        guard let small = batches.first, let large = batches.last, small != large,
              let smallRun = cells.first(where: { $0.batchSize == small })?.runs.first,
              let largeRun = cells.first(where: { $0.batchSize == large })?.runs.first else { return nil }
        let smallSteps = smallRun.setup.stepsPerEpoch * smallRun.setup.epochs
        let largeSteps = largeRun.setup.stepsPerEpoch * largeRun.setup.epochs
        guard largeSteps > 0 else { return nil }
        let ratio = Double(smallSteps) / Double(largeSteps)
        let text = "In \(smallRun.setup.epochs) epochs, batch \(small) makes \(NumberText.count(smallSteps)) updates and batch \(large) only \(NumberText.count(largeSteps)) (\(NumberText.learningRate((ratio * 10).rounded() / 10))× fewer): at the same learning rate a large batch sees the data as often but moves the weights far less."
        return Finding(kind: .updates, headline: "Updates per epoch", text: text)
    }

    /// Epochs and seconds to the target accuracy, per batch size at its best rate.
    static func target(_ cells: [Cell], runs: [RunRecord]) -> Finding? {
        guard let goal = runs.compactMap(\.sweep.targetAccuracy).first else { return nil }
        let batches = Array(Set(cells.map(\.batchSize))).sorted()
        var parts: [String] = []
        var missed: [Int] = []
        for batch in batches {
            let reached = cells.filter { $0.batchSize == batch }.flatMap(\.runs)
                .compactMap { run in run.epochsToReach(goal).map { (run, $0, run.secondsToReach(goal) ?? 0) } }
            guard let fastest = reached.min(by: { $0.1 < $1.1 }) else { missed.append(batch); continue }
            parts.append("batch \(batch) in \(fastest.1) epoch\(fastest.1 == 1 ? "" : "s") (lr \(NumberText.learningRate(fastest.0.setup.learningRate)), \(NumberText.seconds(fastest.2)))")
        }
        var text = "Fastest to \(NumberText.percent(goal)) test accuracy: " + (parts.isEmpty ? "no run got there" : parts.joined(separator: ", ")) + "."
        if !missed.isEmpty && !parts.isEmpty {
            text += " Never reached at batch " + missed.map(String.init).joined(separator: ", ") + "."
        }
        return Finding(kind: .target, headline: "Time to target", text: text)
    }

    /// Runs whose test accuracy keeps swinging late in training: the rate is too high to settle.
    static func instability(_ cells: [Cell]) -> Finding? {
        var swings: [(Cell, Double)] = []
        for cell in cells where !cell.allDiverged {
            guard let run = cell.runs.first, run.history.count >= 6 else { continue }
            let tail = run.history.suffix(max(5, run.history.count / 3)).map(\.testAccuracy)
            guard let lo = tail.min(), let hi = tail.max() else { continue }
            if hi - lo > 0.10 { swings.append((cell, hi - lo)) }
        }
        guard !swings.isEmpty else { return nil }
        let parts = swings.sorted { $0.1 > $1.1 }.map { "\(label($0.0)) (±\(String(format: "%.0f", $0.1 * 50)) points)" }
        return Finding(kind: .instability, headline: "Unstable runs",
                       text: "Test accuracy still swings in the last third of training for " + parts.joined(separator: ", ") + ": the learning rate is too high for that batch size to settle, even though the run did not diverge.")
    }

    /// Runs that got good and then lost it without diverging: the rate is high enough to undo learning
    /// (with ReLU, often by killing hidden units) but not to blow the loss up.
    static func degradation(_ cells: [Cell]) -> Finding? {
        var cases: [String] = []
        for cell in cells where !cell.allDiverged {
            guard let run = cell.runs.first, let peak = run.history.max(by: { $0.testAccuracy < $1.testAccuracy }),
                  let last = run.history.last, peak.testAccuracy - last.testAccuracy > 0.10 else { continue }
            cases.append("\(label(cell)) peaked at \(NumberText.percent(peak.testAccuracy)) in epoch \(peak.epoch) and ended at \(NumberText.percent(last.testAccuracy))")
        }
        guard !cases.isEmpty else { return nil }
        return Finding(kind: .degradation, headline: "Lost progress",
                       text: cases.joined(separator: "; ") + ". The rate is too high to keep what was learned, yet not high enough to count as diverged; a lower rate or a decaying schedule would keep the peak.")
    }

    /// The largest train–test accuracy gap among runs that finished.
    static func gap(_ cells: [Cell]) -> Finding? {
        let gaps = cells.flatMap(\.runs).filter { $0.status == .finished }.compactMap { run -> (RunRecord, Double)? in
            guard let train = run.finalTrainAccuracy, let test = run.finalTestAccuracy else { return nil }
            return (run, train - test)
        }
        guard let widest = gaps.max(by: { $0.1 < $1.1 }), widest.1 > 0.03 else { return nil }
        let run = widest.0
        return Finding(kind: .gap, headline: "Generalisation gap",
                       text: "The widest gap between training and test accuracy is batch \(run.setup.batchSize), lr \(NumberText.learningRate(run.setup.learningRate)): \(NumberText.percent(run.finalTrainAccuracy)) on training data, \(NumberText.percent(run.finalTestAccuracy)) on test data.")
    }
}
