import Formatting
import Foundation
import Results

extension Analysis {
    /// For a key with ordered values: when the best point along it (other keys fixed) sits at the
    /// smallest or largest value tried, the optimum may lie outside the grid.
    static func gridEdges(_ groups: [PointGroup], axes: [GridAxis], noise: Noise) -> [Finding] {
        var findings: [Finding] = []
        for axis in axes where axis.isOrdered {
            var low: [(GridPoint, PointGroup)] = []
            var high: [(GridPoint, PointGroup)] = []
            for (context, members) in PointGroup.contexts(groups, varying: [axis.key]) {
                guard let edge = edgeBest(members, axis: axis, noise: noise) else { continue }
                if edge.atLow { low.append((context, edge.best)) } else { high.append((context, edge.best)) }
            }
            for (atLow, cases) in [(true, low), (false, high)] where !cases.isEmpty {
                findings.append(edgeFinding(axis: axis, atLow: atLow, cases: cases, contextCount: PointGroup.contexts(groups, varying: [axis.key]).count))
            }
        }
        return findings
    }

    /// The best point of `members` along `axis` when it sits at an end of the values tried there
    /// and no interior point (with two values, the other one) is tied with it.
    static func edgeBest(_ members: [PointGroup], axis: GridAxis, noise: Noise) -> (best: PointGroup, atLow: Bool)? {
        let scored = members.filter { $0.selection != nil && $0.point.value(axis.key) != nil }
            .sorted { a, b in
                guard let x = a.point.value(axis.key), let y = b.point.value(axis.key) else { return false }
                return GridValue.precedes(x, y)
            }
        guard scored.count >= 2, let first = scored.first, let last = scored.last,
              let best = bestPoints(scored).first, let value = best.point.value(axis.key) else { return nil }
        let atLow = value == first.point.value(axis.key)
        let atHigh = value == last.point.value(axis.key)
        guard atLow || atHigh, learns(best) else { return nil }
        // A value tied with the best inside the grid (or, with two values, the other end) puts
        // the optimum inside after all.
        let others = scored.count == 2 ? scored.filter { $0.point != best.point } : Array(scored.dropFirst().dropLast())
        guard !others.contains(where: { noise.tied($0, best) }) else { return nil }
        return (best, atLow)
    }

    /// Whether a point's best is evidence of where the optimum lies: not diverged, and clearly
    /// above guessing — more than a tenth of the way from chance (1 / classes) to 100%. Along a
    /// row where every run failed (lr 1 at every batch size: 9%, 6% and a blow-up with 10
    /// classes) the "best" is noise, and extending the grid past it would be a wrong lead.
    static func learns(_ group: PointGroup) -> Bool {
        guard !group.allDiverged, let accuracy = group.selection else { return false }
        guard let classes = group.runs.first?.setup.classCount, classes >= 2 else { return true }
        let chance = 1 / Double(classes)
        return accuracy > chance + 0.1 * (1 - chance)
    }

    static func edgeFinding(axis: GridAxis, atLow: Bool, cases: [(GridPoint, PointGroup)], contextCount: Int) -> Finding {
        let end = atLow ? "smallest" : "largest"
        let values = cases.compactMap { $0.1.point.value(axis.key) }
        let labels = Array(Set(values.map(\.label))).sorted()
        var text = "The best \(axis.title) is the \(end) tried (\(labels.joined(separator: ", ")))"
        let where_ = cases.map(\.0.label).filter { !$0.isEmpty }
        if contextCount > 1, !where_.isEmpty {
            if cases.count == contextCount {
                text += " everywhere"
            } else if cases.count > 3 {
                text += " in \(cases.count) of \(contextCount) settings of the other keys"
            } else {
                text += " at " + list(where_)
            }
        }
        if !atLow, values.contains(where: \.isAll) {
            // `all` is the whole training set: there is no larger batch to try.
            text += ": no larger batch exists, so the optimum is at or near the full batch in this grid."
        } else {
            text += ": the optimum may lie \(atLow ? "below" : "above") the grid. Extend it \(atLow ? "downward" : "upward")"
            if let next = nextValues(axis: axis, atLow: atLow) { text += " (try \(next))" }
            text += "."
        }
        return Finding(kind: .gridEdge, headline: "Edge of the grid", text: text, runs: cases.flatMap(\.1.runIds))
    }

    /// Two values past the end of an ordered axis, continuing its pattern: integers (batch
    /// sizes) by the grid's mean ratio or step; other values (rates) by repeating the grid's
    /// mantissas a decade further when it spans a decade (0.001, 0.003, 0.01, 0.03 → 0.1 and
    /// 0.3), else by its mean ratio.
    static func nextValues(axis: GridAxis, atLow: Bool) -> String? {
        let numbers = axis.values.compactMap(\.number)
        guard numbers.count >= 2, let lo = numbers.first, let hi = numbers.last, lo > 0, hi > lo else { return nil }
        let isInteger = numbers.allSatisfy { $0 == $0.rounded() }
        if isInteger {
            // Batch sizes: continue the ratio of the two values at that end (×2 for 32, 64).
            let neighbour = atLow ? numbers[1] : numbers[numbers.count - 2]
            let endRatio = atLow ? neighbour / lo : hi / neighbour
            if endRatio >= 1.5 {
                let next = atLow ? [lo / endRatio, lo / endRatio / endRatio] : [hi * endRatio, hi * endRatio * endRatio]
                let valid = next.filter { $0 >= 1 && $0 < 1e15 }.map { "\(Int($0.rounded()))" }
                return valid.isEmpty ? nil : valid.joined(separator: " and ")
            }
        }
        let ratio = pow(hi / lo, 1 / Double(numbers.count - 1))
        let step = (hi - lo) / Double(numbers.count - 1)
        let ratios = zip(numbers, numbers.dropFirst()).map { $1 / $0 }
        let geometric = ratio > 1.5 && ratios.allSatisfy { abs($0 - ratio) / ratio < 0.35 }
        var candidates: [Double]
        if !isInteger && hi / lo >= 10 {
            let shifted = numbers.flatMap { atLow ? [$0 / 10, $0 / 100] : [$0 * 10, $0 * 100] }
            candidates = atLow ? shifted.filter { $0 < lo * 0.999 }.sorted(by: >) : shifted.filter { $0 > hi * 1.001 }.sorted()
        } else if geometric {
            candidates = atLow ? [lo / ratio, lo / ratio / ratio] : [hi * ratio, hi * ratio * ratio]
        } else {
            candidates = atLow ? [lo - step, lo - 2 * step] : [hi + step, hi + 2 * step]
        }
        func fmt(_ v: Double) -> String {
            // Two significant digits, through text so that float noise (1.7000000000000002) never shows.
            isInteger ? "\(Int(v.rounded()))" : NumberText.suggestedRate(v)
        }
        let valid = candidates.filter { $0 > 0 && $0.isFinite && $0 < 1e15 && (!isInteger || $0 >= 1) }
        var seen: [String] = []
        for v in valid.map(fmt) where !seen.contains(v) { seen.append(v) }
        guard !seen.isEmpty else { return nil }
        return seen.prefix(2).joined(separator: " and ")
    }

    /// "a, b and c" (items joined by `separator`, the last by " and ").
    public static func list(_ items: [String], separator: String = "; ") -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: separator) + " and " + last
    }
}
