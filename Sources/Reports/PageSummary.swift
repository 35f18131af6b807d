import Formatting
import Insights
import Results

/// The page's opening lines: what the grid's keys did, in plain words with the numbers — the best
/// point and its accuracy, how accuracy moves along each key with the others held at the best
/// point, what diverged, the time. Composed from the runs grouped by point, `Analysis.bestPoints`
/// and `Noise`; it states results, never training internals.
struct PageSummary {
    /// One line of the summary: a short label ("Best", "Batch size") and its sentence.
    struct Line {
        let label: String
        let text: String
    }

    var lines: [Line]

    /// At most this many keys get a line of their own (batch size and learning rate first).
    static let maxAxisLines = 3
    /// A key with more values than this is summed up by its ends and its best value.
    static let maxListedValues = 6
    /// At most this many learning rates (or points) are named in the divergence line.
    static let maxDivergenceParts = 4

    /// `runs`: the finished and diverged runs; `failed`: how many runs failed.
    init(runs: [RunRecord], failed: Int = 0) {
        self.init(groups: PointGroup.group(runs), failed: failed)
    }

    /// `groups`: the finished and diverged runs by grid point; `failed`: runs that failed.
    init(groups: [PointGroup], failed: Int = 0) {
        let noise = Noise(groups)
        let axes = GridAxis.axes(of: groups)
        let winners = Analysis.bestPoints(groups)
        var lines: [Line] = []
        if let best = Self.bestLine(groups, winners: winners, noise: noise) { lines.append(best) }
        if let top = winners.first, !top.allDiverged {
            let ordered = axes.filter { $0.key == GridAxis.batchKey } + axes.filter { $0.key == GridAxis.rateKey }
                + axes.filter { $0.key != GridAxis.batchKey && $0.key != GridAxis.rateKey }
            for axis in ordered.prefix(Self.maxAxisLines) {
                if let line = Self.axisLine(axis, top: top, groups: groups, axes: axes, noise: noise) { lines.append(line) }
            }
        }
        lines.append(Self.divergenceLine(groups, axes: axes))
        if failed > 0 {
            lines.append(Line(label: "Failed", text: (failed == 1 ? "1 run" : "\(NumberText.count(failed)) runs")
                + " failed and \(failed == 1 ? "is" : "are") left out of everything but the tables; the next `lrlab run` trains \(failed == 1 ? "it" : "them") again."))
        }
        lines.append(Self.timeLine(groups.flatMap(\.runs)))
        self.lines = lines
    }

    /// "batch 64, lr 0.1: 97.8% final test accuracy, the highest of 9 points; next lr 1 …".
    static func bestLine(_ groups: [PointGroup], winners: [PointGroup], noise: Noise) -> Line? {
        guard let top = winners.first else {
            return Line(label: "Best", text: "No run has a final accuracy to compare.")
        }
        let metric = "final \(noise.setName) accuracy"
        if top.allDiverged {
            return Line(label: "Best", text: "Every setting diverged: none of them trains. The highest \(metric) at divergence was "
                        + "\(noise.text(top))" + (top.label.isEmpty ? "." : " (\(top.label))."))
        }
        var text: String
        if groups.count == 1 {
            text = "The one setting reached a \(metric) of \(noise.text(top))"
        } else {
            let names = Analysis.list(winners.map(\.label), separator: "; ")
            text = names + (winners.count > 1 ? " share" : " has") + " the highest \(metric), \(noise.text(top))"
                + " (of \(NumberText.count(groups.count)) settings)"
        }
        if noise.seeds > 1 { text += ", the mean of \(top.runs.count) seeds" }
        if noise.usesValidation { text += "; its final test accuracy is \(NumberText.percent(top.finalTest))" }
        text += "."
        let others = groups.filter { g in !winners.contains { $0.point == g.point } }
        let tied = others.filter { noise.tied($0, top) }
        if tied.count == 1, let only = tied.first {
            text += " \(capitalized(only.label)) (\(noise.text(only))) is within noise of it."
        } else if tied.count > 1 {
            text += " \(tied.count) other settings are within noise of it."
        } else if let second = others.filter({ $0.selection != nil }).max(by: { ($0.selection ?? 0) < ($1.selection ?? 0) }),
                  !second.label.isEmpty {
            text += " Next: \(second.label), \(noise.text(second))."
        }
        return Line(label: "Best", text: text)
    }

    /// How accuracy moves along `axis` with every other key at the best point's value:
    /// "At lr 0.1, final test accuracy is 97.8% with batch 64, 96.4% with batch 256 and 91.1% with
    /// batch 1024: it falls as the batch size grows." For the batch size, with a learning-rate key,
    /// each batch size at its own best rate follows when that rate differs.
    static func axisLine(_ axis: GridAxis, top: PointGroup, groups: [PointGroup], axes: [GridAxis], noise: Noise) -> Line? {
        let fixed = top.point.removing(axis.key)
        let slice = axis.values.compactMap { value in
            groups.first { $0.point.value(axis.key) == value && $0.point.removing(axis.key) == fixed }.map { (value, $0) }
        }
        guard slice.count >= 2 else { return nil }
        let metric = "final \(noise.setName) accuracy"
        // "At lr 0.1", "With adam, lr 0.01": numbers are places on a scale, categories are not.
        let preposition = fixed.values.allSatisfy { $0.number != nil || $0.isAll } ? "At" : "With"
        let at = fixed.label.isEmpty ? "" : "\(preposition) \(fixed.label), "
        var text = (at.isEmpty ? capitalized(metric) : at + metric) + " is " + listing(slice, axis: axis, noise: noise)
        if let trend = trend(slice.map(\.1), axis: axis, noise: noise) { text += ": " + trend }
        text += "."
        if axis.key == GridAxis.batchKey, let rateAxis = axes.first(where: { $0.key == GridAxis.rateKey }) {
            text += ownBestRate(batchAxis: axis, rateAxis: rateAxis, top: top, groups: groups, noise: noise)
        }
        return Line(label: capitalized(axis.title), text: text)
    }

    /// "97.8% with batch 64, 96.4% with batch 256 and diverged with batch 1024"; past
    /// `maxListedValues` values, the ends and the best one.
    static func listing(_ slice: [(GridValue, PointGroup)], axis: GridAxis, noise: Noise) -> String {
        func part(_ item: (GridValue, PointGroup)) -> String {
            (item.1.allDiverged ? "diverged" : noise.text(item.1)) + " with " + item.0.phrase
        }
        guard slice.count > maxListedValues, let first = slice.first, let last = slice.last else {
            return Analysis.list(slice.map(part), separator: ", ")
        }
        var text = part(first) + " … " + part(last)
        if let peak = slice.filter({ !$0.1.allDiverged && $0.1.selection != nil }).max(by: { ($0.1.selection ?? 0) < ($1.1.selection ?? 0) }),
           peak.0 != first.0, peak.0 != last.0 {
            text += ", highest " + part(peak)
        }
        return text + " (\(slice.count) values)"
    }

    /// "it falls as the batch size grows", "it rises as the learning rate grows", "all within
    /// noise of each other", "highest with lr 0.1"; nil when there is nothing to say.
    static func trend(_ members: [PointGroup], axis: GridAxis, noise: Noise) -> String? {
        let trained = members.filter { !$0.allDiverged && $0.selection != nil }
        guard trained.count >= 2 else { return nil }
        let values = trained.map { $0.selection ?? 0 }
        if trained.count == members.count {
            let pairs = zip(trained, trained.dropFirst())
            if pairs.allSatisfy({ (a, b) in !noise.tied(a, b) && (b.selection ?? 0) < (a.selection ?? 0) }) {
                return axis.isOrdered ? "it falls as the \(axis.title) grows" : nil
            }
            if pairs.allSatisfy({ (a, b) in !noise.tied(a, b) && (b.selection ?? 0) > (a.selection ?? 0) }) {
                return axis.isOrdered ? "it rises as the \(axis.title) grows" : nil
            }
        }
        if let low = trained.min(by: { ($0.selection ?? 0) < ($1.selection ?? 0) }),
           let high = trained.max(by: { ($0.selection ?? 0) < ($1.selection ?? 0) }), noise.tied(low, high) {
            let all = trained.count == members.count
            if trained.count == 2 { return all ? "the two are within noise of each other" : "the two that trained are within noise of each other" }
            return all ? "all within noise of each other" : "those that trained are within noise of each other"
        }
        if let peak = values.indices.max(by: { values[$0] < values[$1] }), let value = trained[peak].point.value(axis.key) {
            return "highest with \(value.phrase)"
        }
        return nil
    }

    /// " Each at its own best learning rate: 97.8% with batch 64 (lr 0.1), …" when some batch
    /// size's best rate (other keys at the best point's values) is not the best point's rate.
    static func ownBestRate(batchAxis: GridAxis, rateAxis: GridAxis, top: PointGroup, groups: [PointGroup], noise: Noise) -> String {
        let fixed = top.point.removing([batchAxis.key, rateAxis.key])
        let topRate = top.point.value(rateAxis.key)
        var parts: [String] = []
        var differs = false
        for batch in batchAxis.values {
            let row = groups.filter { $0.point.value(batchAxis.key) == batch && $0.point.removing([batchAxis.key, rateAxis.key]) == fixed }
            guard let best = Analysis.bestPoints(row).first, !best.allDiverged, let rate = best.point.value(rateAxis.key) else { continue }
            if rate != topRate { differs = true }
            parts.append("\(noise.text(best)) with \(batch.phrase) (\(rate.phrase))")
        }
        guard differs, parts.count >= 2, let first = parts.first, let last = parts.last else { return "" }
        guard parts.count <= maxListedValues else {
            return " Each at its own best \(rateAxis.title): from \(first) to \(last)."
        }
        return " Each at its own best \(rateAxis.title): " + Analysis.list(parts, separator: ", ") + "."
    }

    /// "3 of 9 runs diverged: lr 1 with every batch size." / "No run diverged."
    static func divergenceLine(_ groups: [PointGroup], axes: [GridAxis]) -> Line {
        let total = groups.reduce(0) { $0 + $1.runs.count }
        let diverged = groups.reduce(0) { $0 + $1.diverged.count }
        guard diverged > 0 else { return Line(label: "Diverged", text: total == 1 ? "The run did not diverge." : "No run diverged.") }
        var text = "\(NumberText.count(diverged)) of \(NumberText.count(total)) run\(total == 1 ? "" : "s") diverged"
        let bad = groups.filter(\.anyDiverged)
        var parts: [String] = []
        if let rateAxis = axes.first(where: { $0.key == GridAxis.rateKey }) {
            let others = axes.filter { $0.key != rateAxis.key }.map(\.title)
            for rate in rateAxis.values {
                let atRate = groups.filter { $0.point.value(rateAxis.key) == rate }
                let badAtRate = atRate.filter(\.anyDiverged)
                guard !badAtRate.isEmpty else { continue }
                let contexts = badAtRate.map { $0.point.removing(rateAxis.key) }.filter { !$0.values.isEmpty }
                    .sorted(by: GridPoint.precedes)
                if contexts.isEmpty {
                    parts.append(rate.phrase)
                } else if badAtRate.count == atRate.count, atRate.count > 1, !others.isEmpty {
                    parts.append("\(rate.phrase) with every \(Analysis.list(others, separator: ", "))")
                } else if contexts.allSatisfy({ $0.values.count == 1 }), let first = contexts.first?.values.first {
                    // One other key: "batch 8, 16 and 32".
                    let rest = contexts.dropFirst().compactMap { $0.values.first?.label }
                    parts.append("\(rate.phrase) with " + Analysis.list([first.phrase] + rest, separator: ", "))
                } else {
                    parts.append("\(rate.phrase) with " + Analysis.list(contexts.map(\.label), separator: "; "))
                }
            }
        } else {
            parts = bad.map(\.label).filter { !$0.isEmpty }
        }
        if !parts.isEmpty {
            let shown = parts.prefix(maxDivergenceParts)
            text += ": " + shown.joined(separator: "; ")
            if parts.count > shown.count { text += "; and \(parts.count - shown.count) more" }
        }
        let steps = bad.flatMap(\.diverged).compactMap(\.divergence?.step)
        if let last = steps.max() { text += " (all by step \(NumberText.count(last)))" }
        return Line(label: "Diverged", text: text + ".")
    }

    /// "1 min 12 s of training for 9 runs, 8.0 s each on average; the longest took 21.3 s."
    static func timeLine(_ runs: [RunRecord]) -> Line {
        let seconds = runs.map(\.wallSeconds).filter { $0.isFinite && $0 >= 0 }
        let total = seconds.reduce(0, +)
        // Imported runs carry no times (their logs do not say how long training took).
        guard total > 0 else { return Line(label: "Time", text: "Not recorded.") }
        var text = NumberText.seconds(total) + " of training"
        if runs.count > 1, let longest = seconds.max() {
            text += " for \(NumberText.count(runs.count)) runs, \(NumberText.seconds(total / Double(max(seconds.count, 1)))) each on average; "
                + "the longest took \(NumberText.seconds(longest))"
        }
        return Line(label: "Time", text: text + ".")
    }

    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
