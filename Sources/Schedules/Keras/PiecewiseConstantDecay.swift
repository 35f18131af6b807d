public import Results
extension Keras {
    /// `keras.optimizers.schedules.PiecewiseConstantDecay`: `values[0]` for `s <= b[0]`,
    /// `values[i]` for `b[i-1] < s <= b[i]`, `values[-1]` for `s > b[-1]`, so the rate changes
    /// at step `b + 1`. Computed as Keras does, as a sum of indicator terms, so unsorted
    /// boundaries add values up. Boundaries are cast to the integer step type (truncated).
    public struct PiecewiseConstantDecay: Schedule {
        public var boundaries: [Double]
        public var values: [Double]

        public init(boundaries: [Double], values: [Double]) {
            self.boundaries = boundaries.map { $0.isFinite ? $0.rounded(.towardZero) : $0 }
            self.values = values
        }

        public func learningRate(at step: Int) -> Double {
            guard let first = boundaries.first, let last = boundaries.last,
                  let v0 = values.first, let vLast = values.last, values.count == boundaries.count + 1 else { return .nan }
            let x = Double(step)
            var result = 0.0
            if x <= first { result += v0 }
            if x > last { result += vLast }
            for i in 0..<(boundaries.count - 1) where x > boundaries[i] && x <= boundaries[i + 1] {
                result += values[i + 1]
            }
            return result
        }

        public var info: ScheduleInfo {
            let markers = boundaries.map { ScheduleInfo.Marker(.milestone, at: clampedSteps($0 + 1)) }
            return ScheduleInfo(defaultSteps: drawLength(clampedSteps(boundaries.max() ?? 100)), markers: markers)
        }
    }
}
