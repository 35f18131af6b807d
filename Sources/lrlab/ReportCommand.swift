import ArgumentParser
import Diagnostics
import Foundation
import Reports
import Results

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild the report from finished runs (no training); several folders are merged.")

    /// `-o`'s help for this command.
    enum Output: OutputHelp {
        static let text = "Where to write the report (default: the first folder)."
    }

    @Argument(help: "Output folders of `lrlab run` (shards are merged).")
    var directories: [String]

    @OptionGroup var output: OutputOption<Output>

    @Option(help: "A folder with templates that replace the built-in ones.")
    var templates: String?

    @Flag(help: "Embed the charts in index.html, so the page is a single file.")
    var singleFile = false

    func validate() throws {
        if directories.isEmpty { throw ValidationError("give at least one folder") }
        for directory in directories { try requireNonEmptyPath(directory, what: "a report folder") }
    }

    func run() throws {
        try reportingErrors {
            if let templates {
                do {
                    try ReportWriter.checkTemplates(templates)
                } catch let error as ReportError {
                    throw InputError(error.description)
                }
            }
            let target = output.path ?? directories[0]
            try checkOutputFolder(target)
            let timing = ProcessInfo.processInfo.environment["LRLAB_TIMING"] == "1"
            let started = DispatchTime.now()
            var byId: [String: RunRecord] = [:]
            var storeOf: [String: RunStore] = [:]
            var rangeTests: [Int: RangeTestRecord] = [:]
            for directory in directories {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw InputError("\(quoted(directory)): no such folder")
                }
                let store = RunStore(directory: directory)
                // Failed runs are listed in the report; a finished copy of a run (another shard) wins.
                for record in store.loadAllFailed() where byId[record.runId] == nil { byId[record.runId] = record }
                // Without the per-step logs: the page draws a few runs' logs, read below.
                for record in try store.loadAllWithoutLogs() {
                    byId[record.runId] = record
                    storeOf[record.runId] = store
                }
                for test in try RangeTestRecord.loadAll(from: RangeTestRecord.folder(in: directory)) {
                    rangeTests[test.batchSize] = test
                }
            }
            let charted = ReportWriter.runsWithChartedLogs(Array(byId.values))
            for id in Set(charted.steps) {
                guard let store = storeOf[id] else { continue }
                let full = try store.load(id)
                byId[id]?.steps = full.steps
                byId[id]?.setup.schedulePoints = full.setup.schedulePoints
            }
            for id in Set(charted.schedules).subtracting(charted.steps) {
                guard let store = storeOf[id] else { continue }
                byId[id]?.setup.schedulePoints = try store.load(id, skipping: .steps).setup.schedulePoints
            }
            let records = byId.values.sorted { $0.runId < $1.runId }
            if timing {
                Console.progress("time: reading runs " + String(format: "%.3f s", Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9))
            }
            guard records.contains(where: { $0.status != .failed }) else {
                throw InputError("no finished runs in \(directories.joined(separator: ", "))")
            }
            // One process at a time writes a folder's top-level files.
            let folderLock = try FolderLock.forFolder(target)
            defer { folderLock.unlock() }
            var writer = ReportWriter(templatesDirectory: templates, singleFile: singleFile)
            if timing { writer.phaseTimes = { Console.progress("time: \($0) " + String(format: "%.3f s", $1)) } }
            let paths = try writer.write(runs: records, rangeTests: rangeTests.values.sorted { $0.batchSize < $1.batchSize }, to: target)
            if let index = paths.first { Console.output(index) }
        }
    }
}
