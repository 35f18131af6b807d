import Foundation
@testable import lrlab
import TestSupport
import Testing

/// `lrlab slurm` without Slurm: `--dry-run`, the checks before anything is written, and submission
/// to a fake `sbatch` on PATH that records its arguments and prints job ids.
/// (`make test-slurm` runs it against a real single-node Slurm.)
@Suite(.serialized) struct SlurmCommandTests {
    static let sweep = """
        name: slurm-e2e
        seed: 3
        data: {dataset: digits}
        model: {hidden: [8]}
        train: {epochs: 1}
        grid:
          train.batch_size: [64, 256]
          train.learning_rate: [0.1, 0.5]

        """

    /// A folder with `sweep.yaml`, its path, and the same path with symbolic links resolved (what
    /// lrlab sees as its current folder).
    static func folder() throws -> (path: String, resolved: String) {
        let folder = try temporaryFolder("lrlab-slurm")
        try sweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        return (folder, URL(fileURLWithPath: folder).resolvingSymlinksInPath().path)
    }

    /// `text` with the lrlab binary as `<lrlab>` and the test's folder as `<tmp>`.
    static func normalised(_ text: String, folder: (path: String, resolved: String)) -> String {
        let binary = URL(fileURLWithPath: CLI.binary).resolvingSymlinksInPath().path
        return text.replacingOccurrences(of: binary, with: "<lrlab>")
            .replacingOccurrences(of: folder.resolved, with: "<tmp>")
            .replacingOccurrences(of: folder.path, with: "<tmp>")
    }

    static let dryRunArguments = ["slurm", "sweep.yaml", "--shards", "2", "-o", "out dir", "--set", "train.epochs=2",
                                  "--sbatch=--time=0:10:00", "--sbatch", "--comment=it's \"one\" #1", "--dry-run"]

    static let expectedArray = """
        #!/bin/bash
        #SBATCH --job-name=lrlab-slurm-e2e
        #SBATCH --array=0-1
        #SBATCH --output="<tmp>/out dir/slurm/shard-%A_%a.out"
        #SBATCH --error="<tmp>/out dir/slurm/shard-%A_%a.err"
        #SBATCH --time=0:10:00
        #SBATCH "--comment=it's \\"one\\" #1"
        # lrlab slurm: shard $SLURM_ARRAY_TASK_ID of 2 of sweep 'slurm-e2e'. Every shard writes into the one
        # output folder; runs are claimed by lock files, so none is trained twice, and submitting this
        # array again resumes: finished runs are reused.
        set -eu
        exec '<lrlab>' run '<tmp>/sweep.yaml' -o '<tmp>/out dir' --shard "$SLURM_ARRAY_TASK_ID/2" --jobs "${SLURM_CPUS_PER_TASK:-1}" --no-report --quiet --set 'train.epochs=2'

        """

    static let expectedReport = """
        #!/bin/bash
        #SBATCH --job-name=lrlab-slurm-e2e-report
        #SBATCH --output="<tmp>/out dir/slurm/report-%j.out"
        #SBATCH --error="<tmp>/out dir/slurm/report-%j.err"
        #SBATCH --time=0:10:00
        #SBATCH "--comment=it's \\"one\\" #1"
        # lrlab slurm: the report of sweep 'slurm-e2e', submitted to start once every shard of its job array
        # succeeded (--dependency=afterok:<array job id> on the sbatch command line).
        set -eu
        exec '<lrlab>' report '<tmp>/out dir'

        """

    @Test func dryRunPrintsBothScriptsAndWritesNothing() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        let r = try CLI.run(Self.dryRunArguments, in: folder.path)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stderr == "")
        let expected = "# <tmp>/out dir/slurm/array.sh\n" + Self.expectedArray + "\n"
            + "# <tmp>/out dir/slurm/report.sh (submitted with --dependency=afterok:<array job id>)\n"
            + Self.expectedReport
        #expect(Self.normalised(r.stdout, folder: folder) == expected)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out dir"))
    }

    @Test func badSbatchArgumentsAreInputErrors() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        let r = try CLI.run(["slurm", "sweep.yaml", "--shards", "2", "-o", "out", "--sbatch", "partition=gpu",
                             "--sbatch", "--time=1\n#SBATCH --x", "--sbatch=--dependency=afterany:1", "--sbatch", "--"],
                            in: folder.path, environment: ["PATH": "/nonexistent"])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == """
            error: --sbatch expects one sbatch option starting with '--' (such as --sbatch=--partition=gpu), got 'partition=gpu'
            error: --sbatch '--time=1\\n#SBATCH --x' holds a line break or another control character; each --sbatch is one #SBATCH line
            error: --sbatch '--dependency=afterany:1': lrlab sets --dependency itself
            error: --sbatch expects one sbatch option starting with '--' (such as --sbatch=--partition=gpu), got '--'

            """)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }

    @Test func otherInputErrors() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        let tooMany = try CLI.run(["slurm", "sweep.yaml", "--shards", "5", "--dry-run"], in: folder.path)
        #expect(tooMany.status == 2)
        #expect(tooMany.stderr == "error: --shards 5 is more than the sweep's 4 runs; give at most 4\n")
        let zero = try CLI.run(["slurm", "sweep.yaml", "--shards", "0", "--dry-run"], in: folder.path)
        #expect(zero.status == 2)
        #expect(zero.stderr.hasPrefix("error: --shards must be at least 1, got 0"))
        let badSet = try CLI.run(["slurm", "sweep.yaml", "--shards", "2", "--set", "train.epochs=-1", "--dry-run"], in: folder.path)
        #expect(badSet.status == 2)
        #expect(badSet.stderr.hasPrefix("error: --set train.epochs=-1:1:"))
        // The command line's problems and the sweep's, all at once.
        let both = try CLI.run(["slurm", "missing.yaml", "--shards", "2", "--sbatch=-p"], in: folder.path)
        #expect(both.status == 2)
        let lines = both.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(both.stderr)")
        #expect(lines.contains { $0.hasPrefix("error: --sbatch expects one sbatch option") })
        #expect(lines.contains { $0.contains("missing.yaml") })
        // A folder lrlab did not write is refused before anything is written or submitted.
        try FileManager.default.createDirectory(atPath: folder.path + "/theirs", withIntermediateDirectories: true)
        try "<p>mine</p>".write(toFile: folder.path + "/theirs/index.html", atomically: true, encoding: .utf8)
        let foreign = try CLI.run(["slurm", "sweep.yaml", "--shards", "2", "-o", "theirs"], in: folder.path)
        #expect(foreign.status == 2)
        #expect(foreign.stderr.contains("was not written by lrlab"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/theirs/slurm"))
    }

    /// Writes an executable `sbatch` into `folder/bin` running `body` (sh); returns the folder.
    static func fakeSbatch(in folder: String, _ body: String) throws -> String {
        let bin = folder + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try ("#!/bin/sh\n" + body).write(toFile: bin + "/sbatch", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/sbatch")
        return bin
    }

    @Test func submitsTheArrayThenTheReportJobAfterIt() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        // Records each call's arguments, one per line, a blank line after each call; prints `ID;cluster`.
        let bin = try Self.fakeSbatch(in: folder.path, """
            log="$(dirname "$0")/calls"
            for a in "$@"; do printf '%s\\n' "$a" >> "$log"; done
            echo >> "$log"
            n=$(grep -c '^$' "$log")
            echo "$((4100 + n));test-cluster"

            """)
        let arguments = Self.dryRunArguments.filter { $0 != "--dry-run" }
        let r = try CLI.run(arguments, in: folder.path, environment: ["PATH": bin + ":/usr/bin:/bin"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(Self.normalised(r.stdout, folder: folder) == """
            submitted job array 4101 (2 shards, 4 runs): <tmp>/out dir/slurm/array.sh
            submitted job 4102 (the report, after job 4101 succeeds): <tmp>/out dir/slurm/report.sh
            <tmp>/out dir/index.html

            """)
        let calls = try String(contentsOfFile: bin + "/calls", encoding: .utf8)
        #expect(Self.normalised(calls, folder: folder) == """
            --parsable
            <tmp>/out dir/slurm/array.sh

            --parsable
            --dependency=afterok:4101
            <tmp>/out dir/slurm/report.sh


            """)
        let slurm = folder.path + "/out dir/slurm"
        #expect(try FileManager.default.contentsOfDirectory(atPath: slurm).sorted() == ["array.sh", "report.sh"])
        #expect(Self.normalised(try String(contentsOfFile: slurm + "/array.sh", encoding: .utf8), folder: folder) == Self.expectedArray)
        #expect(Self.normalised(try String(contentsOfFile: slurm + "/report.sh", encoding: .utf8), folder: folder) == Self.expectedReport)
        // The folder is lrlab's (its marker), and nothing trained.
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out dir/.lrlab"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out dir/runs"))

        // Submitting again (to resume) replaces lrlab's own scripts.
        let again = try CLI.run(arguments, in: folder.path, environment: ["PATH": bin + ":/usr/bin:/bin"])
        #expect(again.status == 0, "stderr: \(again.stderr)")
        #expect(again.stdout.hasPrefix("submitted job array 4103 "))
    }

    @Test func aFailingSbatchIsOneErrorLine() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        let bin = try Self.fakeSbatch(in: folder.path, """
            echo 'sbatch: error: Batch job submission failed: Invalid partition name specified' >&2
            echo 'second line' >&2
            exit 1

            """)
        let r = try CLI.run(["slurm", "sweep.yaml", "--shards", "2", "-o", "out"], in: folder.path,
                            environment: ["PATH": bin + ":/usr/bin:/bin"])
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(r.stderr == "error: sbatch failed for the job array (exit status 1): sbatch: error: Batch job submission failed: Invalid partition name specified\n")
    }

    @Test func aFailingReportSubmissionNamesTheSubmittedArray() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        let bin = try Self.fakeSbatch(in: folder.path, """
            case "$2" in --dependency=*) echo 'sbatch: error: Job dependency problem' >&2; exit 1;; esac
            echo 77

            """)
        let r = try CLI.run(["slurm", "sweep.yaml", "--shards", "2", "-o", "out"], in: folder.path,
                            environment: ["PATH": bin + ":/usr/bin:/bin"])
        #expect(r.status == 1)
        #expect(r.stderr == "error: sbatch failed for the report job (job array 77 is submitted: 'scancel 77' stops it) (exit status 1): sbatch: error: Job dependency problem\n")
    }

    @Test func sbatchMissingFromPath() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        let r = try CLI.run(["slurm", "sweep.yaml", "--shards", "2", "-o", "out"], in: folder.path,
                            environment: ["PATH": folder.path + "/nothing-here"])
        #expect(r.status == 1)
        #expect(r.stderr == "error: 'sbatch' is not on PATH; run lrlab slurm where Slurm's commands are (a login node), or use --dry-run to see the scripts\n")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }
}

/// The quoting and checks of `SlurmScripts`, without running anything.
@Suite struct SlurmScriptsTests {
    @Test func shellWords() {
        #expect(SlurmScripts.shellWord("/a b/c") == "'/a b/c'")
        #expect(SlurmScripts.shellWord("it's") == "'it'\\''s'")
        #expect(SlurmScripts.shellWord("$HOME `x` \"q\"") == "'$HOME `x` \"q\"'")
    }

    @Test func sbatchWords() {
        #expect(SlurmScripts.sbatchWord("--partition=gpu") == "--partition=gpu")
        #expect(SlurmScripts.sbatchWord("--comment=a b") == "\"--comment=a b\"")
        #expect(SlurmScripts.sbatchWord("--comment=#1") == "\"--comment=#1\"")
        #expect(SlurmScripts.sbatchWord("--comment=a\\b\"c'") == "\"--comment=a\\\\b\\\"c'\"")
    }

    @Test func sbatchArgumentChecks() {
        #expect(SlurmScripts.problem(withSbatchArgument: "--account=ml") == nil)
        #expect(SlurmScripts.problem(withSbatchArgument: "--exclusive") == nil)
        #expect(SlurmScripts.problem(withSbatchArgument: "-p gpu") != nil)
        #expect(SlurmScripts.problem(withSbatchArgument: "--x\r") != nil)
        #expect(SlurmScripts.problem(withSbatchArgument: "--array=0-3%2") != nil)
        #expect(SlurmScripts.problem(withSbatchArgument: "--parsable") != nil)
    }

    @Test func logPathsEscapePercent() {
        let scripts = SlurmScripts(binary: "/bin/lrlab", sweep: "/s.yaml", output: "/out/100%", name: "n", shards: 3)
        #expect(scripts.arrayScript.contains("#SBATCH --output=/out/100%%/slurm/shard-%A_%a.out\n"))
        #expect(scripts.arrayScript.contains("#SBATCH --array=0-2\n"))
        #expect(scripts.arrayScript.contains("-o '/out/100%' --shard \"$SLURM_ARRAY_TASK_ID/3\""))
        #expect(scripts.reportScript.hasSuffix("exec '/bin/lrlab' report '/out/100%'\n"))
    }
}
