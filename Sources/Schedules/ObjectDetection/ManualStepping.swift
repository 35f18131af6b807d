public import Results
extension ObjectDetection {
    /// `learning_schedules.manual_stepping`, in Float: `rates[i]` with `i = #{b : s >= b}`
    /// (a boundary belongs to the new rate). With `warmup`, `s < b0` gives
    /// `rates[0] + (rates[1]-rates[0])·s/b0` (slope in Double, as the library's Python does).
    public struct ManualStepping: Schedule {
        public var boundaries: [Int]
        public var rates: [Double]
        public var warmup: Bool

        public init(boundaries: [Int], rates: [Double], warmup: Bool = false) {
            self.boundaries = boundaries
            self.rates = rates
            self.warmup = warmup
        }

        public func learningRate(at step: Int) -> Double {
            guard rates.count == boundaries.count + 1 else { return .nan }
            if warmup, let b0 = boundaries.first, b0 > 0, step >= 0, step < b0 {
                let slope = (rates[1] - rates[0]) * 1.0 / Double(b0)
                return Double(Float(rates[0] + slope * Double(step)))
            }
            let index = boundaries.filter { step >= $0 }.count
            return Double(Float(rates[index]))
        }

        public var info: ScheduleInfo {
            var phases: [ScheduleInfo.Phase] = []
            if warmup, let b0 = boundaries.first, rates.count > 1 {
                phases.append(.init(.warmup, from: 0, to: b0, rates: rates[0], rates[1]))
            }
            return ScheduleInfo(defaultSteps: drawLength(boundaries.last ?? 100), phases: phases,
                                markers: boundaries.map { .init(.milestone, at: $0) })
        }
    }
}
