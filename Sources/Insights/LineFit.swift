/// An ordinary least-squares line through points: its slope, the spread of x (Σ(x − x̄)², for
/// the slope's standard error) and the residual variance (Σe² / (n − 2), or / 1 with two points).
/// nil with fewer than two points or when every x is the same.
struct LineFit {
    let slope: Double
    let sxx: Double
    let residualVariance: Double

    init?(x: [Double], y: [Double]) {
        let n = Double(min(x.count, y.count))
        guard n >= 2 else { return nil }
        let mx = x.prefix(Int(n)).reduce(0, +) / n, my = y.prefix(Int(n)).reduce(0, +) / n
        let sxx = x.prefix(Int(n)).reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        guard sxx > 0 else { return nil }
        let slope = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
        let residual = zip(x, y).reduce(0) { acc, p in
            let e = p.1 - (my + slope * (p.0 - mx)); return acc + e * e
        }
        self.slope = slope
        self.sxx = sxx
        residualVariance = residual / max(n - 2, 1)
    }
}
