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
        /// Pieces given so far (a range), or steps given so far (a list).
        fileprivate var piece = 0

        public mutating func next() -> [Int]? {
            let size = ScheduleTable.chunkSize
            switch steps {
            case let .list(list):
                guard piece < list.count else { return nil }
                let end = list.count - piece > size ? piece + size : list.count
                defer { piece = end }
                return Array(list[piece..<end])
            case let .range(start, stop, step):
                // `piece` counts pieces; one starts at start + piece·size·step (overflow checked).
                let (span, o1) = size.multipliedReportingOverflow(by: step)
                let (offset, o2) = span.multipliedReportingOverflow(by: piece)
                let (first, o3) = start.addingReportingOverflow(offset)
                guard !o1, !o2, !o3, first < stop else { return nil }
                piece += 1
                let (end, o4) = first.addingReportingOverflow(span)
                return Array(Swift.stride(from: first, to: o4 ? stop : Swift.min(stop, end), by: step))
            }
        }
    }

    public func makeIterator() -> Iterator { Iterator(steps: steps) }
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
