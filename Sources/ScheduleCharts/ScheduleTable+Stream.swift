public import Diagnostics
public import Schedules

/// The steps of a table, in pieces of at most `ScheduleTable.chunkSize`: a range of any length
/// (`START:STOP:STEP`, up to 4,294,967,295 steps) or a list. Only one piece is in memory at a time.
public struct StepChunks: Sequence, Sendable {
    fileprivate enum Steps: Sendable {
        case range(start: Int, stop: Int, step: Int)
        case list([Int])
    }
    private let steps: Steps

    /// `start, start + step, …` below `stop` (nothing when `stop <= start` or `step < 1`).
    public init(start: Int, stop: Int, by step: Int) { steps = .range(start: start, stop: stop, step: Swift.max(1, step)) }

    /// Steps `0..<count`.
    public init(count: Int) { self.init(start: 0, stop: count, by: 1) }

    /// These steps, in this order.
    public init(_ list: [Int]) { steps = .list(list) }

    public struct Iterator: IteratorProtocol {
        fileprivate let steps: Steps
        /// Where the next piece starts: a step of a range, an index of a list (nil: done).
        fileprivate var start: Int?

        public mutating func next() -> [Int]? {
            let size = ScheduleTable.chunkSize
            guard let first = start else { return nil }
            switch steps {
            case let .list(list):
                guard first < list.count else { return nil }
                let end = list.count - first > size ? first + size : list.count
                start = end
                return Array(list[first..<end])
            case let .range(_, stop, step):
                guard first < stop else { return nil }
                // The piece ends before stop, or after `size` steps; overflow means stop comes first.
                let (span, o1) = size.multipliedReportingOverflow(by: step)
                let (end, o2) = first.addingReportingOverflow(span)
                let piece = Array(Swift.stride(from: first, to: o1 || o2 ? stop : Swift.min(stop, end), by: step))
                let (after, o3) = (piece.last ?? first).addingReportingOverflow(step)
                start = o3 ? nil : after
                return piece
            }
        }
    }

    public func makeIterator() -> Iterator {
        switch steps {
        case .list: return Iterator(steps: steps, start: 0)
        case let .range(start, _, _): return Iterator(steps: steps, start: start)
        }
    }
}

/// Tables of any length, written a piece at a time.
extension ScheduleTable {
    /// Steps evaluated and written at a time, so that a table of any length holds at most this
    /// many steps and rates (a few MB) in memory.
    public static let chunkSize = 1 << 16

    /// CSV for `steps`, handed to `write` a piece at a time.
    public static func csv(_ schedule: any Schedule, steps: StepChunks,
                           to write: (String) throws(InputError) -> Void) throws(InputError) {
        let reader = schedule.rateReader()
        try write("step,learning_rate\n")
        for piece in steps {
            try write(rows(steps: piece, rates: reader.rates(at: piece)))
        }
    }

    /// JSON (as `json(spec:steps:rates:)`) for `steps`, handed to `write` a piece at a time: the
    /// steps array, then the rates array.
    public static func json(spec: ScheduleSpec, schedule: any Schedule, steps: StepChunks,
                            to write: (String) throws(InputError) -> Void) throws(InputError) {
        try write(jsonHead(spec) + " \"steps\": [")
        var first = true
        for piece in steps where !piece.isEmpty {
            try write((first ? "" : ", ") + jsonSteps(piece))
            first = false
        }
        try write("],\n \"learning_rates\": [")
        let reader = schedule.rateReader()
        first = true
        for piece in steps where !piece.isEmpty {
            try write((first ? "" : ", ") + jsonRates(reader.rates(at: piece)))
            first = false
        }
        try write("]}\n")
    }
}
