public import Diagnostics
import Foundation

/// A kind of training log `lrlab import` reads.
public enum LogFormat: String, Sendable, CaseIterable {
    /// Keras' `CSVLogger` files.
    case keras
    /// PyTorch Lightning's `CSVLogger` folders (`metrics.csv`, `hparams.yaml`).
    case lightning
    /// TensorBoard event files (`events.out.tfevents.*`): torch's `SummaryWriter`, Lightning's
    /// `TensorBoardLogger`, Keras' `TensorBoard` callback; one folder per run.
    case tensorboard

    /// The tool's name in messages.
    public var title: String {
        switch self {
        case .keras: "Keras CSVLogger"
        case .lightning: "Lightning CSVLogger"
        case .tensorboard: "TensorBoard"
        }
    }

    /// Whether `path` (a file or a folder) is one run's log in this format.
    public func matches(_ path: String) -> Bool {
        switch self {
        case .keras: KerasCSVLog.matches(path)
        case .lightning: LightningCSVLog.matches(path)
        case .tensorboard: TensorBoardLog.matches(path)
        }
    }

    /// The run logged at `path`.
    public func read(_ path: String, names: MetricNames) throws(InputError) -> ImportedRun {
        switch self {
        case .keras: try KerasCSVLog.read(path, names: names)
        case .lightning: try LightningCSVLog.read(path, names: names)
        case .tensorboard: try TensorBoardLog.read(path, names: names)
        }
    }

    /// The runs' logs at or under `path` in this format (sorted), each a file or folder.
    /// Folders are searched up to 8 levels deep; hidden ones are skipped.
    public func find(in path: String) -> [String] {
        if matches(path) { return [path] }
        if self == .lightning, (path as NSString).lastPathComponent == "metrics.csv" {
            let folder = (path as NSString).deletingLastPathComponent
            return matches(folder) ? [folder] : []
        }
        var found: [String] = []
        var pending: [(String, Int)] = [(path, 0)]
        while let (folder, depth) = pending.popLast() {
            guard depth < 8, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = (folder as NSString).appendingPathComponent(name)
                if self == .keras, name == "metrics.csv" { continue }
                if matches(child) { found.append(child); continue }
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: child, isDirectory: &isFolder), isFolder.boolValue {
                    pending.append((child, depth + 1))
                }
            }
        }
        return found.sorted()
    }
}

/// Finds and reads the runs of one import: the paths the user gave, in one format (given or
/// detected), with the metric names mapped.
public struct LogImporter: Sendable {
    /// The logs' kind; nil to detect it from the first path.
    public var format: LogFormat?
    /// How logged columns map to lrlab's metrics.
    public var names: MetricNames

    public init(format: LogFormat? = nil, names: MetricNames = MetricNames()) {
        self.format = format
        self.names = names
    }

    /// The runs under `paths` and the format they were read in. A path that is missing or holds
    /// no logs, logs of two formats without `format`, a bad file: an error.
    public func read(_ paths: [String]) throws(InputError) -> (format: LogFormat, runs: [ImportedRun]) {
        var sources: [(LogFormat, String)] = []
        var chosen = format
        for path in paths {
            guard FileManager.default.fileExists(atPath: path) else { throw InputError("\(quoted(path)): no such file or folder") }
            let formats = chosen.map { [$0] } ?? LogFormat.allCases
            let found = formats.map { ($0, $0.find(in: path)) }.filter { !$0.1.isEmpty }
            guard let first = found.first else {
                let titles = formats.map(\.title)
                let kinds = titles.count > 1 ? titles.dropLast().joined(separator: ", ") + " or " + (titles.last ?? "") : titles.joined()
                throw InputError("\(quoted(path)): no \(kinds) logs in it")
            }
            if found.count > 1 {
                throw InputError("\(quoted(path)) holds logs of several kinds (\(found.map(\.0.rawValue).joined(separator: ", "))); choose one with --format")
            }
            chosen = first.0
            sources += first.1.map { (first.0, $0) }
        }
        guard let format = chosen else { throw InputError("no logs given") }
        var runs: [ImportedRun] = []
        var seen: Set<String> = []
        for (kind, source) in sources where seen.insert(source).inserted {
            runs.append(try kind.read(source, names: names))
        }
        return (format, runs)
    }
}
