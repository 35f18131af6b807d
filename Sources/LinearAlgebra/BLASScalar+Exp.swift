extension Float {
    /// eˣ in straight-line arithmetic (no libm call, no branch, no trapping conversion), so
    /// loops over it vectorise. Cephes' `expf`: `x = n·ln2 + r`, a degree-6 polynomial in r,
    /// then `2ⁿ` applied as two factors built in the exponent bits (so subnormal results and
    /// overflow to +∞ round correctly). Within 2 ulp of `exp` over the normal range; NaN stays
    /// NaN, −∞ gives 0, +∞ gives +∞.
    @inlinable
    public static func vectorizableExp(_ x: Float) -> Float {
        let clamped = x < -104 ? -104 : (x > 89 ? 89 : x)
        // n = round(x / ln2) with the 1.5·2²³ trick (exact for |n| < 2²²)
        let shifter: Float = 12_582_912
        let shifted = clamped * 1.442_695_04 + shifter
        let n = shifted - shifter
        let nBits = Int32(bitPattern: shifted.bitPattern &- shifter.bitPattern)
        var r = clamped - n * 0.693_359_375
        r = r - n * -2.121_944_4e-4
        var p: Float = 1.987_569_15e-4
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        let y = p * (r * r) + r + 1
        let half = nBits &>> 1, rest = nBits &- half   // each in [−75, 64]: normal powers of two
        let scale1 = Float(bitPattern: UInt32(bitPattern: (half &+ 127) &<< 23))
        let scale2 = Float(bitPattern: UInt32(bitPattern: (rest &+ 127) &<< 23))
        let result = y * scale1 * scale2
        return x.isNaN ? x : result
    }
}

extension Double {
    /// `exp` itself: Double runs gradient checks, where accuracy matters more than speed.
    @inlinable
    public static func vectorizableExp(_ x: Double) -> Double { exp(x) }
}
