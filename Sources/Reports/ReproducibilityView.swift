import Foundation
import Formatting
import Results

extension ReportModel {
    /// One value of a reproducibility field and how many runs have it.
    struct CountedView {
        let value: String
        /// "9 runs"; empty when every run recorded this one value.
        let count: String
        let hasCount: Bool
        /// Whether the value is code (a command, a hash): shown in a monospace font ("not recorded" is not).
        let isCode: Bool
    }

    /// One field of the reproducibility section: its single value, or the distinct values with
    /// their counts when runs differ (shards on several machines, an edited sweep).
    struct FieldView {
        let label: String
        let values: [CountedView]
        let isSingle: Bool
    }

    /// A sweep file as given to `lrlab run`: its path and text.
    struct SweepFileView {
        let path: String
        let text: String
        /// "9 runs", when the runs were made from several sweep files.
        let count: String
        let hasCount: Bool
    }
}

/// The page's reproducibility section, from each run's `provenance` (nil: "not recorded"):
/// lrlab's version, the command, the machine, the data's fingerprint, the sweep file and the
/// total time; distinct values listed with their counts when runs differ.
struct Reproducibility {
    var fields: [ReportModel.FieldView]
    var sweepFiles: [ReportModel.SweepFileView]
    /// "Not recorded for 3 of 9 runs (made by an older lrlab)."; empty when every run has it.
    var missingNote: String

    static let notRecorded = "not recorded"

    init(_ runs: [RunRecord]) {
        let recorded = runs.compactMap(\.provenance)
        func field(_ label: String, code: Bool = false, _ value: (Provenance) -> String) -> ReportModel.FieldView {
            Self.counted(label, values: runs.map { $0.provenance.map(value) ?? Self.notRecorded }, code: code)
        }
        fields = [
            field("lrlab version") { $0.lrlabVersion },
            field("command", code: true) { ShellWords.join($0.command) },
            field("machine") { p in
                let cores = p.cores == 1 ? "1 core" : "\(NumberText.count(p.cores)) cores"
                return [p.cpu, cores, p.os].filter { !$0.isEmpty }.joined(separator: ", ")
            },
            field("data SHA-256", code: true) { $0.dataSHA256 },
        ]
        let wall = runs.map(\.wallSeconds).filter { $0.isFinite && $0 >= 0 }.reduce(0, +)
        let train = runs.map(\.trainSeconds).filter { $0.isFinite && $0 >= 0 }.reduce(0, +)
        fields.append(ReportModel.FieldView(
            label: "total time",
            values: [.init(value: NumberText.seconds(wall) + " over \(NumberText.count(runs.count)) run\(runs.count == 1 ? "" : "s") ("
                           + NumberText.seconds(train) + " in training loops)", count: "", hasCount: false, isCode: false)],
            isSingle: true))
        var files: [(path: String, text: String, count: Int)] = []
        for p in recorded {
            if let i = files.firstIndex(where: { $0.path == p.sweepPath && $0.text == p.sweepText }) {
                files[i].count += 1
            } else {
                files.append((p.sweepPath, p.sweepText, 1))
            }
        }
        sweepFiles = files.map {
            .init(path: $0.path, text: $0.text, count: Self.runs($0.count), hasCount: files.count > 1)
        }
        let missing = runs.count - recorded.count
        missingNote = missing == 0 ? ""
            : (missing == runs.count ? "Not recorded for these runs" : "Not recorded for \(NumberText.count(missing)) of \(NumberText.count(runs.count)) runs")
                + " (made by an lrlab that did not record it)."
    }

    /// "1 run", "9 runs".
    static func runs(_ n: Int) -> String { n == 1 ? "1 run" : "\(NumberText.count(n)) runs" }

    /// A field whose values are counted: one value as is, several in order of first appearance
    /// with their counts.
    static func counted(_ label: String, values: [String], code: Bool) -> ReportModel.FieldView {
        var distinct: [(String, Int)] = []
        var index: [String: Int] = [:]
        for value in values {
            if let i = index[value] {
                distinct[i].1 += 1
            } else {
                index[value] = distinct.count
                distinct.append((value, 1))
            }
        }
        let single = distinct.count <= 1
        return ReportModel.FieldView(
            label: label,
            values: distinct.map {
                .init(value: $0.0, count: single ? "" : runs($0.1), hasCount: !single, isCode: code && $0.0 != notRecorded)
            },
            isSingle: single)
    }
}

/// Command lines as a POSIX shell reads them back.
enum ShellWords {
    /// `word` quoted for a POSIX shell when it needs it: `sweep.yaml` as is, `it's` as `'it'\''s'`,
    /// the empty word as `''`.
    static func quote(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "/", ":", "=", "@", "%", "+", ",": return true
            default: return false
            }
        }
        if plain { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The words quoted and joined by spaces.
    static func join(_ words: [String]) -> String { words.map(quote).joined(separator: " ") }
}
