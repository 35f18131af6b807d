public import Diagnostics
import Foundation

/// Seeded toy classification problems (`data.dataset: synthetic`); see `SyntheticOptions.Kind`.
///
/// Row `i` belongs to class `i mod classes` (gaussian: to its distance shell), so classes are
/// balanced to within one row. Same options and seed, same bytes (on one platform: the
/// generators call the C library's `sin`, `cos` and `log`).
public enum Synthetic {
    /// Generates the dataset. Throws when `options.problem` is not nil.
    public static func make(_ options: SyntheticOptions, seed: UInt64) throws(InputError) -> Dataset {
        if let problem = options.problem { throw InputError(problem.message) }
        var random = SeededRandom(seed: seed)
        let n = options.samples, f = options.features, c = options.classes
        var x = [Float](repeating: 0, count: n * f)
        var labels = (0..<n).map { Int32($0 % c) }
        let noise = options.noise

        func set(_ row: Int, _ a: Double, _ b: Double) {
            x[row * f] = Float(a + noise * random.normal())
            x[row * f + 1] = Float(b + noise * random.normal())
            for column in 2..<max(2, f) { x[row * f + column] = Float(random.normal()) }
        }

        switch options.kind {
        case .spirals:
            for row in 0..<n {
                let t = random.unitDouble(), arm = Double(row % c)
                let angle = 2 * Double.pi * arm / Double(c) + 3.5 * Double.pi * t
                set(row, t * cos(angle), t * sin(angle))
            }
        case .moons:
            for row in 0..<n {
                let angle = Double.pi * random.unitDouble()
                if row % 2 == 0 { set(row, cos(angle), sin(angle)) } else { set(row, 1 - cos(angle), 0.5 - sin(angle)) }
            }
        case .circles:
            for row in 0..<n {
                let angle = 2 * Double.pi * random.unitDouble(), radius = Double(row % c + 1) / Double(c)
                set(row, radius * cos(angle), radius * sin(angle))
            }
        case .xor:
            for row in 0..<n {
                // Draw |a| and |b| then pick signs so that the class decides the quadrant parity.
                let a = random.unitDouble(), b = random.unitDouble(), flip = random.below(2) == 0
                let sameSign = row % 2 == 0
                set(row, flip ? -a : a, (flip == sameSign) ? -b : b)
            }
        case .blobs:
            let centres = (0..<(c * f)).map { _ in 20 * random.unitDouble() - 10 }
            for row in 0..<n {
                let base = (row % c) * f
                for column in 0..<f { x[row * f + column] = Float(centres[base + column] + noise * random.normal()) }
            }
        case .gaussian:
            var radii = [Double](repeating: 0, count: n)
            var points = [Double](repeating: 0, count: n * f)
            for row in 0..<n {
                var r2 = 0.0
                for column in 0..<f { let v = random.normal(); points[row * f + column] = v; r2 += v * v }
                radii[row] = r2
            }
            // Equal-count shells by rank of the distance (ties broken by row).
            let order = (0..<n).sorted { radii[$0] != radii[$1] ? radii[$0] < radii[$1] : $0 < $1 }
            for (rank, row) in order.enumerated() { labels[row] = Int32(rank * c / n) }
            for i in 0..<(n * f) { x[i] = Float(points[i] + noise * random.normal()) }
        }
        return Dataset(name: "synthetic-\(options.kind.rawValue)", features: x, labels: labels,
                       featureCount: f, classCount: c)
    }
}

extension SeededRandom {
    /// A standard normal `Double` (Box–Muller, one of the pair; never infinite).
    mutating func normal() -> Double {
        let u = 1 - unitDouble()  // (0, 1]
        let v = unitDouble()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
