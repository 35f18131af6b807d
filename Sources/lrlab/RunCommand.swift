import ArgumentParser
import Diagnostics
import Foundation
import Reports
import Results
import Sweeps

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train every run of a sweep that is not finished yet, then write the report.")

    /// `-o`'s help for this command.
    enum Output: OutputHelp {
        static let text = "Output folder (default: lrlab-out/<sweep name>)."
    }

    @Argument(help: "The sweep file (YAML).")
    var sweep: String

    @OptionGroup var output: OutputOption<Output>

    @Option(help: "Runs to train at the same time (default: the number of cores).")
    var jobs: Int?

    @OptionGroup var settings: OverrideOptions

    @Option(help: "Train only shard I of N (0-based): the runs whose grid index is I modulo N.")
    var shard: String?

    @Flag(help: "Retrain every run, replacing finished ones.")
    var fresh = false

    @Flag(help: "Do not write the report.")
    var noReport = false

    @OptionGroup var progress: QuietOption

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    func run() throws {
        try reportingErrors {
            Interruption.install()
            let sweep = try Sweep(path: self.sweep, overrides: settings.overrides)
            Console.warnings(sweep.warnings)
            let selected = try Shard.parse(shard).select(sweep.runs)
            let directory = output.path ?? "lrlab-out/\(sweep.name)"
            // Before anything trains: a folder with an index.html (…) lrlab did not write is refused.
            try checkOutputFolder(directory)
            let store = RunStore(directory: directory)
            let printer = ProgressPrinter(total: selected.count, quiet: progress.quiet)
            var runner = SweepRunner(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, fresh: fresh,
                                     onEvent: printer.handle, shouldStop: Interruption.requested)
            runner.provenance = sweep.provenance(command: CommandLine.arguments)
            let started = Date()
            let summary = try runner.run(selected, store: store)
            // Stopped by a signal: finished runs are kept, nothing else is written.
            try stopIfInterrupted(finished: summary.results.count, of: selected.count, printer: printer)
            printer.finish(trained: summary.trained.count, reused: summary.reused.count,
                           elsewhere: summary.elsewhere.count, failed: summary.failed.count,
                           seconds: Date().timeIntervalSince(started))
            // The report holds exactly the sweep as expanded now: its runs that are finished
            // (all of them unless sharded) or failed, with the grid labels and order of this sweep file.
            let records = Self.sweepRecords(sweep, store: store, fresh: summary.results + summary.failed)
            let others = store.finishedIds().subtracting(sweep.runs.map(\.id)).count
            // One process at a time writes the folder's top-level files (processes sharing DIR).
            let folderLock = try FolderLock.forFolder(directory)
            defer { folderLock.unlock() }
            if noReport {
                try claimOutputFolder(directory)
                do {
                    for path in try ResultsTable.write(records, to: directory) { Console.output(path) }
                } catch {
                    throw StoreError("cannot write the results tables in \(quoted(directory)): \(plainText(error))")
                }
            } else {
                let rangeTests = try RangeTestRecord.loadAll(from: RangeTestRecord.folder(in: directory))
                let paths = try ReportWriter().write(runs: records, rangeTests: rangeTests, to: directory,
                                                     otherRuns: others)
                if let index = paths.first { Console.output(index) }
            }
            folderLock.unlock()
            try stopIfInterrupted(finished: summary.results.count, of: selected.count, printer: printer)
            if !summary.failed.isEmpty {
                let count = summary.failed.count
                Console.error("\(count) of \(selected.count) run\(selected.count == 1 ? "" : "s") failed "
                              + "(status 'failed' in results.csv, the reason in the report); the next 'lrlab run' trains "
                              + (count == 1 ? "it" : "them") + " again")
                throw ExitCode(ExitStatus.runsFailed)
            }
        }
    }

    /// After SIGINT / SIGTERM: one line on stderr and exit 130 / 143.
    private func stopIfInterrupted(finished: Int, of total: Int, printer: ProgressPrinter) throws {
        guard let signal = Interruption.signal else { return }
        printer.clear()
        Console.progress("\(finished) of \(total) runs finished; run the same command to resume")
        throw ExitCode(ExitStatus.interrupted(by: signal))
    }

    /// The finished (and failed) runs of `sweep` in `store`, in grid order, each with this sweep
    /// file's grid values (labels, order) and title: a record reused from an earlier run may predate
    /// an edit of the sweep that did not change the run itself.
    static func sweepRecords(_ sweep: Sweep, store: RunStore, fresh: [RunRecord]) -> [RunRecord] {
        let known = Dictionary(fresh.map { ($0.runId, $0) }, uniquingKeysWith: { a, _ in a })
        var records: [RunRecord] = []
        for spec in sweep.runs {
            guard var record = known[spec.id] ?? (store.isFinished(spec.id) ? try? store.load(spec.id) : nil)
                    ?? store.loadFailed(spec.id) else {
                continue
            }
            record.grid = spec.grid
            record.gridIndex = spec.pointIndex
            record.repeatIndex = spec.repeatIndex
            record.sweep.title = spec.title
            record.sweep.targetAccuracy = spec.targetAccuracy
            record.sweep.report = spec.report
            records.append(record)
        }
        return records
    }
}
