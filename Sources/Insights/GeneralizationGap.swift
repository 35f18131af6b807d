import Formatting
public import Results

/// The generalisation gap by batch size (the lecture notes' question "does a larger batch
/// generalise worse?"): per batch size at its best point (or, with `report.curves: every`, at
/// every point), train − test accuracy and test − train loss at the end of training and at the
/// epoch of the best test (validation, when the runs have one) accuracy, over the seeds.
///
/// Training figures come from the full pass over the training set after each epoch
/// (`fullTrainAccuracy`/`fullTrainLoss`); runs stored before lrlab made that pass fall back to
/// the running mean over the epoch's batches. Only finished runs count: a diverged run's gap
/// says nothing about generalisation.
public struct GeneralizationGap: Sendable {
    /// One grid point's gaps.
    public struct Row: Sendable {
        /// The batch size's grid value (nil when the grid does not vary it) and its examples per step.
        public var batch: GridValue?
        public var batchSize: Int
        /// "batch 64", "the full batch (1,438)".
        public var batchLabel: String
        public var point: GridPoint
        /// Whether this is the batch size's best point (every row is, unless `curves` is `every`).
        public var isBatchBest: Bool
        /// The finished runs averaged, in repeat order.
        public var runs: [String]
        /// At the last epoch: training and test accuracy (fractions) and loss.
        public var finalTrainAccuracy: SeedMean
        public var finalTestAccuracy: SeedMean
        public var finalTrainLoss: SeedMean
        public var finalTestLoss: SeedMean
        /// Train − test accuracy at the last epoch (positive: better on training data).
        public var finalAccuracyGap: SeedMean
        /// Test − train loss at the last epoch (positive: higher loss on test data).
        public var finalLossGap: SeedMean
        /// The 1-based epoch of the best test (validation) accuracy, the first on a tie, per seed.
        public var bestEpoch: SeedMean
        /// The same figures at that epoch.
        public var bestTrainAccuracy: SeedMean
        public var bestTestAccuracy: SeedMean
        public var bestAccuracyGap: SeedMean
        public var bestLossGap: SeedMean
        /// Whether every run had the full training-set pass (else the running train metric was used).
        public var trainFromFullPass: Bool
        /// The final (best-epoch) accuracy gap is within noise: no larger than the seed spread of
        /// the gap or one test example.
        public var finalWithinNoise: Bool
        public var bestWithinNoise: Bool
    }

    /// In batch-size order; within one batch size, in grid order.
    public var rows: [Row]
    /// Whether the best epoch is read on validation accuracy (every run held out a validation set).
    public var usesValidation: Bool
    /// One test example as a fraction (1 / test-set size).
    public var testExample: Double
    /// Which points the rows are.
    public var curves: ReportSettings.CurvePoints

    /// The rows of the batch sizes' best points: what the finding speaks of.
    public var bestRows: [Row] { rows.filter(\.isBatchBest) }

    /// The gaps of `groups`; `curves` defaults to the sweep's `report.curves` (else `best`).
    /// Nil when no batch size's best point has a finished run.
    public static func measure(groups: [PointGroup], curves: ReportSettings.CurvePoints? = nil) -> GeneralizationGap? {
        let runs = groups.flatMap(\.runs)
        let curves = curves ?? runs.compactMap(\.sweep.report?.curves).first ?? .best
        let validation = !runs.isEmpty && runs.allSatisfy(\.hasValidation)
        let testCount = runs.map(\.setup.testCount).max() ?? 0
        let example = 1 / Double(max(testCount, 1))
        var rows: [Row] = []
        for bucket in BatchBucket.split(groups) {
            let best = bucket.best
            let shown = curves == .every ? bucket.groups : (best.map { [$0] } ?? [])
            for group in shown {
                guard let row = row(group, bucket: bucket, isBest: group.point == best?.point,
                                    validation: validation, example: example) else { continue }
                rows.append(row)
            }
        }
        // The finding speaks of the best rows: none (their runs all failed) is nothing to say.
        guard rows.contains(where: \.isBatchBest) else { return nil }
        return GeneralizationGap(rows: rows, usesValidation: validation, testExample: example, curves: curves)
    }

    static func row(_ group: PointGroup, bucket: BatchBucket, isBest: Bool, validation: Bool, example: Double) -> Row? {
        let runs = finishedRuns(group)
        var finals: [[Double]] = Array(repeating: [], count: 6)
        var bests: [[Double]] = Array(repeating: [], count: 5)
        var fullPass = true
        for run in runs {
            guard let last = run.history.last else { continue }
            fullPass = fullPass && run.history.allSatisfy { $0.fullTrainAccuracy != nil && $0.fullTrainLoss != nil }
            let trainAcc = last.fullTrainAccuracy ?? last.trainAccuracy, trainLoss = last.fullTrainLoss ?? last.trainLoss
            for (i, v) in [trainAcc, last.testAccuracy, trainLoss, last.testLoss, trainAcc - last.testAccuracy,
                           last.testLoss - trainLoss].enumerated() { finals[i].append(v) }
            let scored = run.history.compactMap { e -> (EpochMetrics, Double)? in
                let v = validation ? e.validationAccuracy : e.testAccuracy
                guard let v, v.isFinite else { return nil }
                return (e, v)
            }
            // The first epoch of the highest accuracy.
            guard let top = scored.max(by: { ($0.1, -$0.0.epoch) < ($1.1, -$1.0.epoch) })?.0 else { continue }
            let bestTrain = top.fullTrainAccuracy ?? top.trainAccuracy, bestTrainLoss = top.fullTrainLoss ?? top.trainLoss
            for (i, v) in [Double(top.epoch), bestTrain, top.testAccuracy, bestTrain - top.testAccuracy,
                           top.testLoss - bestTrainLoss].enumerated() { bests[i].append(v) }
        }
        let f = finals.map(SeedMean.init), b = bests.map(SeedMean.init)
        guard f.count == 6, b.count == 5, let trainAcc = f[0], let testAcc = f[1], let trainLoss = f[2],
              let testLoss = f[3], let gap = f[4], let lossGap = f[5], let epoch = b[0], let bestTrain = b[1],
              let bestTest = b[2], let bestGap = b[3], let bestLossGap = b[4] else { return nil }
        func withinNoise(_ value: SeedMean) -> Bool {
            abs(value.mean) <= max(value.standardDeviation ?? 0, example) * (1 + 1e-9)
        }
        return Row(batch: bucket.value, batchSize: bucket.batchSize, batchLabel: bucket.label, point: group.point,
                   isBatchBest: isBest, runs: runs.map(\.runId),
                   finalTrainAccuracy: trainAcc, finalTestAccuracy: testAcc, finalTrainLoss: trainLoss,
                   finalTestLoss: testLoss, finalAccuracyGap: gap, finalLossGap: lossGap, bestEpoch: epoch,
                   bestTrainAccuracy: bestTrain, bestTestAccuracy: bestTest, bestAccuracyGap: bestGap,
                   bestLossGap: bestLossGap, trainFromFullPass: fullPass,
                   finalWithinNoise: withinNoise(gap), bestWithinNoise: withinNoise(bestGap))
    }

    /// How the largest batch's final accuracy gap compares with the smallest's: positive when
    /// the larger batch's gap is wider beyond noise (the larger of the two seed spreads and one
    /// test example), negative when narrower, zero within noise; nil with one batch size.
    public var largerBatchComparison: (small: Row, large: Row, difference: Double, verdict: Int)? {
        let rows = bestRows
        guard rows.count >= 2, let small = rows.min(by: { $0.batchSize < $1.batchSize }),
              let large = rows.max(by: { $0.batchSize < $1.batchSize }), large.batchSize > small.batchSize else { return nil }
        let diff = large.finalAccuracyGap.mean - small.finalAccuracyGap.mean
        let noise = max(large.finalAccuracyGap.standardDeviation ?? 0, small.finalAccuracyGap.standardDeviation ?? 0, testExample)
        let verdict = abs(diff) <= noise * (1 + 1e-9) ? 0 : (diff > 0 ? 1 : -1)
        return (small, large, diff, verdict)
    }

    /// The `generalization-gap` finding: the batch sizes' final gaps with train and test accuracy,
    /// the gaps at the best epoch, the loss gaps, and whether the larger batch generalises worse.
    public var finding: Finding {
        let rows = bestRows
        let set = usesValidation ? "validation" : "test"
        let oneBatch = rows.count == 1
        func where_(_ row: Row) -> String {
            oneBatch ? (row.point.label.isEmpty ? "" : " (\(row.point.label))") : " at " + row.batchLabel
        }
        var parts: [String] = []
        for row in rows {
            var text = (oneBatch ? "the best point" : row.batchLabel)
            if oneBatch, !row.point.label.isEmpty { text += " (\(row.point.label))" }
            text += " \(pointsText(row.finalAccuracyGap)) points"
            text += " (train \(NumberText.percent(row.finalTrainAccuracy.mean)), test \(NumberText.percent(row.finalTestAccuracy.mean))"
            text += row.finalWithinNoise ? "; within noise)" : ")"
            parts.append(text)
        }
        var text = "Train − test accuracy at the end of training: " + Analysis.list(parts, separator: ", ") + "."
        let epochs = rows.map { "epoch \($0.bestEpoch.epochText)\(oneBatch ? "" : where_($0))" }
        let bestGaps = rows.map { pointsText($0.bestAccuracyGap) + ($0.bestWithinNoise ? " (within noise)" : "") }
        text += " At the epoch of the best \(set) accuracy (\(Analysis.list(epochs, separator: ", "))) the gap was "
            + Analysis.list(bestGaps, separator: ", ") + " points."
        text += " The final test loss exceeds the training loss by "
            + Analysis.list(rows.map { NumberText.loss($0.finalLossGap.mean) }, separator: ", ") + "."
        if let c = largerBatchComparison {
            let delta = formatFixed(abs(c.difference) * 100, decimals: 1)
            switch c.verdict {
            case 1:
                let seeds = c.large.finalAccuracyGap.standardDeviation != nil || c.small.finalAccuracyGap.standardDeviation != nil
                text += " The larger batch generalises worse here: at \(c.large.batchLabel) the gap is \(delta) points wider than at \(c.small.batchLabel), more than \(seeds ? "the seed spread and " : "")one test example (\(formatFixed(testExample * 100, decimals: 2)) points)."
            case -1:
                text += " The larger batch does not generalise worse here: at \(c.large.batchLabel) the gap is \(delta) points narrower than at \(c.small.batchLabel)."
            default:
                text += " The larger batch does not generalise measurably worse here: the gaps at \(c.large.batchLabel) and \(c.small.batchLabel) differ by \(delta) points, within noise."
            }
        }
        if rows.contains(where: { !$0.trainFromFullPass }) {
            text += " Some runs have no full pass over the training set: their training figures are running means over each epoch's batches."
        }
        return Finding(kind: .generalizationGap, headline: "Generalisation gap", text: text, runs: rows.flatMap(\.runs))
    }
}
