import ArgumentParser
import Diagnostics
import Foundation

/// The one place that prints messages and turns failures into exit codes.
enum Console {
    /// One `error:` line. The last safety net: any control character left in `message` (a
    /// line break, ESC, BEL, NUL in user text that a message did not quote) is escaped, so an
    /// error is always one line and nothing reaches the terminal raw.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(escaped(message))\n".utf8))
    }

    /// Every problem of `error`, one `error:` line each, sorted by location.
    static func error(_ error: InputError) {
        for problem in error.all { Self.error(problem.line) }
    }

    /// One `warning:` line per problem that does not stop the command (`FILE:LINE:COL: …`).
    static func warnings(_ problems: [InputError]) {
        for problem in problems {
            FileHandle.standardError.write(Data("warning: \(escaped(problem.line))\n".utf8))
        }
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
        Console.error(error)
        throw ExitCode(ExitStatus.inputError)

    } catch let error as ExitCode {
        throw error
    } catch {
        Console.error(plainText(error))
        throw ExitCode(ExitStatus.failure)
    }
}

/// A failure in words: Foundation's and POSIX's errors by their errno or code ("cannot write
/// 'out/x': no space left on device"), never their raw `Error Domain=…` form.
func plainText(_ error: any Error) -> String {
    guard let reason = systemErrorText(error) else { return "\(error)" }
    guard let path = systemErrorPath(error) else { return reason }
    return "\(quoted(path)): \(reason)"
}

