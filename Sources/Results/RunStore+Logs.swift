import Foundation

/// The bulky parts of a run record that a report rarely draws: the per-step log (`steps`) and
/// the sampled schedule (`setup.schedulePoints`), together about nine tenths of a `run.json`.
public struct RecordLogs: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let steps = RecordLogs(rawValue: 1)
    public static let schedulePoints = RecordLogs(rawValue: 2)
    public static let all: RecordLogs = [.steps, .schedulePoints]

    /// Each log's key and the depth of the object that holds it (1: the record, 2: `setup`).
    var keys: [(name: [UInt8], depth: Int)] {
        var keys: [(name: [UInt8], depth: Int)] = []
        if contains(.steps) { keys.append((Array("steps".utf8), 1)) }
        if contains(.schedulePoints) { keys.append((Array("schedulePoints".utf8), 2)) }
        return keys
    }
}

extension RunStore {
    /// Every finished run like `loadAll`, but without the per-step logs and schedule samples
    /// (both empty): those arrays are skipped byte by byte before decoding, so a 1,000-run folder
    /// reads in a fraction of the time and memory. A report draws the logs of a few runs only
    /// (`ReportWriter.runsWithChartedLogs`), which `load(_:skipping:)` reads.
    public func loadAllWithoutLogs() throws(StoreError) -> [RunRecord] {
        try loadAll(skipping: .all)
    }

    /// `data` (one JSON object, a run record) with the arrays of `logs` replaced by `[]`; nil when
    /// the text does not have that shape (the caller then decodes it all). Strings are skipped
    /// with their escapes and keys are matched at their depth only, so a `"steps"` inside a
    /// string or another object is never taken for the key.
    static func without(_ logs: RecordLogs, in data: Data) -> Data? {
        let keys = logs.keys
        guard !keys.isEmpty else { return data }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Data? in
            let bytes = raw.bindMemory(to: UInt8.self)
            let n = bytes.count
            let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), colon = UInt8(ascii: ":")
            let open = UInt8(ascii: "["), close = UInt8(ascii: "]")
            let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
            /// The index just past the string that starts at `start` (a quote).
            func endOfString(_ start: Int) -> Int? {
                var j = start + 1
                while j < n {
                    let b = bytes[j]
                    if b == backslash { j += 2; continue }
                    if b == quote { return j + 1 }
                    j += 1
                }
                return nil
            }
            func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
            func matches(_ name: [UInt8], _ start: Int, _ end: Int) -> Bool {
                guard end - start - 2 == name.count else { return false }
                for k in 0..<name.count where bytes[start + 1 + k] != name[k] { return false }
                return true
            }
            var cut: [Range<Int>] = []  // the inside of each skipped array
            var i = 0, depth = 0
            while i < n {
                let b = bytes[i]
                if b == quote {
                    guard let end = endOfString(i) else { return nil }
                    if cut.count < keys.count, keys.contains(where: { $0.depth == depth && matches($0.name, i, end) }) {
                        var j = end
                        while j < n, isSpace(bytes[j]) { j += 1 }
                        guard j < n, bytes[j] == colon else { i = end; continue }
                        j += 1
                        while j < n, isSpace(bytes[j]) { j += 1 }
                        guard j < n, bytes[j] == open else { return nil }
                        let start = j + 1
                        var level = 0
                        while j < n {
                            let c = bytes[j]
                            if c == quote {
                                guard let e = endOfString(j) else { return nil }
                                j = e
                                continue
                            }
                            if c == open || c == openBrace { level += 1 }
                            if c == close || c == closeBrace {
                                level -= 1
                                if level == 0 { break }
                            }
                            j += 1
                        }
                        guard j < n, bytes[j] == close else { return nil }
                        cut.append(start..<j)
                        i = j + 1
                        continue
                    }
                    i = end
                    continue
                }
                if b == openBrace || b == open { depth += 1 }
                if b == closeBrace || b == close { depth -= 1 }
                i += 1
            }
            guard !cut.isEmpty, let base = bytes.baseAddress else { return cut.isEmpty ? data : nil }
            var out = Data(capacity: n - cut.reduce(0) { $0 + $1.count })
            var from = 0
            for range in cut {
                out.append(base + from, count: range.lowerBound - from)
                from = range.upperBound
            }
            out.append(base + from, count: n - from)
            return out
        }
    }
}
