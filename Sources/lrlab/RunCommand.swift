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

    @Option(help: "Train only shard I of N (0-based): the runs whose grid index ≡ I (mod N).")
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
            let sweep = try Sweep(path: self.sweep, overrides: settings.overrides)
            let selected = try Shard.parse(shard).select(sweep.runs)
            let directory = output.path ?? "lrlab-out/\(sweep.name)"
            // Before anything trains: a folder with an index.html (…) lrlab did not write is refused.
            try checkOutputFolder(directory)
            let store = RunStore(directory: directory)
            let printer = ProgressPrinter(total: selected.count, quiet: progress.quiet)
            let runner = SweepRunner(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, fresh: fresh,
                                     onEvent: printer.handle)
            let started = Date()
            let summary = try runner.run(selected, store: store)
            printer.finish(trained: summary.trained.count, reused: summary.reused.count,
                            seconds: Date().timeIntervalSince(started))
            // The report holds exactly the sweep as expanded now: its runs that are finished
            // (all of them unless sharded), with the grid labels and order of this sweep file.
            let records = Self.sweepRecords(sweep, store: store, fresh: summary.trained + summary.reused)
            let others = store.finishedIds().subtracting(sweep.runs.map(\.id)).count
            guard !noReport else {
                try claimOutputFolder(directory)
                do {
                    for path in try ResultsTable.write(records, to: directory) { Console.output(path) }
                } catch {
                    throw StoreError("cannot write the results tables in \(directory): \(error.localizedDescription)")
                }
                return
            }
            let rangeTests = try RangeTestRecord.loadAll(from: RangeTestRecord.folder(in: directory))
            let paths = try ReportWriter().write(runs: records, rangeTests: rangeTests, to: directory,
                                                 otherRuns: others)
            if let index = paths.first { Console.output(index) }
        }
    }

    /// The finished runs of `sweep` in `store`, in grid order, each with this sweep file's grid
    /// values (labels, order) and title: a record reused from an earlier run may predate an edit
    /// of the sweep that did not change the run itself.
    static func sweepRecords(_ sweep: Sweep, store: RunStore, fresh: [RunRecord]) -> [RunRecord] {
        let known = Dictionary(fresh.map { ($0.runId, $0) }, uniquingKeysWith: { a, _ in a })
        var records: [RunRecord] = []
        for spec in sweep.runs {
            guard var record = known[spec.id] ?? (store.isFinished(spec.id) ? try? store.load(spec.id) : nil) else {
                continue
            }
            record.grid = spec.grid
            record.gridIndex = spec.pointIndex
            record.repeatIndex = spec.repeatIndex
            record.sweep.title = spec.title
            record.sweep.targetAccuracy = spec.targetAccuracy
            records.append(record)
        }
        return records
    }
}
