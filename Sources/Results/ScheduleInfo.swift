/// Chart metadata of a schedule: phases, notable steps and how far to draw it. Computed by
/// `Schedules`; a run record keeps it (in optimizer updates) so reports can mark phases.
///
/// Steps are 0-based optimizer steps, as in `Schedule.learningRate(at:)`.
public struct ScheduleInfo: Sendable, Hashable, Codable {
    /// A named range of steps with the rates at its ends.
    public struct Phase: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable {
            case warmup, hold, decay, anneal, constant, cycle, zero
        }
        public var kind: Kind
        /// First step of the phase.
        public var start: Int
        /// Last step of the phase (inclusive).
        public var end: Int
        public var startRate: Double
        public var endRate: Double
        public init(_ kind: Kind, from start: Int, to end: Int, rates startRate: Double, _ endRate: Double) {
            self.kind = kind; self.start = start; self.end = end
            self.startRate = startRate; self.endRate = endRate
        }
    }

    /// A step worth marking on a chart.
    public struct Marker: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable {
            case milestone, restart, warmupEnd, holdEnd, totalSteps, cycleEnd
        }
        public var kind: Kind
        public var step: Int
        public init(_ kind: Kind, at step: Int) { self.kind = kind; self.step = step }
    }

    /// Steps `0..<defaultSteps` show the whole shape (and a little past its end when it has one).
    public var defaultSteps: Int
    public var phases: [Phase]
    public var markers: [Marker]

    public init(defaultSteps: Int, phases: [Phase] = [], markers: [Marker] = []) {
        self.defaultSteps = max(1, defaultSteps)
        self.phases = phases
        self.markers = markers
    }
}
