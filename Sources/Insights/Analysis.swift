import Formatting
import Foundation
public import Results

/// Findings over a sweep's runs: what a reader should take away, computed from the numbers,
/// over whatever keys the grid varies. Every finding names whole grid points; comparisons along
/// one key hold the other keys fixed.
public enum Analysis {
    public static func findings(_ runs: [RunRecord], rangeTests: [RangeTestRecord] = []) -> [Finding] {
        findings(groups: PointGroup.group(runs), rangeTests: rangeTests)
    }

    /// The findings of runs already grouped by grid point (`PointGroup.group`), so a report groups once.
    public static func findings(groups: [PointGroup], rangeTests: [RangeTestRecord] = []) -> [Finding] {
        guard !groups.isEmpty else { return [] }
        let runs = groups.flatMap(\.runs)
        let noise = Noise(groups)
        let axes = GridAxis.axes(of: groups)
        var findings: [Finding] = []
        findings += [best(groups, noise: noise), seeds(groups, noise: noise)].compactMap { $0 }
        findings += [divergence(groups, axes: axes)].compactMap { $0 }
        findings += gridEdges(groups, axes: axes, noise: noise)
        findings += [scaling(groups, axes: axes, noise: noise)].compactMap { $0 }
        findings += curves(groups)
        let steps = StepsToTarget.measure(groups: groups)
        findings += [updates(groups, axes: axes), steps?.finding,
                     GeneralizationGap.measure(groups: groups)?.finding,
                     CriticalBatchSize.measure(groups: groups, stepsToTarget: steps)?.finding,
                     Throughput.measure(groups: groups)?.finding,
                     rangeTest(rangeTests, groups: groups), settings(runs)].compactMap { $0 }
        return findings
    }

    /// The best grid points: the highest mean selection accuracy, with every point exactly equal
    /// to it (the heatmap outlines them all and the table marks them). Empty when no point has one.
    public static func bestPoints(_ groups: [PointGroup]) -> [PointGroup] {
        let scored = groups.compactMap { g in g.selection.map { (g, $0) } }
        guard let top = scored.map(\.1).max() else { return [] }
        return scored.filter { $0.1 >= top - 1e-12 }.map(\.0)
    }

    static func name(_ group: PointGroup) -> String {
        group.label.isEmpty ? "the run" : group.label
    }

    static func best(_ groups: [PointGroup], noise: Noise) -> Finding? {
        let winners = bestPoints(groups)
        guard let top = winners.first else { return nil }
        var text: String
        if top.allDiverged {
            text = "Every grid point diverged: no setting here trains. The highest accuracy measured at divergence was "
                + "\(noise.text(top)) (\(name(top)))."
            return Finding(kind: .best, headline: "Best setting", text: text, runs: winners.flatMap(\.runIds))
        }
        if groups.count == 1 {
            text = "The one grid point reached a final \(noise.setName) accuracy of \(noise.text(top))"
        } else {
            text = winners.map(name).joined(separator: " and ") + (winners.count > 1 ? " share" : " has")
                + " the highest final \(noise.setName) accuracy, \(noise.text(top))"
        }
        if noise.seeds > 1 { text += " (mean of \(top.runs.count) seeds)" }
        if noise.usesValidation { text += "; its final test accuracy is \(NumberText.percent(top.finalTest))" }
        if winners.count == 1, let peakRun = top.runs.first, let epoch = peakRun.peakTestEpoch, let peak = peakRun.bestTestAccuracy,
           let final = peakRun.finalTestAccuracy, peak - final > noise.example * 0.5 {
            text += "; its test accuracy peaked at \(NumberText.percent(peak)) in epoch \(epoch)"
                + (noise.seeds > 1 ? " for the first seed" : "")
        }
        text += "."
        let others = groups.filter { g in !winners.contains { $0.point == g.point } }
        let tied = others.filter { noise.tied($0, top) }
            .sorted { ($0.selection ?? 0) > ($1.selection ?? 0) }
        if !tied.isEmpty {
            let list = tied.prefix(6).map { "\(name($0)) (\(noise.text($0)))" }.joined(separator: ", ")
            text += " Tied with it within noise: " + list + (tied.count > 6 ? " and \(tied.count - 6) more" : "") + "."
        } else if let second = others.max(by: { ($0.selection ?? -1) < ($1.selection ?? -1) }), second.selection != nil {
            text += " Next: \(name(second)), \(noise.text(second))."
        }
        return Finding(kind: .best, headline: "Best setting", text: text,
                       runs: winners.flatMap(\.runIds))
    }

    /// With repeats: how much seeds move one point, against what one example is worth; with at
    /// least `SeedStatistics.minimumRepeats`, the best and runner-up means with 95% t-intervals
    /// and their paired comparison.
    static func seeds(_ groups: [PointGroup], noise: Noise) -> Finding? {
        // Points with a diverged seed are left out: that run's accuracy was measured at the
        // blow-up, not after training, so its distance from the others is not seed noise.
        let spread = groups.filter { !$0.anyDiverged }.compactMap { g -> (PointGroup, Double)? in
            let values = g.runs.compactMap(\.selectionAccuracy).filter(\.isFinite)
            guard values.count > 1, let lo = values.min(), let hi = values.max() else { return nil }
            return (g, hi - lo)
        }
        guard let widest = spread.max(by: { $0.1 < $1.1 }) else { return nil }
        let ranges = spread.map(\.1).sorted()
        let median = ranges[ranges.count / 2]
        let text = "With \(noise.seeds) seeds per point, the final \(noise.setName) accuracy of one point moves by up to "
            + "\(formatFixed(widest.1 * 100, decimals: 1)) points between seeds (\(name(widest.0))); the median range is "
            + "\(formatFixed(median * 100, decimals: 1)) points. One \(noise.setName) example is worth "
            + "\(formatFixed(noise.example * 100, decimals: 2)) points. Differences smaller than the seed spread are noise."
        guard let statistics = SeedStatistics.measure(groups: groups), !statistics.sentences.isEmpty else {
            return Finding(kind: .seeds, headline: "Seeds", text: text, runs: widest.0.runIds)
        }
        // The widest point, the best and the runner-up's paired runs: in grid order.
        let named = Set(widest.0.runIds + (statistics.comparison?.runs ?? []))
        let ids = groups.flatMap(\.runIds).filter(named.contains)
        return Finding(kind: .seeds, headline: "Seeds", text: text + " " + statistics.sentences, runs: ids)
    }

    /// Same epochs, different numbers of updates: the cost of a larger batch.
    static func updates(_ groups: [PointGroup], axes: [GridAxis]) -> Finding? {
        guard axes.contains(where: { $0.key == GridAxis.batchKey }) else { return nil }
        let runs = groups.flatMap(\.runs)
        guard let small = runs.min(by: { $0.setup.batchSize < $1.setup.batchSize }),
              let large = runs.max(by: { $0.setup.batchSize < $1.setup.batchSize }),
              small.setup.batchSize < large.setup.batchSize, small.setup.epochs == large.setup.epochs else { return nil }
        let smallSteps = small.setup.stepsPerEpoch * small.setup.epochs
        let largeSteps = large.setup.stepsPerEpoch * large.setup.epochs
        guard largeSteps > 0 else { return nil }
        let ratio = Double(smallSteps) / Double(largeSteps)
        func batch(_ run: RunRecord) -> String {
            // A batch of the whole training set (`all`, or any size at least that) is the full batch.
            run.setup.batchSize >= run.setup.trainCount ? "the full batch (\(NumberText.count(run.setup.batchSize)))" : "batch \(run.setup.batchSize)"
        }
        let text = "In \(small.setup.epochs) epochs, \(batch(small)) makes \(NumberText.count(smallSteps)) updates and \(batch(large)) only \(NumberText.count(largeSteps)) (\(NumberText.learningRate((ratio * 10).rounded() / 10))× fewer): at the same learning rate a large batch sees the data as often but moves the weights far less."
        return Finding(kind: .updates, headline: "Updates per epoch", text: text, runs: [small.runId, large.runId])
    }

    static func roundedToTwoDigits(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return value }
        let scale = pow(10, floor(log10(value)) - 1)
        return (value / scale).rounded() * scale
    }

    /// Settings that differ between runs without being grid keys (runs of several sweeps or of an
    /// edited sweep, merged by `lrlab report`).
    static func settings(_ runs: [RunRecord]) -> Finding? {
        var parts: [String] = []
        for field in SetupVariants.differingFields(runs) {
            var seen: [String] = []
            for run in runs where !seen.contains(field.value(run.setup)) { seen.append(field.value(run.setup)) }
            parts.append("\(field.name) (\(seen.prefix(5).joined(separator: ", "))\(seen.count > 5 ? ", …" : ""))")
        }
        let sweeps = Set(runs.map(\.sweep.name))
        if sweeps.count > 1 { parts.insert("sweep (\(sweeps.sorted().joined(separator: ", ")))", at: 0) }
        guard !parts.isEmpty else { return nil }
        return Finding(kind: .settings, headline: "Mixed settings",
                       text: "These runs differ in settings that are not grid keys: " + parts.joined(separator: "; ")
                           + ". Runs of one grid point with other settings are not treated as repeats: charts, findings and the table tell them apart as a \u{201C}setting\u{201D}.")
    }
}

/// Per epoch, the mean of `metric` over the runs that reached that epoch (a diverged seed stops
/// contributing where it stopped).
func meanCurve(_ runs: [RunRecord], _ metric: (EpochMetrics) -> Double?) -> [(epoch: Int, value: Double)] {
    var byEpoch: [Int: [Double]] = [:]
    for run in runs {
        for epoch in run.history { if let v = metric(epoch), v.isFinite { byEpoch[epoch.epoch, default: []].append(v) } }
    }
    return byEpoch.keys.sorted().compactMap { e in mean(byEpoch[e] ?? []).map { (e, $0) } }
}
