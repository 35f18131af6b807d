import Formatting
import Results

extension Analysis {
    /// Diverged runs, one line per group of points that differ only in learning rate (per batch
    /// size, optimizer, …), with the largest stable rate of the group as advice.
    static func divergence(_ groups: [PointGroup], axes: [GridAxis]) -> Finding? {
        let diverged = groups.flatMap(\.diverged)
        guard !diverged.isEmpty else {
            return Finding(kind: .divergence, headline: "Divergence", text: "No run diverged.")
        }
        let total = groups.reduce(0) { $0 + $1.runs.count }
        let rateAxis = axes.first { $0.key == GridAxis.rateKey }
        var lines: [String] = []
        for (context, members) in PointGroup.contexts(groups, varying: rateAxis.map { [$0.key] } ?? []) {
            let bad = members.filter(\.anyDiverged)
            guard !bad.isEmpty else { continue }
            lines.append(line(context: context, members: members, bad: bad, rateAxis: rateAxis))
        }
        let noun = total == 1 ? "run" : "runs"
        let text = "\(diverged.count) of \(total) \(noun) diverged. " + lines.joined(separator: " ")
        return Finding(kind: .divergence, headline: "Divergence", text: text,
                       runs: diverged.sorted(by: RunRecord.gridOrder).map(\.runId))
    }

    /// "batch 64: lr 5 and 10 diverged by step 3; the largest stable rate here was 1 (96.3%); try 0.5–1 or add warmup."
    static func line(context: GridPoint, members: [PointGroup], bad: [PointGroup], rateAxis: GridAxis?) -> String {
        let steps = bad.flatMap(\.diverged).compactMap(\.divergence?.step)
        let lastStep = NumberText.count(steps.max() ?? 0)
        let prefix = context.label.isEmpty ? "" : context.label + ": "
        guard let rateAxis else {
            let seeds = bad.first.map { "\($0.diverged.count) of \($0.runs.count) seeds" } ?? ""
            let causes = Set(bad.flatMap(\.diverged).compactMap(\.divergence?.cause)).sorted().joined(separator: ", ")
            return prefix + "diverged by step \(lastStep)" + (bad.first.map { $0.runs.count > 1 } == true ? " (\(seeds))" : "")
                + " (\(causes)); lower the learning rate by 10–1000× or add warmup."
        }
        let rates = bad.compactMap { g in g.point.value(rateAxis.key) }.sorted(by: GridValue.precedes)
        let names = rates.map(\.label)
        let list = names.count == 1 ? "lr \(names[0])" : "lr " + names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
        var text = prefix + list + " diverged by step \(lastStep)"
        let partial = bad.filter { !$0.allDiverged }
        if !partial.isEmpty {
            text += " (\(partial.map { "\($0.diverged.count) of \($0.runs.count) seeds at lr \($0.point.value(rateAxis.key)?.label ?? "")" }.joined(separator: ", ")))"
        }
        let stable = members.filter { !$0.anyDiverged && $0.selection != nil }
        let lowestBad = rates.first?.number
        let below = stable.filter { g in
            guard let r = g.point.value(rateAxis.key)?.number, let lowestBad else { return false }
            return r < lowestBad
        }
        func rate(_ g: PointGroup) -> Double { g.point.value(rateAxis.key)?.number ?? 0 }
        if let top = below.max(by: { rate($0) < rate($1) }), let value = top.point.value(rateAxis.key) {
            text += "; the largest stable rate below it was \(value.label) (\(NumberText.percent(top.selection)))"
            let best = bestPoints(below).first
            if let best, best.point != top.point, let bestValue = best.point.value(rateAxis.key) {
                // The edge of stability is not where training works best: say both.
                text += " and the best \(bestValue.label) (\(NumberText.percent(best.selection))); stay near \(bestValue.label), or add warmup to go higher."
            } else {
                text += "; try \(NumberText.learningRate(rate(top) / 2))–\(value.label) or add warmup."
            }
        } else if let lowest = lowestBad {
            text += "; no lower rate was tried here: lower it by 10–1000× (\(NumberText.learningRate(lowest / 1000))–\(NumberText.learningRate(lowest / 10))) or add warmup."
        } else {
            text += "."
        }
        return text
    }
}
