import Formatting
public import Results

/// Training throughput and working memory by batch size (the lecture notes: "smaller batch
/// sizes make it easier to fit one batch in memory"): per batch size, the median examples per
/// second of training-loop time over its finished runs (`RunRecord.examplesPerSecond`), and the
/// trainer's working memory (`RunRecord.memory`) of its median run. Records without these
/// fields (stored before lrlab measured them) are left out.
public struct Throughput: Sendable {
    public struct Row: Sendable {
        public var batch: GridValue?
        public var batchSize: Int
        /// "batch 64", "the full batch (1,438)".
        public var batchLabel: String
        /// The finished runs with a measurement, in grid order.
        public var runs: [String]
        /// Median examples per second over the runs that measured it; nil when none did.
        public var examplesPerSecond: Double?
        /// The working memory of the run with the median total (the lower middle for an even
        /// count); nil when no run measured it.
        public var memory: WorkingMemory?
    }

    /// One row per batch size with a measurement, smallest batch first.
    public var rows: [Row]

    /// The rows of `groups`; nil when no finished run measured throughput or memory.
    public static func measure(groups: [PointGroup]) -> Throughput? {
        var rows: [Row] = []
        for bucket in BatchBucket.split(groups) {
            let runs = bucket.groups.flatMap(finishedRuns).filter { $0.examplesPerSecond != nil || $0.memory != nil }
            guard !runs.isEmpty else { continue }
            let speeds = runs.compactMap(\.examplesPerSecond).filter(\.isFinite).sorted()
            let memories = runs.compactMap(\.memory).sorted { $0.total < $1.total }
            rows.append(Row(batch: bucket.value, batchSize: bucket.batchSize, batchLabel: bucket.label,
                            runs: runs.map(\.runId), examplesPerSecond: median(speeds),
                            memory: memories.isEmpty ? nil : memories[(memories.count - 1) / 2]))
        }
        guard !rows.isEmpty else { return nil }
        rows.sort { $0.batchSize < $1.batchSize }
        return Throughput(rows: rows)
    }

    /// The `throughput` finding: examples per second and working memory of the largest batch
    /// against the smallest, and every batch size's figures.
    public var finding: Finding {
        var sentences: [String] = []
        if rows.count == 1, let row = rows.first {
            var text = "The runs"
            if let speed = row.examplesPerSecond {
                text += " train \(Self.rate(speed)) examples per second (median of \(row.runs.count) run\(row.runs.count == 1 ? "" : "s"))"
            }
            if let memory = row.memory {
                text += (row.examplesPerSecond == nil ? "" : " and") + " need \(NumberText.bytes(memory.total)) of working memory (activations \(NumberText.bytes(memory.activations)))"
            }
            sentences.append(text + " at \(row.batchLabel).")
        } else if let small = rows.first, let large = rows.last {
            let big = capitalized(large.batchLabel)
            var text = ""
            if let a = small.examplesPerSecond, let b = large.examplesPerSecond, a > 0, b > 0 {
                text = b >= a
                    ? "\(big) trains \(ratio(b / a))× more examples per second than \(small.batchLabel)"
                    : "\(big) trains \(ratio(a / b))× fewer examples per second than \(small.batchLabel)"
                text += " (\(Self.rate(b)) vs \(Self.rate(a))/s)"
            }
            if let a = small.memory, let b = large.memory {
                text += text.isEmpty ? "\(big) needs " : " and needs "
                text += "\(NumberText.bytes(b.total)) of working memory vs \(NumberText.bytes(a.total))"
                text += " (activations \(NumberText.bytes(b.activations)) vs \(NumberText.bytes(a.activations))"
                text += b.activations > a.activations ? ": they grow with the batch)" : ")"
            }
            if !text.isEmpty { sentences.append(text + ".") }
            if rows.count > 2 {
                let each = rows.map { row -> String in
                    var parts: [String] = []
                    if let s = row.examplesPerSecond { parts.append("\(Self.rate(s))/s") }
                    if let m = row.memory { parts.append(NumberText.bytes(m.total)) }
                    return "\(row.batchLabel) \(parts.joined(separator: ", "))"
                }
                sentences.append("Per batch size: " + Analysis.list(each, separator: "; ") + ".")
            }
        }
        if rows.contains(where: { $0.examplesPerSecond != nil }) {
            sentences.append("Examples per second count training-loop time only (evaluation excluded), median over each batch size's runs.")
        }
        let about = rows.count > 2 || rows.count == 1 ? rows : [rows.first, rows.last].compactMap { $0 }
        return Finding(kind: .throughput, headline: "Throughput and memory", text: sentences.joined(separator: " "),
                       runs: about.flatMap(\.runs))
    }

    /// "2.9M", "850k", "42": examples per second, one decimal below 10 (of the unit), else whole.
    public static func rate(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return formatFixed(value, decimals: 0) }
        func short(_ v: Double) -> String { formatFixed(v, decimals: v >= 9.95 ? 0 : 1, grouping: true) }
        if value >= 999_500 { return short(value / 1e6) + "M" }
        if value >= 999.5 { return short(value / 1e3) + "k" }
        return short(value)
    }

    func ratio(_ value: Double) -> String { formatFixed(value, decimals: value >= 10 ? 0 : 1) }

    func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
