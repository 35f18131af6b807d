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
        var cases: [(context: GridPoint, members: [PointGroup], bad: [PointGroup], count: Int)] = []
        for (context, members) in PointGroup.contexts(groups, varying: rateAxis.map { [$0.key] } ?? []) {
            let bad = members.filter(\.anyDiverged)
            guard !bad.isEmpty else { continue }
            cases.append((context, members, bad, bad.reduce(0) { $0 + $1.diverged.count }))
        }
        // A large grid: the groups with the most diverged runs get their line (in grid order),
        // the others are counted and named, so the finding stays a paragraph.
        var shown = Array(cases.indices)
        if cases.count > maxDivergenceLines {
            shown = cases.indices.sorted { cases[$0].count > cases[$1].count || (cases[$0].count == cases[$1].count && $0 < $1) }
            shown = Array(shown.prefix(maxDivergenceLines)).sorted()
        }
        var lines = shown.map { line(context: cases[$0].context, members: cases[$0].members, bad: cases[$0].bad, rateAxis: rateAxis) }
        let rest = cases.indices.filter { !shown.contains($0) }
        if !rest.isEmpty {
            let runs = rest.reduce(0) { $0 + cases[$1].count }
            let names = rest.map { cases[$0].context.label }.filter { !$0.isEmpty }
            lines.append("\(rest.count) more groups had diverged runs (\(NumberText.count(runs)) runs in all)"
                         + (names.isEmpty ? "." : ": " + (names.count > 12
                            ? names.prefix(12).joined(separator: ", ") + " and \(names.count - 12) others"
                            : list(names, separator: ", ")) + "."))
        }
        let noun = total == 1 ? "run" : "runs"
        let text = "\(NumberText.count(diverged.count)) of \(NumberText.count(total)) \(noun) diverged. " + lines.joined(separator: " ")
        return Finding(kind: .divergence, headline: "Divergence", text: text,
                       runs: diverged.sorted(by: RunRecord.gridOrder).map(\.runId))
    }

    /// At most this many groups get their own line in the divergence finding.
    static let maxDivergenceLines = 6

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
                text += "; try \(NumberText.suggestedRate(rate(top) / 2))–\(value.label) or add warmup."
            }
        } else if let lowest = lowestBad {
            text += "; no lower rate was tried here: lower it by 10–1000× (\(NumberText.suggestedRate(lowest / 1000))–\(NumberText.suggestedRate(lowest / 10))) or add warmup."
        } else {
            text += "."
        }
        return text
    }
}
