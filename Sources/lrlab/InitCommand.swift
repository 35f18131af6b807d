import ArgumentParser
import Diagnostics
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter sweep file (the batch-size experiment) to edit and run.")

    @Argument(help: "Where to write it (default: sweep.yaml). An existing file is never overwritten.")
    var path: String = "sweep.yaml"

    func validate() throws {
        try requireNonEmptyPath(path, what: "PATH")
    }

    func run() throws {
        try reportingErrors {
            guard let text = EmbeddedFiles.contents["batch-size.yaml"] else {
                throw InputError("the starter sweep is missing from this build of lrlab")
            }
            guard !FileManager.default.fileExists(atPath: path) else {
                throw InputError("\(path) already exists; choose another path")
            }
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
            } catch {
                throw InputError("cannot write \(quoted(path)): \(plainText(error))")
            }
            Console.output(path)
        }
    }
}
