extension Float {
    /// `Σ x[i]²` over `count` elements, in fixed order (deterministic): eight SIMD lanes in
    /// blocks of 1024 elements, each block's sum added in Double.
    @inlinable
    public static func sumOfSquares(_ x: UnsafePointer<Float>, count: Int) -> Double {
        var total = 0.0
        var i = 0
        let vectorEnd = count & ~7
        while i < vectorEnd {
            var lanes = SIMD8<Float>()
            let blockEnd = min(vectorEnd, i + 1024)
            while i < blockEnd {
                let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
                lanes += v * v
                i += 8
            }
            total += Double(lanes.sum())
        }
        while i < count {
            total += Double(x[i]) * Double(x[i])
            i += 1
        }
        return total
    }
}

extension Double {
    /// `Σ x[i]²` over `count` elements, in order.
    @inlinable
    public static func sumOfSquares(_ x: UnsafePointer<Double>, count: Int) -> Double {
        var total = 0.0
        for i in 0..<count { total += x[i] * x[i] }
        return total
    }
}
