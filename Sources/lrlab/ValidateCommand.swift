import ArgumentParser
import Diagnostics
import Sweeps

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a sweep file and its data without training and print the runs it expands to.")

    @Argument(help: "The sweep file (YAML).")
    var sweep: String

    @OptionGroup var settings: OverrideOptions

    func run() throws {
        try reportingErrors {
            let sweep = try Sweep(path: self.sweep, overrides: settings.overrides)
            Console.warnings(sweep.warnings)
            // What `run` checks before training: the data loads, splits and fits every run.
            try sweep.checkData()
            Console.output("\(sweep.name): \(sweep.runs.count) run\(sweep.runs.count == 1 ? "" : "s")")
            for spec in sweep.runs {
                // Grid values are user text: one line each, no control character reaches the terminal.
                let values = spec.grid.map { "\($0.key)=\(escaped($0.value))" }.joined(separator: " ")
                Console.output("  \(spec.index)  \(spec.id)  \(values)")
            }
        }
    }
}
