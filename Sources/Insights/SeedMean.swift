import Formatting
import Foundation

/// The mean of one quantity over a grid point's seeds, with its sample standard deviation and a
/// 95% Student-t interval for the mean: what tables show as "mean ± spread" and findings compare.
public struct SeedMean: Sendable, Equatable {
    public var mean: Double
    /// Sample standard deviation (n − 1 in the denominator); nil with one value.
    public var standardDeviation: Double?
    /// Values averaged (the finite ones given).
    public var count: Int

    /// From the finite `values`; nil when there is none.
    public init?(_ values: [Double]) {
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty else { return nil }
        let m = finite.reduce(0, +) / Double(finite.count)
        mean = m
        count = finite.count
        if finite.count > 1 {
            let squares = finite.reduce(0) { $0 + ($1 - m) * ($1 - m) }
            standardDeviation = (squares / Double(finite.count - 1)).squareRoot()
        } else {
            standardDeviation = nil
        }
    }

    public init(mean: Double, standardDeviation: Double?, count: Int) {
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.count = count
    }

    /// A mean of epoch numbers: whole when it is ("3"), else to a tenth ("2.5"): a mean over
    /// seeds may fall between epochs.
    public var epochText: String {
        formatFixed(mean, decimals: abs(mean - mean.rounded()) < 1e-9 ? 0 : 1)
    }

    /// The half-width of the 95% confidence interval of the mean, t₀.₉₇₅(n − 1) · sd / √n; nil
    /// with fewer than two values.
    public var halfWidth95: Double? {
        guard count >= 2, let sd = standardDeviation else { return nil }
        return StudentT.quantile(0.975, degreesOfFreedom: Double(count - 1)) * sd / Double(count).squareRoot()
    }

    /// The 95% Student-t confidence interval of the mean; nil with fewer than two values.
    public var interval95: ClosedRange<Double>? {
        guard let h = halfWidth95, h.isFinite else { return nil }
        return (mean - h)...(mean + h)
    }
}

/// Student's t distribution: its CDF through the regularized incomplete beta function, and its
/// quantiles by bisection on the CDF (exact to about 1e-12, any degrees of freedom).
public enum StudentT {
    /// P(T ≤ t) for ν degrees of freedom (ν > 0).
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard nu > 0, !t.isNaN else { return .nan }
        if t.isInfinite { return t > 0 ? 1 : 0 }
        // P(|T| > |t|) = I_x(ν/2, 1/2) with x = ν / (ν + t²).
        let x = nu / (nu + t * t)
        let tail = 0.5 * regularizedBeta(x, a: nu / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The p-quantile (0 < p < 1) for ν degrees of freedom: t with P(T ≤ t) = p. t₀.₉₇₅(4) = 2.776.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        guard nu > 0, p > 0, p < 1 else { return .nan }
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
        // Bracket, then bisect: the CDF is increasing.
        var lo = 0.0, hi = 1.0
        while cdf(hi, degreesOfFreedom: nu) < p && hi < 1e12 { lo = hi; hi *= 2 }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if cdf(mid, degreesOfFreedom: nu) < p { lo = mid } else { hi = mid }
            if hi - lo <= 1e-13 * max(1, hi) { break }
        }
        return (lo + hi) / 2
    }

    /// I_x(a, b), the regularized incomplete beta function, by its continued fraction
    /// (Numerical Recipes, "betai" and "betacf").
    static func regularizedBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logBeta + logPowers
        let front = exp(logFront)
        // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - front * continuedFraction(1 - x, a: b, b: a) / b
    }

    static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }
}
