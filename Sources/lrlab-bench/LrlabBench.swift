import ArgumentParser

/// `lrlab-bench`: the commands `make bench` times against the reference scripts in
/// `../shared/bench` (see the README, "Benchmarks"). Each prints one JSON line.
@main
struct LrlabBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lrlab-bench",
        abstract: "Time lrlab's trainer and chart rendering the way ../shared/bench times numpy, PyTorch and matplotlib.",
        subcommands: [TrainCommand.self, CeilingCommand.self, ChartCommand.self, ReportBenchCommand.self])
}
