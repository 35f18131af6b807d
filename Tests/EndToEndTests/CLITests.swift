import Foundation
import TestSupport
import Testing

/// Runs the built `lrlab` binary: `LRLAB_BINARY` (set by `make test` to the release build)
/// or the debug build next to the tests.
struct CLI {
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["LRLAB_BINARY"], FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        return PackagePaths.root + "/.build/debug/lrlab"
    }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    /// Runs `lrlab` to its end; a process still running after `timeout` seconds is killed (its
    /// status then says SIGKILL), so a hang fails the test instead of stopping the suite.
    /// `environment` replaces or adds variables of the test's own environment.
    static func run(_ arguments: [String], in directory: String, timeout: Double = 600,
                    environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let timer = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension CLI {
    /// A running `lrlab`, its stderr collected as it comes, for tests that send signals.
    final class Running: @unchecked Sendable {
        let process = Process()
        private let lock = NSLock()
        private var errData = Data()
        private var outData = Data()

        init(_ arguments: [String], in directory: String) throws {
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            err.fileHandleForReading.readabilityHandler = { [self] handle in
                let data = handle.availableData
                if data.isEmpty { handle.readabilityHandler = nil }
                lock.withLock { errData.append(data) }
            }
            out.fileHandleForReading.readabilityHandler = { [self] handle in
                let data = handle.availableData
                if data.isEmpty { handle.readabilityHandler = nil }
                lock.withLock { outData.append(data) }
            }
            try process.run()
        }

        var stderr: String { lock.withLock { String(decoding: errData, as: UTF8.self) } }
        var stdout: String { lock.withLock { String(decoding: outData, as: UTF8.self) } }

        /// Waits (up to `timeout` seconds) until stderr contains `text`; false if it never does.
        func waitFor(_ text: String, timeout: Double = 60) -> Bool {
            let end = Date().addingTimeInterval(timeout)
            while Date() < end {
                if stderr.contains(text) { return true }
                if !process.isRunning { return stderr.contains(text) }
                Thread.sleep(forTimeInterval: 0.005)
            }
            return false
        }

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        /// Waits for the process to end; its status and output.
        func finish() -> Result {
            process.waitUntilExit()
            Thread.sleep(forTimeInterval: 0.05)  // the last reads of the pipes
            return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
        }
    }

    /// Starts `lrlab` with `arguments` in `directory` without waiting; its output goes nowhere.
    /// For tests that stop it from outside (SIGKILL while it writes).
    static func start(_ arguments: [String], in directory: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}

/// PNG width and height from the IHDR chunk.
func pngSize(_ data: Data) -> (Int, Int)? {
    let bytes = [UInt8](data)
    guard bytes.count > 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
    func int(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (int(16), int(20))
}

let smallSweep = """
name: e2e
title: End-to-end <check>
seed: 3
train:
  epochs: 3
  optimizer: {name: momentum, momentum: 0.9}
grid:
  train.batch_size: [64, 256]
  train.learning_rate: [0.1, 5.0]
report:
  target_accuracy: 0.8

"""

@Suite(.serialized) struct EndToEndTests {
    @Test func runWritesReportAndResumes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try smallSweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)

        let first = try CLI.run(["run", "sweep.yaml", "-o", "out", "--jobs", "2"], in: folder)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stdout == "out/index.html\n")

        let html = try String(contentsOfFile: folder + "/out/index.html", encoding: .utf8)
        #expect(html.contains("End-to-end &lt;check&gt;"))
        #expect(html.contains("diverged at step"))
        let charts = try FileManager.default.contentsOfDirectory(atPath: folder + "/out/charts").filter { $0.hasSuffix(".png") }
        #expect(charts.count >= 4)
        for chart in charts {
            let size = pngSize(try Data(contentsOf: URL(fileURLWithPath: folder + "/out/charts/" + chart)))
            #expect(size.map { $0.0 >= 1000 && $0.1 >= 500 } == true, "\(chart): \(String(describing: size))")
        }
        let csv = try String(contentsOfFile: folder + "/out/results.csv", encoding: .utf8)
        let rows = csv.split(separator: "\n")
        #expect(rows.count == 5)
        #expect(rows.first?.hasPrefix("run_id,status,batch_size,learning_rate,optimizer,schedule,seed,epochs,steps,") == true)
        #expect(rows.dropFirst().filter { $0.contains(",diverged,") }.count == 2)
        #expect(FileManager.default.fileExists(atPath: folder + "/out/report.md"))
        #expect(FileManager.default.fileExists(atPath: folder + "/out/results.json"))

        // Second run: everything reused, same numbers.
        let runsBefore = try FileManager.default.contentsOfDirectory(atPath: folder + "/out/runs").sorted()
        let second = try CLI.run(["run", "sweep.yaml", "-o", "out"], in: folder)
        #expect(second.status == 0)
        #expect(second.stderr.contains("trained 0 runs, reused 4"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out/runs").sorted() == runsBefore)
        #expect(withoutWallSeconds(try String(contentsOfFile: folder + "/out/results.csv", encoding: .utf8))
            == withoutWallSeconds(csv))

        // The report alone rebuilds from the finished runs.
        let report = try CLI.run(["report", "out", "-o", "again"], in: folder)
        #expect(report.status == 0, "stderr: \(report.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/again/index.html"))

        // --single-file: the page carries its charts; report.md still links the files.
        let single = try CLI.run(["report", "out", "-o", "single", "--single-file"], in: folder)
        #expect(single.status == 0, "stderr: \(single.stderr)")
        let page = try String(contentsOfFile: folder + "/single/index.html", encoding: .utf8)
        #expect(page.components(separatedBy: "src=\"data:image/png;base64,iVBORw0KGgo").count - 1 == charts.count)
        #expect(!page.contains("src=\"charts/"))
        #expect(try String(contentsOfFile: folder + "/single/report.md", encoding: .utf8).contains("](charts/"))
    }

    @Test func sameSeedSameNumbers() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try smallSweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        var tables: [[String]] = []
        for out in ["a", "b"] {
            let result = try CLI.run(["run", "sweep.yaml", "-o", out, "--quiet", "--jobs", out == "a" ? "1" : "2",
                                      "--set", "grid.train.learning_rate=[0.1]"], in: folder)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stderr.isEmpty)
            let csv = try String(contentsOfFile: folder + "/\(out)/results.csv", encoding: .utf8)
            tables.append(withoutWallSeconds(csv))
        }
        #expect(tables[0] == tables[1])
    }

    @Test func badSweepGivesOneErrorLineAndTrainsNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "name: bad\ntrain:\n  epochs: 3\n  batch_size: [64]\n".write(toFile: folder + "/bad.yaml", atomically: true, encoding: .utf8)
        let result = try CLI.run(["run", "bad.yaml", "-o", "out"], in: folder)
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: bad.yaml:4:15: "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))

        let typo = try CLI.run(["validate", "bad.yaml", "--set", "train.epoch=2"], in: folder)
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("did you mean 'train.epochs'?"))

        let missing = try CLI.run(["run", "nope.yaml"], in: folder)
        #expect(missing.status != 0)
        #expect(missing.stderr.hasPrefix("error: "))
        #expect(!missing.stderr.contains("Fatal error"))

        let shard = try CLI.run(["run", "bad.yaml", "--shard", "3/2"], in: folder)
        #expect(shard.status != 0)

        for arguments in [["run"], ["run", "bad.yaml", "--bogus"], ["run", "bad.yaml", "--jobs", "0"], ["frob"]] {
            let result = try CLI.run(arguments, in: folder)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.hasPrefix("error: ") && result.stderr.split(separator: "\n").count == 1,
                    "\(arguments): \(result.stderr)")
        }
    }

    @Test func shardsMergeIntoTheUnshardedResults() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try smallSweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        let options = ["--quiet", "--set", "train.epochs=2"]
        #expect(try CLI.run(["run", "sweep.yaml", "-o", "whole"] + options, in: folder).status == 0)
        #expect(try CLI.run(["run", "sweep.yaml", "-o", "s0", "--shard", "0/3", "--no-report"] + options, in: folder).status == 0)
        #expect(try CLI.run(["run", "sweep.yaml", "-o", "s1", "--shard", "1/3", "--no-report"] + options, in: folder).status == 0)
        #expect(try CLI.run(["run", "sweep.yaml", "-o", "s2", "--shard", "2/3", "--no-report"] + options, in: folder).status == 0)
        let counts = try ["s0", "s1", "s2"].map { try FileManager.default.contentsOfDirectory(atPath: folder + "/\($0)/runs").count }
        #expect(counts == [2, 1, 1])
        let merged = try CLI.run(["report", "s0", "s1", "s2", "-o", "merged"], in: folder)
        #expect(merged.status == 0, "stderr: \(merged.stderr)")
        let whole = try String(contentsOfFile: folder + "/whole/results.csv", encoding: .utf8)
        let joined = try String(contentsOfFile: folder + "/merged/results.csv", encoding: .utf8)
        #expect(withoutWallSeconds(joined) == withoutWallSeconds(whole))
    }

    @Test func initWritesAStarterSweepOnce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try CLI.run(["init", "mine.yaml"], in: folder)
        #expect(first.status == 0 && first.stdout == "mine.yaml\n")
        let validate = try CLI.run(["validate", "mine.yaml"], in: folder)
        #expect(validate.stdout.hasPrefix("batch-size: 9 runs"))
        try "keep me".write(toFile: folder + "/mine.yaml", atomically: true, encoding: .utf8)
        let again = try CLI.run(["init", "mine.yaml"], in: folder)
        #expect(again.status != 0 && again.stderr.hasPrefix("error: "))
        #expect(try String(contentsOfFile: folder + "/mine.yaml", encoding: .utf8) == "keep me")
    }

    @Test func validatePrintsExpandedRuns() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try smallSweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        let result = try CLI.run(["validate", "sweep.yaml"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("e2e: 4 runs\n"))
        #expect(result.stdout.contains("train.batch_size=256 train.learning_rate=5.0"))
    }
}

/// The rows of a results.csv without the wall_seconds column (timing); everything else must match exactly.
func withoutWallSeconds(_ csv: String) -> [String] {
    let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    let wall = rows.first?.firstIndex { $0 == "wall_seconds" } ?? -1
    return rows.map { $0.enumerated().filter { $0.offset != wall }.map(\.element).joined(separator: ",") }
}
