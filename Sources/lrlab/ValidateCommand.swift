import ArgumentParser
import Diagnostics
import Foundation
import Sweeps

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a sweep file and its data without training and print the runs it expands to.")

    @Argument(help: "The sweep file (YAML).")
    var sweep: String

    @OptionGroup var settings: OverrideOptions

    @Flag(name: .customLong("no-probe"), help: "Skip the short timed probe behind the training-time estimate.")
    var noProbe = false

    func run() throws {
        try reportingErrors {
            let sweep = try Sweep(path: self.sweep, overrides: settings.overrides)
            Console.warnings(sweep.warnings)
            // What `run` checks before training: the data loads, splits and fits every run.
            let estimate = try sweep.estimate()
            Console.output("\(sweep.name): \(sweep.runs.count) run\(sweep.runs.count == 1 ? "" : "s")")
            for (spec, planned) in zip(sweep.runs, estimate.runs) {
                // Grid values are user text: one line each, no control character reaches the terminal.
                let values = spec.grid.map { "\($0.key)=\(escaped($0.value))" }.joined(separator: " ")
                let columns = ["\(spec.index)", spec.id] + (values.isEmpty ? [] : [values])
                    + ["steps=\(planned.steps)", "examples=\(planned.examples)"]
                Console.output("  " + columns.joined(separator: "  "))
            }
            Console.output("total: \(estimate.totalSteps) steps, \(estimate.totalExamples) examples")
            guard !noProbe, !sweep.runs.isEmpty else { return }
            let time = estimate.estimateTime()
            let cores = ProcessInfo.processInfo.activeProcessorCount
            Console.progress("note: estimate: about \(Self.duration(time.seconds)) of training on one core "
                + "(about \(Self.duration(time.seconds / Double(max(1, min(cores, sweep.runs.count))))) with --jobs \(cores)), "
                + "extrapolated from \(time.probedSteps) timed steps of the largest model at each batch size "
                + "(\(String(format: "%.2f", time.probeSeconds)) s; --no-probe skips it)")
        }
    }

    /// "45 s", "12 min", "3.2 h".
    static func duration(_ seconds: Double) -> String {
        if seconds < 1 { return "1 s" }
        if seconds < 120 { return "\(Int(seconds.rounded())) s" }
        if seconds < 7200 { return "\(Int((seconds / 60).rounded())) min" }
        return String(format: "%.1f h", seconds / 3600)
    }
}
