import Diagnostics

/// The two batch scripts of `lrlab slurm`: a job array whose task `i` runs shard `i/N` of the sweep
/// into the one output folder, and a job (submitted with `--dependency=afterok:<array>`) that
/// merges them into the folder's report. Pure text from absolute paths, so it is tested without Slurm.
///
/// Quoting: every path and `--set` value in a command line is a single-quoted shell word; every
/// `#SBATCH` argument is written the way sbatch's own parser reads it (double quotes with `\"` and
/// `\\` when it holds a blank, a quote, a backslash or `#`), and the log paths escape `%` as `%%`,
/// so Slurm's filename patterns apply only to lrlab's `%A`, `%a` and `%j`.
struct SlurmScripts: Equatable {
    /// Absolute path of the `lrlab` binary the jobs run.
    var binary: String
    /// Absolute path of the sweep file.
    var sweep: String
    /// Absolute path of the output folder (DIR); the scripts and logs go to `DIR/slurm/`.
    var output: String
    /// The sweep's name (letters, digits, '-' and '_'): it names the jobs.
    var name: String
    var shards: Int
    /// `--set KEY=VALUE` arguments, passed on to every shard.
    var overrides: [String] = []
    /// `--sbatch ARG` arguments, each written as an `#SBATCH ARG` line in both scripts.
    var sbatchArguments: [String] = []

    static let folderName = "slurm"
    static let arrayFileName = "array.sh"
    static let reportFileName = "report.sh"

    var folder: String { Self.join(output, Self.folderName) }
    var arrayPath: String { Self.join(folder, Self.arrayFileName) }
    var reportPath: String { Self.join(folder, Self.reportFileName) }
    var indexPath: String { Self.join(output, "index.html") }

    /// The job array: task `$SLURM_ARRAY_TASK_ID` trains shard `ID/N` with one job per CPU it was given.
    var arrayScript: String {
        var command = [Self.shellWord(binary), "run", Self.shellWord(sweep), "-o", Self.shellWord(output),
                       "--shard", "\"$SLURM_ARRAY_TASK_ID/\(shards)\"",
                       "--jobs", "\"${SLURM_CPUS_PER_TASK:-1}\"", "--no-report", "--quiet"]
        for setting in overrides { command += ["--set", Self.shellWord(setting)] }
        return script(
            directives: ["--job-name=lrlab-\(name)", "--array=0-\(shards - 1)",
                         "--output=" + logPath("shard-%A_%a.out"), "--error=" + logPath("shard-%A_%a.err")],
            comment: """
                # lrlab slurm: shard $SLURM_ARRAY_TASK_ID of \(shards) of sweep '\(name)'. Every shard writes into the one
                # output folder; runs are claimed by lock files, so none is trained twice, and submitting this
                # array again resumes: finished runs are reused.
                """,
            command: command)
    }

    /// The merge job: the report of every finished run in the output folder.
    var reportScript: String {
        script(
            directives: ["--job-name=lrlab-\(name)-report",
                         "--output=" + logPath("report-%j.out"), "--error=" + logPath("report-%j.err")],
            comment: """
                # lrlab slurm: the report of sweep '\(name)', submitted to start once every shard of its job array
                # succeeded (--dependency=afterok:<array job id> on the sbatch command line).
                """,
            command: [Self.shellWord(binary), "report", Self.shellWord(output)])
    }

    private func script(directives: [String], comment: String, command: [String]) -> String {
        // sbatch reads #SBATCH lines only before the first command, so they come right after the shebang.
        var lines = ["#!/bin/bash"]
        lines += directives.map { "#SBATCH " + $0 }
        lines += sbatchArguments.map { "#SBATCH " + Self.sbatchWord($0) }
        lines += [comment, "set -eu", "exec " + command.joined(separator: " ")]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A log file in `DIR/slurm/` as one `#SBATCH` argument value: `%` in the folder escaped as `%%`
    /// (`pattern` keeps its own `%` codes), quoted for sbatch's parser when needed.
    private func logPath(_ pattern: String) -> String {
        let folder = self.folder.replacingOccurrences(of: "%", with: "%%")
        return Self.sbatchWord(Self.join(folder, pattern))
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// `text` as one single-quoted POSIX shell word: `'` inside becomes `'\''`.
    static func shellWord(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `text` as one argument of an `#SBATCH` line, as sbatch splits them (`_get_argument` in
    /// sbatch/opt.c): bare when it holds no blank, quote, backslash or `#` (which starts a comment);
    /// otherwise in double quotes, with `"` and `\` escaped by a backslash.
    static func sbatchWord(_ text: String) -> String {
        let special: Set<Character> = [" ", "\t", "\"", "'", "\\", "#"]
        guard text.contains(where: { special.contains($0) }) else { return text }
        var word = "\""
        for character in text {
            if character == "\"" || character == "\\" { word.append("\\") }
            word.append(character)
        }
        return word + "\""
    }

    /// The problem with one `--sbatch ARG`, or nil: it must be one option (`--name` or `--name=value`)
    /// on one line, and not one lrlab writes itself.
    static func problem(withSbatchArgument argument: String) -> String? {
        guard argument.hasPrefix("--"), argument.count > 2 else {
            return "--sbatch expects one sbatch option starting with '--' (such as --sbatch=--partition=gpu), got \(quoted(argument))"
        }
        guard !argument.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return "--sbatch \(quoted(argument)) holds a line break or another control character; each --sbatch is one #SBATCH line"
        }
        let option = argument.prefix { $0 != "=" && $0 != " " }
        if ["--array", "--dependency", "--parsable"].contains(String(option)) {
            return "--sbatch \(quoted(argument)): lrlab sets \(option) itself"
        }
        return nil
    }
}
