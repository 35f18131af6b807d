import ArgumentParser
import Foundation
import Results

@main
struct Lrlab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lrlab",
        abstract: "Train a grid of batch sizes × learning rates and see what they do.",
        version: Provenance.version,
        subcommands: [RunCommand.self, ReportCommand.self, ScheduleCommand.self, ValidateCommand.self,
                      InitCommand.self, LRFindCommand.self, SlurmCommand.self,
                      KubernetesCommand.self, DataCommand.self, ImportCommand.self])

    /// Like ParsableCommand's `main()`, but a bad command line gets the same one-line
    /// `error:` message and exit status as any other input problem (help and version stay as they are).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Self.exit(withError: exit)
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { Self.exit(withError: error) }
            let full = self.message(for: error)
            // A `validate()` that found bad input has printed its `error:` line and thrown its exit code.
            guard !full.isEmpty else { Foundation.exit(code.rawValue) }
            let message = full.split(separator: "\n").first.map(String.init) ?? "\(error)"
            Console.error(message.prefix(1).lowercased() + message.dropFirst() + " (see 'lrlab help')")
            Foundation.exit(ExitStatus.inputError)
        }
    }
}
