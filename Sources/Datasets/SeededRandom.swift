/// xoshiro256** seeded through SplitMix64: a small, fast generator whose streams are the
/// same on every platform and Swift version (unlike the standard library's algorithms).
///
/// Used for splits, synthetic data, weight initialisation and per-epoch shuffles.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    /// Expands `seed` into the 256-bit state with SplitMix64.
    public init(seed: UInt64) {
        var z = seed
        func splitMix() -> UInt64 {
            z &+= 0x9E37_79B9_7F4A_7C15
            var x = z
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            return x ^ (x >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        nextWord()
    }

    @inline(__always)
    private mutating func nextWord() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform `Double` in `[0, 1)` with 53 random bits.
    public mutating func unitDouble() -> Double {
        Double(nextWord() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` (Lemire's method, unbiased). `bound` must be > 0.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below: bound must be positive")
        let b = UInt64(bound)
        var product = nextWord().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = nextWord().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// Fisher–Yates shuffle (from the back), using `below`.
    @inlinable
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ items: inout C) where C.Index == Int {
        var i = items.count - 1
        let start = items.startIndex
        while i > 0 {
            let j = below(i + 1)
            items.swapAt(start + i, start + j)
            i -= 1
        }
    }
}
