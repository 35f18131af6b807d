import ArgumentParser

@main
struct Lrlab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lrlab",
        abstract: "Train a grid of batch sizes × learning rates and see what they do.",
        version: "0.1.0",
        subcommands: [RunCommand.self, ReportCommand.self, ValidateCommand.self, LRFindCommand.self])
}
