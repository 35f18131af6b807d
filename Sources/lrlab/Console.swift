import ArgumentParser
import Diagnostics
import Foundation

/// The one place that prints messages and turns failures into exit codes.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    static func output(_ line: String) {
        print(line)
    }
}

/// Exit statuses (the README, "Exit status"): 0 success, 1 a failure while working, 2 bad input,
/// 3 some runs failed (the others finished), 130 / 143 stopped by SIGINT / SIGTERM.
enum ExitStatus {
    static let inputError: Int32 = 2
    static let failure: Int32 = 1
    static let runsFailed: Int32 = 3
    static func interrupted(by signal: Int32) -> Int32 { Interruption.exitStatus(signal) }
}

/// Runs `body`, printing any error as one `error:` line and exiting non-zero.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as InputError {
        Console.error(error.description)
        throw ExitCode(ExitStatus.inputError)

    } catch let error as ExitCode {
        throw error
    } catch {
        Console.error("\(error)")
        throw ExitCode(ExitStatus.failure)
    }
}

