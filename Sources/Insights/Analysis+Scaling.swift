import Formatting
import Foundation
import Results

extension Analysis {
    /// How the best learning rate moves with the batch size (other keys fixed): a fit of
    /// log(rate) on log(batch) over the batch sizes whose best rate lies inside the grid.
    static func scaling(_ groups: [PointGroup], axes: [GridAxis], noise: Noise) -> Finding? {
        guard let batchAxis = axes.first(where: { $0.key == GridAxis.batchKey }),
              let rateAxis = axes.first(where: { $0.key == GridAxis.rateKey }) else { return nil }
        var sentences: [String] = []
        var ids: [String] = []
        let outer = PointGroup.contexts(groups, varying: [batchAxis.key, rateAxis.key])
        var unjudged: [(String, Int, Int)] = []
        for (context, members) in outer {
            var bests: [(batch: GridValue, rate: GridValue, group: PointGroup, interior: Bool)] = []
            for batch in batchAxis.values {
                let row = members.filter { $0.point.value(batchAxis.key) == batch && !$0.allDiverged }
                let tried = row.compactMap { $0.point.value(rateAxis.key) }.sorted(by: GridValue.precedes)
                guard let winner = bestPoints(row).first, let rate = winner.point.value(rateAxis.key) else { continue }
                let interior = tried.count >= 3 && rate != tried.first && rate != tried.last
                bests.append((batch, rate, winner, interior))
            }
            guard bests.count >= 2 else { continue }
            ids += bests.flatMap(\.group.runIds)
            let where_ = context.label.isEmpty ? "" : " (\(context.label))"
            var text = "Best learning rate per batch size\(where_): "
                + bests.map { "\($0.rate.label) at batch \($0.batch.label) (\(noise.text($0.group)))" }.joined(separator: ", ") + "."
            let usable = bests.filter { $0.interior && $0.batch.number != nil && $0.rate.number != nil }
            if usable.count >= 3 {
                text += " " + fitSentence(usable.compactMap { b in
                    guard let x = b.batch.number, let y = b.rate.number else { return nil }
                    return (x, y)
                }, rateAxis: rateAxis)
            } else {
                unjudged.append((context.label, usable.count, bests.count - usable.count))
            }
            sentences.append(text)
        }
        if !unjudged.isEmpty {
            let names = unjudged.map(\.0).filter { !$0.isEmpty }
            let inside = unjudged.map(\.1).max() ?? 0
            var text = "How the best rate scales with the batch size can't be judged"
            text += names.isEmpty || unjudged.count == outer.count && outer.count > 1 ? "" : " for " + list(names, separator: ", ")
            text += inside == 0 ? ": every batch size has its best rate at the edge of the rate grid"
                : ": at most \(inside) batch size\(inside == 1 ? " has its" : "s have their") best rate inside the rate grid (the others at its edge)"
            text += ", and a fit of log(rate) on log(batch) needs at least 3 inside. Extend the rate grid past its edges and add batch sizes."
            sentences.append(text)
        }
        guard !sentences.isEmpty else { return nil }
        return Finding(kind: .scaling, headline: "Learning rate vs batch size", text: sentences.joined(separator: " "), runs: ids)
    }

    /// The fitted slope of log(rate) on log(batch) with its uncertainty, against linear (1) and
    /// square-root (0.5) scaling. The uncertainty combines the scatter about the line with the
    /// grid's resolution: a best rate is only known to within one grid step, a uniform error of
    /// ln(step)/√12 in log space.
    static func fitSentence(_ points: [(batch: Double, rate: Double)], rateAxis: GridAxis) -> String {
        guard let fit = LineFit(x: points.map { log($0.batch) }, y: points.map { log($0.rate) }) else { return "" }
        let slope = fit.slope, sxx = fit.sxx, residual = fit.residualVariance
        let rates = rateAxis.values.compactMap(\.number).filter { $0 > 0 }
        let steps = zip(rates, rates.dropFirst()).map { log($1 / $0) }.sorted()
        let gridStep = steps.isEmpty ? 0 : steps[steps.count / 2]
        let quantization = gridStep * gridStep / 12
        let se = ((residual + quantization) / sxx).squareRoot()
        let slopeText = formatFixed(slope, decimals: 2) + " ± " + formatFixed(2 * se, decimals: 2)
        let linear = abs(slope - 1) <= 2 * se, root = abs(slope - 0.5) <= 2 * se
        var text = "Fitting log(rate) on log(batch) over \(points.count) batch sizes gives a slope of \(slopeText) (±2 standard errors, grid step ×\(formatFixed(exp(gridStep), decimals: 1)) included): "
        switch (linear, root) {
        case (true, true): text += "consistent with both linear (1) and square-root (0.5) scaling; a finer rate grid would tell them apart."
        case (true, false): text += "consistent with the linear scaling rule (1), not with square-root scaling (0.5)."
        case (false, true): text += "consistent with square-root scaling (0.5), not with the linear rule (1)."
        case (false, false): text += slope < 0.5 ? "the best rate grows more slowly than square-root scaling (0.5)." : "the best rate grows faster than the linear rule (1)."
        }
        return text
    }
}
