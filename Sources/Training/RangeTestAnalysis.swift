import Foundation

/// How the range test's curve is smoothed and read: the smoothed loss drawn and the three rates the
/// test suggests (steepest descent, blow-up, a safe starting range).
///
/// **Smoothing.** The loss of one minibatch is noisy, so the curve is smoothed before it is read. An
/// exponential moving average (fastai's β = 0.98, lrlab's former 0.9) is causal: it averages the past, so
/// on a ramp whose loss falls or rises steadily it trails the raw loss by β / (1 − β) steps — 9 steps,
/// 0.73 of a decade of rate at the default 100 steps over 8 decades — and moves the steepest point and
/// the blow-up to the right by as much. Here every point is instead the value at its own rate of a
/// weighted least-squares *line* through the raw losses around it (local linear regression, Gaussian
/// weights in log10 of the rate with σ = `bandwidth` decades, cut at 3σ). The window is centred, so it
/// does not lag; it is a line, not a mean, so a steady fall or rise is followed without bias, also at
/// the two ends of the ramp where the window is one-sided; and it is measured in decades of rate, so a
/// longer ramp (`--steps 300`) averages more points over the same span of rates.
///
/// σ = 0.1 decade (1.2 steps at 100 steps over 8 decades, 3.7 at 300): the curve's one narrow feature,
/// the dip between the steepest fall and the blow-up, is about 0.3 decade wide, and a wider window fills
/// it in. On digits (batch 64, 100 steps) the raw loss bottoms out at 0.47; σ = 0.2 put the smoothed
/// minimum at 0.88, σ = 0.1 at 0.64, while still taking the step-to-step noise down 5×. A local quadratic
/// fit would follow the dip more closely but overshoots at the blow-up (below zero on digits at batch 1024).
/// A sudden jump is spread over about ±1.5σ, so the blow-up is seen up to 0.15 decade early.
/// Non-finite losses take no part in the fit; their point's smoothed loss is not finite either.
///
/// The stopping rule during the ramp must be causal, so it still uses the bias-corrected moving average
/// (`RangeTestOptions.smoothing`); only the stored curve and the suggestions use this smoother.
public enum RangeTestAnalysis {
    /// The smoother's σ, decades of rate.
    public static let bandwidth = 0.1

    /// The smoothed losses of a ramp, one per point (see the type's comment): the centred local linear fit
    /// at each point's log10 rate. A point whose own loss or rate is not finite (or whose rate is not
    /// positive) gets `.nan`.
    public static func smoothed(rates: [Double], losses: [Double], bandwidth: Double = RangeTestAnalysis.bandwidth) -> [Double] {
        let x = rates.map { $0 > 0 && $0.isFinite ? log10($0) : Double.nan }
        let usable = zip(x, losses).enumerated().filter { $0.element.0.isFinite && $0.element.1.isFinite }.map(\.offset)
        let reach = 3 * bandwidth
        return rates.indices.map { i -> Double in
            guard i < losses.count, x[i].isFinite, losses[i].isFinite else { return .nan }
            var sw = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
            for j in usable {
                let d = x[j] - x[i]
                guard abs(d) <= reach else { continue }
                let w = exp(-0.5 * (d / bandwidth) * (d / bandwidth))
                sw += w
                sx += w * d
                sy += w * losses[j]
                sxx += w * d * d
                sxy += w * d * losses[j]
            }
            // The fitted line at d = 0: its intercept. With one point (or all at one rate) it is their mean.
            let det = sw * sxx - sx * sx
            guard sw > 0 else { return losses[i] }
            guard det > 1e-12 * sw * sw else { return sy / sw }
            return (sy * sxx - sx * sxy) / det
        }
    }

    /// What a ramp's smoothed curve says.
    public struct Reading: Sendable, Equatable {
        /// The index of the point of steepest descent: the most negative slope of the smoothed loss against
        /// log10 of the rate (central differences), before the smoothed loss's minimum; nil when the loss
        /// never fell.
        public var steepest: Int?
        /// The index of the smoothed loss's minimum (finite points before the first non-finite loss); nil when
        /// there is none.
        public var minimum: Int?
        /// The index of the first point after the minimum where the smoothed loss exceeded `stopFactor` × its
        /// minimum, or of the first non-finite loss, whichever comes first; when neither happened but the ramp
        /// stopped early (its causal stopping rule fired first), its last point; nil when the loss never blew up.
        /// The centred smoother spreads a sudden jump of the loss over about ±1.5σ, so a jump is seen up to
        /// 0.15 decade before it: the reading errs on the side of lower rates.
        public var blowUp: Int?
        /// The safe starting range: from a decade below the steepest rate to the steepest rate, the upper end
        /// capped at half the minimum's rate (past it the loss has stopped falling); nil without a steepest point.
        public var safeRange: ClosedRange<Double>?
    }

    /// Reads a ramp: `rates` rising, `smoothed` its smoothed losses, `losses` the raw ones (for non-finite
    /// values), `stoppedEarly` when the stopping rule ended it.
    public static func read(rates: [Double], losses: [Double], smoothed: [Double], stopFactor: Double,
                            stoppedEarly: Bool) -> Reading {
        let n = min(rates.count, losses.count, smoothed.count)
        // The curve is read up to its first non-finite loss, which is a blow-up wherever it comes.
        let firstNonFinite = (0..<n).first { !losses[$0].isFinite }
        let finite = (0..<(firstNonFinite ?? n)).filter { smoothed[$0].isFinite && rates[$0] > 0 && rates[$0].isFinite }
        guard let minimum = finite.min(by: { smoothed[$0] < smoothed[$1] }) else {
            return Reading(steepest: nil, minimum: nil, blowUp: firstNonFinite ?? (n > 0 && stoppedEarly ? n - 1 : nil),
                           safeRange: nil)
        }
        // Steepest descent: central differences over finite neighbours, before the minimum.
        let before = finite.filter { $0 <= minimum }
        var steepest: Int?, steepestSlope = 0.0
        if before.count >= 3 {
            for k in 1..<(before.count - 1) {
                let a = before[k - 1], b = before[k + 1]
                let run = log10(rates[b]) - log10(rates[a])
                guard run > 0 else { continue }
                let slope = (smoothed[b] - smoothed[a]) / run
                if slope < steepestSlope {
                    steepestSlope = slope
                    steepest = before[k]
                }
            }
        }
        let limit = stopFactor * smoothed[minimum]
        var blowUp = (minimum + 1..<(firstNonFinite ?? n)).first { !smoothed[$0].isFinite || smoothed[$0] > limit } ?? firstNonFinite
        if blowUp == nil, stoppedEarly, n > minimum + 1 { blowUp = n - 1 }
        let safe = steepest.map { i -> ClosedRange<Double> in
            let high = min(rates[i], rates[minimum] / 2)
            return min(rates[i] / 10, high)...high
        }
        return Reading(steepest: steepest, minimum: minimum, blowUp: blowUp, safeRange: safe)
    }
}
