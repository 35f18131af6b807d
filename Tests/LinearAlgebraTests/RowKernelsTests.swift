import LinearAlgebra
import Testing

/// The row kernels of every level this CPU runs (AVX-512, AVX2, plain loops) against sums in
/// Double, over shapes that reach every tile edge: row counts off the 6-row tiles, more rows
/// than a 256-row chunk of the weight gradient, column counts below, at and past 64 and 16
/// (the masked 16- and 8-column tails), one feature, one output.
@Suite struct RowKernelsTests {
    static var levels: [RowKernels.Level] { RowKernels.Level.allCases.filter { $0 <= RowKernels.level } }

    static var cases: [(RowKernels.Level, Shape)] { levels.flatMap { level in shapes.map { (level, $0) } } }

    /// A deterministic table of `count` values in [−1, 1).
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        return (0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Float(state >> 40) / Float(1 << 23) - 1
        }
    }

    typealias Shape = (rows: Int, inputs: Int, outputs: Int)

    static let shapes: [Shape] = [
        (1, 1, 1), (5, 3, 10), (6, 7, 16), (7, 13, 17), (11, 3, 15), (13, 64, 64), (64, 784, 128), (257, 20, 130),
        (300, 9, 65), (512, 31, 100), (2, 5, 200), (9, 11, 24), (4, 5, 8), (3, 2, 49), (8, 4, 23),
    ]

    @Test(arguments: cases)
    func forwardAddsTheProductOfTheIndexedRows(level: RowKernels.Level, shape: Shape) {
        let (rows, inputs, outputs) = shape
        let tableRows = rows + 11
        let table = Self.values(tableRows * inputs, seed: 1)
        let weights = Self.values(inputs * outputs, seed: 2)
        let start = Self.values(rows * outputs, seed: 3)
        let order = (0..<rows).map { ($0 * 7 + 3) % tableRows }
        var z = start
        var block = start  // the first `rows` table rows, read as a block (`rows: nil`)
        table.withUnsafeBufferPointer { t in
            weights.withUnsafeBufferPointer { w in
                block.withUnsafeMutableBufferPointer { bp in
                    RowKernels.forward(table: t.baseAddress!, inputs: inputs, rows: nil, count: rows,
                                       weights: w.baseAddress!, outputs: outputs, into: bp.baseAddress!, at: level)
                }
            }
        }
        table.withUnsafeBufferPointer { t in
            weights.withUnsafeBufferPointer { w in
                order.withUnsafeBufferPointer { o in
                    z.withUnsafeMutableBufferPointer { zp in
                        RowKernels.forward(table: t.baseAddress!, inputs: inputs, rows: o.baseAddress!, count: rows,
                                           weights: w.baseAddress!, outputs: outputs, into: zp.baseAddress!, at: level)
                    }
                }
            }
        }
        var worst = 0.0
        for r in 0..<rows {
            for n in 0..<outputs {
                var sum = Double(start[r * outputs + n])
                for k in 0..<inputs { sum += Double(table[order[r] * inputs + k]) * Double(weights[k * outputs + n]) }
                worst = max(worst, abs(sum - Double(z[r * outputs + n])) / (1 + abs(sum)))
                var direct = Double(start[r * outputs + n])
                for k in 0..<inputs { direct += Double(table[r * inputs + k]) * Double(weights[k * outputs + n]) }
                worst = max(worst, abs(direct - Double(block[r * outputs + n])) / (1 + abs(direct)))
            }
        }
        #expect(worst < 1e-5 * Double(max(inputs, 1)).squareRoot(), "\(level) shape \(shape)")
    }

    @Test(arguments: cases)
    func weightGradientSumsOverTheIndexedRows(level: RowKernels.Level, shape: Shape) {
        let (rows, inputs, outputs) = shape
        let tableRows = rows + 11
        let table = Self.values(tableRows * inputs, seed: 4)
        let delta = Self.values(rows * outputs, seed: 5)
        let order = (0..<rows).map { ($0 * 5 + 1) % tableRows }
        var g = [Float](repeating: .nan, count: inputs * outputs)  // overwritten, never read
        table.withUnsafeBufferPointer { t in
            delta.withUnsafeBufferPointer { d in
                order.withUnsafeBufferPointer { o in
                    g.withUnsafeMutableBufferPointer { gp in
                        RowKernels.weightGradient(table: t.baseAddress!, inputs: inputs, rows: o.baseAddress!, count: rows,
                                                  delta: d.baseAddress!, outputs: outputs, into: gp.baseAddress!, at: level)
                    }
                }
            }
        }
        var worst = 0.0
        for f in 0..<inputs {
            for n in 0..<outputs {
                var sum = 0.0
                for r in 0..<rows { sum += Double(table[order[r] * inputs + f]) * Double(delta[r * outputs + n]) }
                worst = max(worst, abs(sum - Double(g[f * outputs + n])) / (1 + abs(sum)))
            }
        }
        #expect(worst < 1e-5 * Double(max(rows, 1)).squareRoot(), "\(level) shape \(shape)")
    }
}
