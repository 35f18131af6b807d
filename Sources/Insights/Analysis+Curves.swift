import Formatting
import Foundation
import Results

/// The shape of one grid point's learning curve, read from its trend over all seeds.
enum CurveShape: Int, CaseIterable {
    case collapsed, noisy, improving, overfitting
}

/// Thresholds of the curve readings. Accuracies are fractions; each was chosen so that the
/// sample sweep's curves (digits, 359 test examples, one example = 0.28 points) read as a
/// person reading the chart would: well above seed-to-seed noise (≤ 1 point there).
enum CurveThresholds {
    /// Fewer epochs than this give no trend worth reading.
    static let minimumEpochs = 6
    /// The trend is read over the last third of training, at least this many epochs.
    static let minimumTail = 3
    /// A fall from the peak to the end this large (10 points) is lost progress, not noise.
    static let collapseDrop = 0.10
    /// A rise over the last third of at least 1 point (3–4 test examples of 359) …
    static let improvingGain = 0.01
    /// … that is at least twice the scatter about the trend …
    static let trendOverNoise = 2.0
    /// … and still worth 0.2 points an epoch (2 points over 10 more epochs) is still improving;
    /// a slower creep near the top is convergence, not a rate that is too low.
    static let improvingPerEpoch = 0.002
    /// Scatter about the trend of at least 2 points (7 examples of 359), with less gain than
    /// scatter, is noise without progress.
    static let noisySwing = 0.02
    /// A final test loss 10 % above its minimum, reached at least 3 epochs before the end while
    /// the training loss kept falling, is overfitting.
    static let overfitRise = 0.10
    static let overfitEpochs = 3
}

extension Analysis {
    /// One finding per curve shape seen, naming the points that have it.
    static func curves(_ groups: [PointGroup]) -> [Finding] {
        var byShape: [CurveShape: [(PointGroup, String)]] = [:]
        for group in groups where !group.allDiverged {
            for (shape, detail) in readCurve(group) { byShape[shape, default: []].append((group, detail)) }
        }
        return CurveShape.allCases.compactMap { shape in
            guard let cases = byShape[shape], !cases.isEmpty else { return nil }
            let shown = cases.prefix(8).map { "\(name($0.0)) (\($0.1))" }
            let more = cases.count > 8 ? " and \(cases.count - 8) more" : ""
            let list = shown.joined(separator: "; ") + more
            let text: String
            switch shape {
            case .collapsed:
                text = "Lost progress: " + list + ". The rate is high enough to undo what was learned (with ReLU, often by killing hidden units) but not to count as diverged; a lower rate or a decaying schedule would keep the peak."
            case .noisy:
                text = "Noisy without progress in the last third of training: " + list + ". The steps are too large for the noise of each batch: the rate is too high or the batch too small."
            case .improving:
                text = "Still improving at the end: " + list + ". These runs have not converged: the rate is too low or training too short; more epochs or a higher rate would go further."
            case .overfitting:
                text = "Test loss rising while the training loss falls (overfitting): " + list + ". Stop earlier, or add weight decay, dropout or data."
            }
            return Finding(kind: .curve, headline: headline(shape), text: text, runs: cases.flatMap(\.0.runIds))
        }
    }

    static func headline(_ shape: CurveShape) -> String {
        switch shape {
        case .collapsed: return "Lost progress"
        case .noisy: return "Noisy runs"
        case .improving: return "Still improving"
        case .overfitting: return "Overfitting"
        }
    }

    /// The shapes one point's curves show, each with the numbers behind it.
    static func readCurve(_ group: PointGroup) -> [(CurveShape, String)] {
        let validation = group.runs.allSatisfy(\.hasValidation)
        let curve = meanCurve(group.runs) { validation ? $0.validationAccuracy : $0.testAccuracy }
        guard curve.count >= CurveThresholds.minimumEpochs, let last = curve.last,
              let peak = curve.max(by: { $0.value < $1.value }) else { return [] }
        var shapes: [(CurveShape, String)] = []
        if peak.value - last.value >= CurveThresholds.collapseDrop {
            shapes.append((.collapsed, "from \(NumberText.percent(peak.value)) in epoch \(peak.epoch) to \(NumberText.percent(last.value))"))
        } else {
            let tail = Array(curve.suffix(max(CurveThresholds.minimumTail, curve.count / 3)))
            let (slope, scatter) = trend(tail)
            let gain = slope * Double(max(tail.count - 1, 1))
            if gain >= CurveThresholds.improvingGain, gain >= CurveThresholds.trendOverNoise * scatter,
               slope >= CurveThresholds.improvingPerEpoch {
                shapes.append((.improving, "+\(formatFixed(gain * 100, decimals: 1)) points over the last \(tail.count) epochs, to \(NumberText.percent(last.value))"))
            } else if scatter >= CurveThresholds.noisySwing, abs(gain) < scatter {
                shapes.append((.noisy, "±\(formatFixed(scatter * 100, decimals: 1)) points around \(NumberText.percent(tail.map(\.value).reduce(0, +) / Double(tail.count)))"))
            }
        }
        // A collapse drags the test loss up too; that is not overfitting.
        if shapes.first?.0 != .collapsed, let overfit = overfitting(group) { shapes.append((.overfitting, overfit)) }
        return shapes
    }

    /// Least-squares slope per epoch and the standard deviation of the residuals.
    static func trend(_ points: [(epoch: Int, value: Double)]) -> (slope: Double, scatter: Double) {
        guard let fit = LineFit(x: points.map { Double($0.epoch) }, y: points.map(\.value)) else { return (0, 0) }
        return (fit.slope, fit.residualVariance.squareRoot())
    }

    /// "test loss rising from epoch 12 (0.081 → 0.104)" when the mean test loss rose well above its
    /// minimum while the training loss kept falling.
    static func overfitting(_ group: PointGroup) -> String? {
        let test = meanCurve(group.runs) { $0.testLoss }
        let train = meanCurve(group.runs) { $0.trainLoss }
        guard test.count >= CurveThresholds.minimumEpochs, let last = test.last,
              let low = test.min(by: { $0.value < $1.value }), low.value > 0,
              last.epoch - low.epoch >= CurveThresholds.overfitEpochs,
              last.value >= low.value * (1 + CurveThresholds.overfitRise),
              let trainAtLow = train.first(where: { $0.epoch == low.epoch })?.value,
              let trainLast = train.last?.value, trainLast < trainAtLow else { return nil }
        return "test loss rising from epoch \(low.epoch), \(NumberText.loss(low.value)) → \(NumberText.loss(last.value))"
    }
}
