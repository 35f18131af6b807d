import ArgumentParser
import Diagnostics
import Foundation
import Reports
import Results
import Sweeps
import Training

struct LRFindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lr-find",
        abstract: "Run the learning-rate range test for each batch size of a sweep.",
        discussion: """
            From a fresh model, one step per minibatch at a rate rising exponentially from 1e-7 to 10, \
            until the planned steps end or the smoothed loss exceeds 4x its best. Other grid keys are \
            fixed at their first value. The loss is smoothed without lag (a centred local fit, sigma = 0.1 decade of rate); \
            for each batch size it says where the loss falls fastest (steepest descent), where it blew up, and \
            a safe starting range (a decade below the steepest descent up to it). Writes bs-<B>.json and \
            bs-<B>.csv per batch size and lr-find.png/.svg (and .pdf with report.formats: [pdf]) into \
            DIR/lr-find/, and updates the report in DIR when it has finished runs.
            """)

    /// `-o`'s help for this command.
    enum Output: OutputHelp {
        static let text = "The sweep's output folder, as for `run` (default: lrlab-out/<sweep name>); results go to its lr-find/ folder and into its report."
    }

    @Argument(help: "The sweep file (YAML).")
    var sweep: String

    @OptionGroup var output: OutputOption<Output>

    @Option(help: "Steps of the ramp, 100 to 300.")
    var steps = 100

    @OptionGroup var settings: OverrideOptions

    @OptionGroup var progress: QuietOption

    func validate() throws {
        guard (100...300).contains(steps) else { throw ValidationError("--steps must be between 100 and 300, got \(steps)") }
    }

    func run() throws {
        try reportingErrors {
            Interruption.install()
            let sweep = try Sweep(path: self.sweep, overrides: settings.overrides)
            Console.warnings(sweep.warnings)
            let sweepDirectory = output.path ?? "lrlab-out/\(sweep.name)"
            let directory = RangeTestRecord.folder(in: sweepDirectory)
            try OutputCheck.writable(directory)  // before anything trains
            // Before anything trains: a folder with files lrlab did not write is refused.
            try checkOutputFolder(sweepDirectory)
            let quiet = progress.quiet
            let planned = RangeTestRunner.specs(of: sweep).count
            let results = try RangeTestRunner.run(sweep, range: RangeTestOptions(steps: steps),
                                                  shouldStop: Interruption.requested) { result in
                guard !quiet else { return }
                let words = RangeTestReport.explanation(suggested: result.suggestedRate, blowUp: result.blowUpRate,
                                                        safe: result.safeRange, lastRate: result.points.last?.learningRate)
                Console.progress("batch \(result.batchSize): \(result.points.count) steps; \(words)")
            }
            // Stopped by a signal: the range tests are written together or not at all.
            if let signal = Interruption.signal {
                Console.progress("\(results.count) of \(planned) range tests finished, none written; run the same command to start again")
                throw ExitCode(ExitStatus.interrupted(by: signal))
            }
            try claimOutputFolder(sweepDirectory)
            let files = RangeTestFiles(directory: directory, sweepTitle: sweep.title,
                                       settings: sweep.runs.first?.report ?? ReportSettings())
            let written: [String]
            do {
                written = try files.write(results)
            } catch {
                throw StoreError("cannot write the range test to \(quoted(directory)): \(plainText(error))")
            }
            for path in written { Console.output(path) }
            // The sweep's report, when it has one, shows the range test too.
            let store = RunStore(directory: sweepDirectory)
            let runs = try store.loadAll()
            if !runs.isEmpty {
                let folderLock = try FolderLock.forFolder(sweepDirectory)
                defer { folderLock.unlock() }
                let tests = try RangeTestRecord.loadAll(from: directory)
                let paths = try ReportWriter().write(runs: runs + store.loadAllFailed(), rangeTests: tests, to: sweepDirectory)
                if let index = paths.first { Console.output(index) }
            }
        }
    }
}
