import Foundation
import TestSupport
import Testing

/// One fast run, then a longer one (about a second, most of it in BLAS, so in release builds
/// too), trained in that order (`--jobs 1`): a signal sent when the first has finished lands in
/// the second.
private let twoSpeedSweep = """
name: signals
seed: 5
model: {hidden: [32]}
train: {epochs: 1, batch_size: 16, learning_rate: 0.05}
grid:
  train.epochs: [1, 30]

"""

private let fourRunSweep = """
name: shared
seed: 6
model: {hidden: [16]}
train: {epochs: 3, batch_size: 64}
grid:
  train.batch_size: [32, 64]
  train.learning_rate: [0.05, 0.1]

"""

private func hidden(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".") }
}

private func csv(_ path: String) throws -> [String] {
    withoutWallSeconds(try String(contentsOfFile: path, encoding: .utf8))
}

@Suite(.serialized) struct SignalTests {
    func interrupt(with signal: Int32, in folder: String) throws -> (CLI.Result, seconds: Double) {
        let running = try CLI.Running(["run", "sweep.yaml", "-o", "out", "--jobs", "1"], in: folder)
        #expect(running.waitFor("[1/2]"), "stderr: \(running.stderr)")
        let sent = Date()
        running.signal(signal)
        let result = running.finish()
        return (result, Date().timeIntervalSince(sent))
    }

    @Test func sigintStopsKeepsFinishedRunsAndResumes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try twoSpeedSweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)

        let (result, seconds) = try interrupt(with: SIGINT, in: folder)
        #expect(result.status == 130, "stderr: \(result.stderr)")
        #expect(seconds < 3, "took \(seconds) s to stop")
        let last = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last == "1 of 2 runs finished; run the same command to resume", "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        // The finished run is kept; nothing partial, no lock, no report.
        let runs = try FileManager.default.contentsOfDirectory(atPath: folder + "/out/runs")
        #expect(runs.count == 1, "\(runs)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/index.html"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/results.csv"))

        // The same command resumes: one run reused, the other trained, the same numbers as a
        // run never interrupted.
        let resumed = try CLI.run(["run", "sweep.yaml", "-o", "out", "--jobs", "1"], in: folder)
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        #expect(resumed.stderr.contains("trained 1 run, reused 1"))
        let whole = try CLI.run(["run", "sweep.yaml", "-o", "whole", "--no-report", "--quiet"], in: folder)
        #expect(whole.status == 0, "stderr: \(whole.stderr)")
        #expect(try csv(folder + "/out/results.csv") == csv(folder + "/whole/results.csv"))
        #expect(hidden(folder + "/out/runs").isEmpty, "\(hidden(folder + "/out/runs"))")
    }

    @Test func sigtermExits143() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try twoSpeedSweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        let (result, seconds) = try interrupt(with: SIGTERM, in: folder)
        #expect(result.status == 143, "stderr: \(result.stderr)")
        #expect(seconds < 3)
        #expect(result.stderr.hasSuffix("1 of 2 runs finished; run the same command to resume\n"))
        #expect(hidden(folder + "/out/runs").isEmpty, "\(hidden(folder + "/out/runs"))")
    }

    @Test func twoProcessesOnOneFolderTrainEachRunOnce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try fourRunSweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        let arguments = ["run", "sweep.yaml", "-o", "out", "--jobs", "1"]
        let a = try CLI.Running(arguments, in: folder), b = try CLI.Running(arguments, in: folder)
        let results = [a.finish(), b.finish()]
        var trained = 0
        for result in results {
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout == "out/index.html\n")
            let line = result.stderr.split(separator: "\n").last { $0.hasPrefix("trained ") } ?? ""
            trained += Int(line.split(separator: " ")[1]) ?? -100
            // Every run is either trained here or by the other process (seen finished).
            let done = result.stderr.split(separator: "\n").filter { $0.hasPrefix("[") }
            #expect(done.count == 4, "stderr: \(result.stderr)")
        }
        #expect(trained == 4, "\(results.map(\.stderr))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out/runs").count == 4)
        #expect(hidden(folder + "/out/runs").filter { $0.hasPrefix(".lock-") || $0.hasPrefix(".partial-") }.isEmpty)

        let alone = try CLI.run(["run", "sweep.yaml", "-o", "alone", "--no-report", "--quiet"], in: folder)
        #expect(alone.status == 0)
        #expect(try csv(folder + "/out/results.csv") == csv(folder + "/alone/results.csv"))
    }

    @Test func failedRunIsRecordedReportedAndRetried() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeOverflowingCSVs(in: folder)
        try overflowSweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        let result = try CLI.run(["run", "sweep.yaml", "-o", "out"], in: folder)
        #expect(result.status == 3, "stderr: \(result.stderr)")
        #expect(result.stdout == "out/index.html\n")
        #expect(result.stderr.contains("data.path=inf.csv: failed: feature 1 of test row"))
        #expect(result.stderr.hasSuffix("error: 1 of 2 runs failed (status 'failed' in results.csv, the reason in the report); the next 'lrlab run' trains it again\n"))
        let rows = try String(contentsOfFile: folder + "/out/results.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows.filter { $0.contains(",failed,") }.count == 1 && rows.filter { $0.contains(",finished,") }.count == 1)
        let findings = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/findings.json")))
        let kinds = ((findings as? [String: Any])?["findings"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
        #expect(kinds.filter { $0 == "failed" }.count == 1, "\(kinds)")
        let html = try String(contentsOfFile: folder + "/out/index.html", encoding: .utf8)
        #expect(html.contains("Failed runs.") && html.contains("1 failed"))
        #expect(try String(contentsOfFile: folder + "/out/report.md", encoding: .utf8).contains("**Failed runs.**"))

        // Not finished: the next run tries it again (and it fails again), the finished one is reused.
        let again = try CLI.run(["run", "sweep.yaml", "-o", "out"], in: folder)
        #expect(again.status == 3)
        #expect(again.stderr.contains("trained 0 runs, reused 1, 1 failed"), "\(again.stderr)")
        // `lrlab report` lists it too.
        let report = try CLI.run(["report", "out", "-o", "report"], in: folder)
        #expect(report.status == 0, "stderr: \(report.stderr)")
        #expect(try String(contentsOfFile: folder + "/report/results.csv", encoding: .utf8).contains(",failed,"))
    }

    @Test func writeErrorOnOneRunFailsOnlyThatRun() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try fourRunSweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        let options = ["--no-report", "--quiet", "--set", "train.epochs=1", "--set", "grid.train.learning_rate=[0.1]"]
        #expect(try CLI.run(["run", "sweep.yaml", "-o", "ref"] + options, in: folder).status == 0)
        let ids = try FileManager.default.contentsOfDirectory(atPath: folder + "/ref/runs").sorted()
        #expect(ids.count == 2)
        // Where one run's folder goes, a dangling symbolic link: its record cannot be written.
        try FileManager.default.createDirectory(atPath: folder + "/out/runs", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/out/runs/" + ids[0], withDestinationPath: folder + "/missing/x")
        let result = try CLI.run(["run", "sweep.yaml", "-o", "out"] + options, in: folder)
        #expect(result.status == 3, "stderr: \(result.stderr)")
        let rows = try String(contentsOfFile: folder + "/out/results.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.contains { $0.hasPrefix(ids[0] + ",failed,") }, "\(rows)")
        #expect(rows.contains { $0.hasPrefix(ids[1] + ",finished,") }, "\(rows)")
    }

    @Test func lrFindStopsAndWritesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Full-batch steps of a wide model: seconds of BLAS for 300 steps.
        try "name: lf\nmodel: {hidden: [256]}\ntrain: {batch_size: all}\n"
            .write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        let running = try CLI.Running(["lr-find", "sweep.yaml", "-o", "out", "--steps", "300"], in: folder)
        Thread.sleep(forTimeInterval: 0.7)
        let sent = Date()
        running.signal(SIGINT)
        let result = running.finish()
        #expect(result.status == 130, "stderr: \(result.stderr)")
        #expect(Date().timeIntervalSince(sent) < 3)
        #expect(result.stderr == "0 of 1 range tests finished, none written; run the same command to start again\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/lr-find"))
    }
}
