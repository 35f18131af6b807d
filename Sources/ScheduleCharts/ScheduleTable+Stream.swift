public import Diagnostics
public import Schedules

/// Tables of any length, written a chunk at a time.
extension ScheduleTable {
    /// Steps evaluated and written at a time for a default range, so that any length (a
    /// `num_steps` up to 4,294,967,295) holds at most this many steps and rates in memory.
    public static let chunkSize = 1 << 20

    /// The chunks of `0..<count`, in order.
    static func chunks(_ count: Int) -> [Range<Int>] {
        stride(from: 0, to: max(0, count), by: chunkSize).map { $0..<min(count, $0 + chunkSize) }
    }

    /// CSV for steps `0..<count`, handed to `write` a chunk at a time.
    public static func csv(_ schedule: any Schedule, count: Int,
                           to write: (String) throws(InputError) -> Void) throws(InputError) {
        try write("step,learning_rate\n")
        for chunk in chunks(count) {
            let steps = Array(chunk)
            try write(rows(steps: steps, rates: schedule.learningRates(at: steps)))
        }
    }

    /// JSON (as `json(spec:steps:rates:)`) for steps `0..<count`, handed to `write` a chunk at a time.
    public static func json(spec: ScheduleSpec, schedule: any Schedule, count: Int,
                            to write: (String) throws(InputError) -> Void) throws(InputError) {
        let parts = chunks(count)
        try write(jsonHead(spec) + " \"steps\": [")
        for (i, chunk) in parts.enumerated() {
            try write((i > 0 ? ", " : "") + jsonSteps(Array(chunk)))
        }
        try write("],\n \"learning_rates\": [")
        for (i, chunk) in parts.enumerated() {
            try write((i > 0 ? ", " : "") + jsonRates(schedule.learningRates(at: Array(chunk))))
        }
        try write("]}\n")
    }
}
