import LinearAlgebra
import Testing

@Suite struct GemmTests {
    /// op(A)·op(B) by the definition, in Double, with A and B stored as the transposes say.
    static func naive(_ ta: Transpose, _ tb: Transpose, m: Int, n: Int, k: Int,
                      a: [Double], b: [Double]) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let aip = ta == .none ? a[i * k + p] : a[p * m + i]
                    let bpj = tb == .none ? b[p * n + j] : b[j * k + p]
                    sum += aip * bpj
                }
                c[i * n + j] = sum
            }
        }
        return c
    }

    static let transposes: [(Transpose, Transpose)] = [(.none, .none), (.none, .transpose),
                                                        (.transpose, .none), (.transpose, .transpose)]

    @Test(arguments: 0..<4)
    func doubleMatchesNaiveLoop(combination: Int) {
        let (ta, tb) = Self.transposes[combination]
        let m = 5, n = 3, k = 7
        let a = (0..<(m * k)).map { Double(($0 * 37) % 11) - 5.5 }
        let b = (0..<(k * n)).map { Double(($0 * 13) % 7) * 0.25 - 0.5 }
        let c0 = (0..<(m * n)).map { Double($0) * 0.1 }
        var c = c0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    Double.gemm(ta, tb, m: m, n: n, k: k, alpha: 2, a: a, b: b, beta: 0.5, c: c)
                }
            }
        }
        let expected = Self.naive(ta, tb, m: m, n: n, k: k, a: a, b: b)
        for i in 0..<(m * n) {
            #expect(abs(c[i] - (2 * expected[i] + 0.5 * c0[i])) <= 1e-12 * max(1, abs(c[i])))
        }
    }

    @Test(arguments: 0..<4)
    func floatMatchesNaiveLoop(combination: Int) {
        let (ta, tb) = Self.transposes[combination]
        let m = 4, n = 6, k = 3
        let a = (0..<(m * k)).map { Float(($0 * 5) % 9) - 4 }
        let b = (0..<(k * n)).map { Float(($0 * 7) % 5) - 2 }
        var c = [Float](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    Float.gemm(ta, tb, m: m, n: n, k: k, alpha: 1, a: a, b: b, beta: 0, c: c)
                }
            }
        }
        let expected = Self.naive(ta, tb, m: m, n: n, k: k, a: a.map(Double.init), b: b.map(Double.init))
        // small integers: exact in Float
        #expect(c.map(Double.init) == expected)
    }

    @Test func leadingDimensionsSelectSubmatrices() {
        // A is the left 2×2 block of a 2×3 storage; C the left 2×2 block of 2×4.
        let a: [Double] = [1, 2, 99, 3, 4, 99]
        let b: [Double] = [1, 0, 0, 1]
        var c = [Double](repeating: -1, count: 8)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    Double.gemm(.none, .none, m: 2, n: 2, k: 2, alpha: 1, a: a.baseAddress!, lda: 3,
                                b: b.baseAddress!, ldb: 2, beta: 0, c: c.baseAddress!, ldc: 4)
                }
            }
        }
        #expect(c == [1, 2, -1, -1, 3, 4, -1, -1])
    }

    @Test func threadCountCanBeSet() {
        let before = BLAS.threads
        BLAS.setThreads(1)
        #expect(BLAS.threads == 1)
        BLAS.setThreads(before)
    }

    @Test func elementaryFunctionsMatchPrecision() {
        #expect(Float.exp(0) == 1)
        #expect(abs(Double.log(Double.exp(1.5)) - 1.5) < 1e-15)
        #expect(Double.tanh(0) == 0)
    }
}

@Suite struct VectorizableExpTests {
    @Test func floatWithinTwoUlpOfExp() {
        var worst: Float = 0
        var x: Float = -87.3
        while x <= 88.7 {
            let exact = Float.exp(x)
            let fast = Float.vectorizableExp(x)
            worst = max(worst, abs(fast - exact) / exact.ulp)
            x += 0.0137
        }
        #expect(worst <= 2)
    }

    @Test func edgesAndDouble() {
        #expect(Float.vectorizableExp(0) == 1)
        #expect(Float.vectorizableExp(.nan).isNaN)
                #expect(Float.vectorizableExp(-1000) == 0)
        #expect(Float.vectorizableExp(-.infinity) == 0)
        #expect(Float.vectorizableExp(.infinity) == .infinity)
        #expect(Float.vectorizableExp(89) == .infinity)
        let subnormal = Float.vectorizableExp(-95)   // ≈ 5.5e−42
        #expect(abs(subnormal - Float.exp(-95)) <= 2 * Float.leastNonzeroMagnitude)
        #expect(Double.vectorizableExp(1.25) == Double.exp(1.25))
    }
}

@Suite struct SumOfSquaresTests {
    @Test(arguments: [0, 1, 7, 8, 9, 1023, 1024, 1025, 5000])
    func matchesDoubleLoop(count: Int) {
        let values = (0..<count).map { Float(($0 * 7919) % 1000) / 997 - 0.5 }
        let expected = values.reduce(0.0) { $0 + Double($1) * Double($1) }
        let got = values.withUnsafeBufferPointer { Float.sumOfSquares($0.baseAddress ?? UnsafePointer(bitPattern: 8)!, count: count) }
        #expect(abs(got - expected) <= 1e-6 * max(expected, 1))
        let doubles = values.map(Double.init)
        let exact = doubles.withUnsafeBufferPointer { Double.sumOfSquares($0.baseAddress ?? UnsafePointer(bitPattern: 8)!, count: count) }
        #expect(abs(exact - expected) <= 1e-12 * max(expected, 1))
    }
}
