import ArgumentParser
import AtomicFiles
import Diagnostics
import Foundation
import Sweeps

struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Submit a sweep to Slurm: a job array of N shards, then a job that writes the report.",
        discussion: """
            Checks the sweep as 'lrlab run' would (nothing trains), writes DIR/slurm/array.sh and \
            DIR/slurm/report.sh and submits them with 'sbatch' from PATH; the report job starts once \
            every shard succeeded. Submitting again resumes: finished runs are reused.
            """)

    /// `-o`'s help for this command.
    enum Output: OutputHelp {
        static let text = "Output folder every shard writes into (default: lrlab-out/<sweep name>)."
    }

    @Argument(help: "The sweep file (YAML).")
    var sweep: String

    @OptionGroup var output: OutputOption<Output>

    @Option(help: "Number of shards (array tasks).")
    var shards: Int

    @Option(name: .customLong("sbatch"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("An sbatch option for both jobs, written as an #SBATCH line (repeatable): --sbatch=--partition=gpu.",
                               valueName: "arg"))
    var sbatchArguments: [String] = []

    @Flag(help: "Print both scripts and submit nothing (nothing is written).")
    var dryRun = false

    @OptionGroup var settings: OverrideOptions

    func validate() throws {
        if shards < 1 { throw ValidationError("--shards must be at least 1, got \(shards)") }
    }

    func run() throws {
        try reportingErrors {
            // Every problem of the command line and the sweep at once.
            var problems = InputErrorCollector()
            for problem in sbatchArguments.compactMap(SlurmScripts.problem(withSbatchArgument:)) {
                problems.record(InputError(problem))
            }
            let loaded = problems.attempt { () throws(InputError) in
                try Sweep(path: self.sweep, overrides: settings.overrides)
            }
            if let loaded, shards > loaded.runs.count {
                let count = loaded.runs.count
                problems.record(InputError("--shards \(shards) is more than the sweep's \(count) run\(count == 1 ? "" : "s"); give at most \(count)"))
            }
            try problems.check()
            guard let sweep = loaded else { return }
            let directory = Self.absolute(output.path ?? "lrlab-out/\(sweep.name)")
            if directory.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw InputError("the output folder \(quoted(directory)) holds a line break or another control character; Slurm's log paths cannot carry it")
            }
            // Before anything is written or submitted: the folder is lrlab's, and the data loads and fits every run.
            try checkOutputFolder(directory)
            try sweep.checkData()
            let scripts = SlurmScripts(binary: Self.executablePath(), sweep: Self.absolute(self.sweep), output: directory,
                                       name: sweep.name, shards: shards, overrides: settings.overrides,
                                       sbatchArguments: sbatchArguments)
            if dryRun {
                Console.output("# \(scripts.arrayPath)")
                Console.output(scripts.arrayScript)
                Console.output("# \(scripts.reportPath) (submitted with --dependency=afterok:<array job id>)")
                Console.output(String(scripts.reportScript.dropLast()))
                return
            }
            guard let sbatch = Self.findOnPath("sbatch") else {
                throw SlurmError("'sbatch' is not on PATH; run lrlab slurm where Slurm's commands are (a login node), or use --dry-run to see the scripts")
            }
            try claimOutputFolder(directory)
            try Self.write(scripts.arrayScript, to: scripts.arrayPath)
            try Self.write(scripts.reportScript, to: scripts.reportPath)
            let arrayJob = try Self.submit(sbatch, ["--parsable", scripts.arrayPath], what: "the job array")
            let reportJob = try Self.submit(sbatch, ["--parsable", "--dependency=afterok:\(arrayJob)", scripts.reportPath],
                                            what: "the report job (job array \(arrayJob) is submitted: 'scancel \(arrayJob)' stops it)")
            Console.output("submitted job array \(arrayJob) (\(shards) shard\(shards == 1 ? "" : "s"), \(sweep.runs.count) runs): \(scripts.arrayPath)")
            Console.output("submitted job \(reportJob) (the report, after job \(arrayJob) succeeds): \(scripts.reportPath)")
            Console.output(scripts.indexPath)
        }
    }

    /// `path` made absolute against the current folder, `.` and `..` removed (symbolic links kept).
    static func absolute(_ path: String) -> String {
        let base = FileManager.default.currentDirectoryPath
        let full = path.hasPrefix("/") ? path : SlurmScripts.join(base, path)
        return URL(fileURLWithPath: full).standardizedFileURL.path
    }

    /// The absolute path of this `lrlab` binary (`/proc/self/exe`, else argv[0] made absolute).
    static func executablePath() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), path.hasPrefix("/") {
            return path
        }
        let first = CommandLine.arguments.first ?? "lrlab"
        if first.contains("/") { return absolute(first) }
        return findOnPath(first) ?? absolute(first)
    }

    /// The first executable `name` in the folders of PATH.
    static func findOnPath(_ name: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for folder in folders where !folder.isEmpty {
            let candidate = SlurmScripts.join(folder, name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return absolute(candidate)
            }
        }
        return nil
    }

    private static func write(_ text: String, to path: String) throws {
        do {
            let folder = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try AtomicFile.write(Data(text.utf8), to: path)
        } catch let error as AtomicWriteError {
            throw SlurmError(error.description)
        } catch {
            throw SlurmError("cannot write \(quoted(path)): \(plainText(error))")
        }
    }

    /// Runs `sbatch ARGUMENTS` and returns the job id it prints (`--parsable`: `ID` or `ID;CLUSTER`).
    private static func submit(_ sbatch: String, _ arguments: [String], what: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sbatch)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw SlurmError("cannot start \(quoted(sbatch)) for \(what): \(plainText(error))")
        }
        // Stderr is read on another thread so that neither pipe can fill up and stall sbatch.
        let errorBox = DataBox()
        let reader = Thread { errorBox.data = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.001) }
        let stderr = String(decoding: errorBox.data, as: UTF8.self)
        let firstLine = stderr.split(whereSeparator: \.isNewline).first.map(String.init)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let status = process.terminationReason == .exit ? "exit status \(process.terminationStatus)"
                : "signal \(process.terminationStatus)"
            throw SlurmError("sbatch failed for \(what) (\(status)): \(firstLine ?? "no message")")
        }
        let text = String(decoding: outData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let id = String(text.split(separator: "\n").last?.split(separator: ";").first ?? "")
        guard !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw SlurmError("sbatch printed no job id for \(what): \(quoted(String(text.prefix(200))))")
        }
        return id
    }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// A failure of `lrlab slurm` while writing or submitting (exit status 1).
struct SlurmError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
