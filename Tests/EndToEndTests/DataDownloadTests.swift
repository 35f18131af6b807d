import Foundation
import TestSupport
import Testing

/// `dataset: mnist` and `lrlab data fetch` end to end against a local HTTP server on 127.0.0.1
/// (`Tests/Fixtures/data-server/serve.py`) serving small files in the real formats, with the
/// mirror and checksum table replaced through the test-only `LRLAB_DATA_MIRROR` and
/// `LRLAB_DATA_CHECKSUMS`. The download code is the real one.
@Suite(.serialized) struct DataDownloadTests {
    static let fixtures = PackagePaths.fixtures + "/data-server"

    /// A running `serve.py`; its log lines (`GET NAME START STATUS`) say what was asked.
    final class Server {
        let process = Process()
        let port: Int
        let logPath: String

        init(cut: [String] = [], folder: String) throws {
            logPath = folder + "/server.log"
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", DataDownloadTests.fixtures + "/serve.py", DataDownloadTests.fixtures + "/files"]
                + cut.flatMap { ["--cut", $0] }
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle(forWritingAtPath: logPath)
            try process.run()
            var line = Data()
            while let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
                line.append(byte)
            }
            port = Int(String(decoding: line, as: UTF8.self)) ?? 0
        }

        var log: [String] {
            ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        deinit {
            // SIGKILL: the test process's blocked SIGTERM is inherited by the server, which would ignore it.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    func environment(_ folder: String, port: Int, checksums: String = fixtures + "/checksums.txt") -> [String: String] {
        ["XDG_CACHE_HOME": folder + "/cache", "LRLAB_DATA_MIRROR": "http://127.0.0.1:\(port)/",
         "LRLAB_DATA_CHECKSUMS": checksums]
    }

    @Test func aCutDownloadResumesAndTheRunTrainsFromTheCache() throws {
        let folder = try temporaryFolder("lrlab-download")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try Server(cut: ["train-images-idx3-ubyte.gz:300"], folder: folder)
        #expect(server.port > 0)
        let env = environment(folder, port: server.port)
        let cached = folder + "/cache/lrlab/mnist/train-images-idx3-ubyte.gz"

        let cut = try CLI.run(["data", "fetch", "mnist", "--quiet"], in: folder, timeout: 60, environment: env)
        #expect(cut.status == 1)
        let lines = cut.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(cut.stderr.hasPrefix("error: cannot download mnist's train-images-idx3-ubyte.gz ("))
        #expect(cut.stderr.contains("put the file at '\(cached)' (MD5 95b3ad49830f947fc24ec441d29f59af)"))
        #expect(!FileManager.default.fileExists(atPath: cached))
        let part = try FileManager.default.attributesOfItem(atPath: cached + ".part")[.size] as? Int
        #expect(part == 300)

        let resumed = try CLI.run(["data", "fetch", "mnist", "--quiet"], in: folder, timeout: 60, environment: env)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.split(separator: "\n").count == 4)
        #expect(!FileManager.default.fileExists(atPath: cached + ".part"))
        // The second request asked for the rest only, and got it as a partial response.
        #expect(server.log.prefix(2) == ["GET train-images-idx3-ubyte.gz 0 200 cut", "GET train-images-idx3-ubyte.gz 300 206"])

        try "name: m\ndata: {dataset: mnist}\nmodel: {hidden: [8]}\ntrain: {epochs: 2, batch_size: 8}\n"
            .write(toFile: folder + "/m.yaml", atomically: true, encoding: .utf8)
        let requests = server.log.count
        let run = try CLI.run(["run", "m.yaml", "-o", "out", "--quiet"], in: folder, timeout: 120, environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(server.log.count == requests)  // everything came from the cache
        let json = try String(contentsOfFile: folder + "/out/results.json", encoding: .utf8)
        #expect(json.contains("\"trainCount\":40") && json.contains("\"testCount\":10"))
    }

    @Test func aWrongChecksumIsRefusedAndNothingIsCached() throws {
        let folder = try temporaryFolder("lrlab-download-sum")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try Server(folder: folder)
        var sums = try String(contentsOfFile: Self.fixtures + "/checksums.txt", encoding: .utf8)
        sums = sums.replacingOccurrences(of: "798153ab76b98395ddfd00c89c346cee", with: "00000000000000000000000000000000")
        try sums.write(toFile: folder + "/sums.txt", atomically: true, encoding: .utf8)
        let result = try CLI.run(["data", "fetch", "mnist", "--quiet"], in: folder, timeout: 60,
                                 environment: environment(folder, port: server.port, checksums: folder + "/sums.txt"))
        #expect(result.status == 1)
        #expect(result.stderr.contains("train-labels-idx1-ubyte.gz"))
        #expect(result.stderr.contains("the file's MD5 is 798153ab76b98395ddfd00c89c346cee, not the published 00000000000000000000000000000000"))
        let labels = folder + "/cache/lrlab/mnist/train-labels-idx1-ubyte.gz"
        #expect(!FileManager.default.fileExists(atPath: labels))
        #expect(!FileManager.default.fileExists(atPath: labels + ".part"))
    }

    @Test func offlineTheRunSaysWhichFileToPutWhere() throws {
        let folder = try temporaryFolder("lrlab-offline")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "name: m\ndata: {dataset: fashion-mnist}\ntrain: {epochs: 1}\n".write(toFile: folder + "/m.yaml", atomically: true, encoding: .utf8)
        // Port 9 (discard) on 127.0.0.1: nothing listens, the connection is refused at once.
        let result = try CLI.run(["run", "m.yaml", "-o", "out"], in: folder, timeout: 60,
                                 environment: ["XDG_CACHE_HOME": folder + "/cache", "LRLAB_DATA_MIRROR": "http://127.0.0.1:9/"])
        #expect(result.status == 2)
        let expected = "error: m.yaml:2:7: cannot download fashion-mnist's train-images-idx3-ubyte.gz ("
        #expect(result.stderr.hasPrefix(expected), "\(result.stderr)")
        #expect(result.stderr.contains("put the file at '\(folder)/cache/lrlab/fashion-mnist/train-images-idx3-ubyte.gz' (MD5 8d4fb7e6c68d591d4c3dfef9ec88bf0d)"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/runs"))
    }

    @Test func cifar10IsReadFromItsBinaryArchive() throws {
        let folder = try temporaryFolder("lrlab-cifar")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try Server(folder: folder)
        try "name: c\ndata: {dataset: cifar10}\nmodel: {hidden: [4]}\ntrain: {epochs: 1, batch_size: 5}\n"
            .write(toFile: folder + "/c.yaml", atomically: true, encoding: .utf8)
        let run = try CLI.run(["run", "c.yaml", "-o", "out", "--quiet"], in: folder, timeout: 120,
                              environment: environment(folder, port: server.port))
        #expect(run.status == 0, "\(run.stderr)")
        let json = try String(contentsOfFile: folder + "/out/results.json", encoding: .utf8)
        #expect(json.contains("\"trainCount\":15") && json.contains("\"testCount\":2") && json.contains("\"featureCount\":3072"))
    }
}
