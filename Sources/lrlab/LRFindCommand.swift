import ArgumentParser
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
            fixed at their first value. Writes bs-<B>.json and bs-<B>.csv per batch size and lr-find.png/.svg \
            into DIR/lr-find/, and updates the report in DIR when it has finished runs.
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
            let sweep = try Sweep(path: self.sweep, overrides: settings.overrides)
            let sweepDirectory = output.path ?? "lrlab-out/\(sweep.name)"
            let directory = RangeTestRecord.folder(in: sweepDirectory)
            // Before anything trains: a folder with files lrlab did not write is refused.
            try checkOutputFolder(sweepDirectory)
            let quiet = progress.quiet
            let results = try RangeTestRunner.run(sweep, range: RangeTestOptions(steps: steps)) { result in
                guard !quiet else { return }
                let suggestion = result.suggestedRate.map { String(format: "%.3g", $0) } ?? "none"
                Console.progress("batch \(result.batchSize): \(result.points.count) steps, suggested rate \(suggestion)")
            }
            try claimOutputFolder(sweepDirectory)
            let files = RangeTestFiles(directory: directory, sweepTitle: sweep.title)
            for path in try files.write(results) { Console.output(path) }
            // The sweep's report, when it has one, shows the range test too.
            let runs = try RunStore(directory: sweepDirectory).loadAll()
            if !runs.isEmpty {
                let tests = try RangeTestRecord.loadAll(from: directory)
                let paths = try ReportWriter().write(runs: runs, rangeTests: tests, to: sweepDirectory)
                if let index = paths.first { Console.output(index) }
            }
        }
    }
}
