import AtomicFiles
import Diagnostics
import Foundation
import TestSupport
import Testing

@Suite struct AtomicFileTests {
    private func contents(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test func writeReplacesTheFileAndLeavesNoTemporary() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/a.txt"
        try AtomicFile.write(Data("old".utf8), to: path)
        try AtomicFile.write(Data("new".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("new".utf8))
        #expect(try contents(folder) == ["a.txt"])
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporary() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/a.txt"
        try AtomicFile.write(Data("old".utf8), to: path)
        // A folder in the way of the rename: the write fails, the temporary goes.
        try FileManager.default.createDirectory(atPath: folder + "/dir", withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: folder + "/dir/x", withIntermediateDirectories: false)
        #expect(throws: AtomicWriteError.self) { try AtomicFile.write(Data("new".utf8), to: folder + "/dir") }
        #expect(throws: AtomicWriteError.self) { try AtomicFile.write(Data("new".utf8), to: folder + "/missing/a.txt") }
        #expect(FileManager.default.contents(atPath: path) == Data("old".utf8))
        #expect(try contents(folder) == ["a.txt", "dir"])
    }

    @Test func theErrorNamesThePathAndTheReasonOnOneLine() throws {
        do {
            try AtomicFile.write(Data("x".utf8), to: "/nonexistent-folder-lrlab/a.txt")
            Issue.record("no error")
        } catch {
            #expect(error.path == "/nonexistent-folder-lrlab/a.txt")
            #expect(error.description == "cannot write '/nonexistent-folder-lrlab/a.txt': No such file or directory")
            #expect(!error.description.contains("\n"))
        }
        #expect(quoted("out/a\nb's\u{1B}[31m") == "'out/a\\nb\\'s\\u{1B}[31m'")
    }

    @Test func aBatchRenamesOnlyWhenEverythingWasWritten() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try AtomicFile.write(Data("old a".utf8), to: folder + "/a")
        try AtomicFile.write(Data("old b".utf8), to: folder + "/b")

        let failing = FileBatch()
        try failing.stage(Data("new a".utf8), to: folder + "/a")
        #expect(throws: AtomicWriteError.self) { try failing.stage(Data("x".utf8), to: folder + "/missing/b") }
        // The failure removed the staged temporary; nothing was replaced.
        #expect(try contents(folder) == ["a", "b"])
        #expect(FileManager.default.contents(atPath: folder + "/a") == Data("old a".utf8))

        let dropped = FileBatch()
        try dropped.stage(Data("new a".utf8), to: folder + "/a")
        #expect(try contents(folder).count == 3)
        dropped.discard()
        #expect(try contents(folder) == ["a", "b"])

        let batch = FileBatch()
        try batch.stage(Data("new a".utf8), to: folder + "/a")
        try batch.stage(Data("new b".utf8), to: folder + "/b")
        #expect(FileManager.default.contents(atPath: folder + "/a") == Data("old a".utf8))
        try batch.commit()
        #expect(batch.paths.isEmpty)
        #expect(FileManager.default.contents(atPath: folder + "/a") == Data("new a".utf8))
        #expect(FileManager.default.contents(atPath: folder + "/b") == Data("new b".utf8))
        #expect(try contents(folder) == ["a", "b"])
    }

    @Test func aBatchDroppedWithoutCommitRemovesItsTemporaries() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let batch = FileBatch()
            try batch.stage(Data("a".utf8), to: folder + "/a")
        }
        #expect(try contents(folder).isEmpty)
    }

    @Test func staleTemporariesOfDeadProcessesAreRemovedLiveOnesKept() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A process that has exited: its pid is free (until reused; a reused pid only delays the cleanup).
        let exited = Process()
        exited.executableURL = URL(fileURLWithPath: "/bin/true")
        try exited.run()
        exited.waitUntilExit()
        let dead = exited.processIdentifier
        let live = ProcessInfo.processInfo.processIdentifier
        // This machine's tag, as the writer puts it in the name.
        let batch = FileBatch()
        try batch.stage(Data("x".utf8), to: folder + "/probe")
        let probe = try contents(folder).first ?? ""
        let host = probe.split(separator: ".", maxSplits: 5, omittingEmptySubsequences: false)[4]
        batch.discard()

        let names = [
            ".lrlab-tmp.\(dead).1a2b.\(host).index.html",          // killed writer on this machine
            ".lrlab-tmp.\(live).1a2b.\(host).report.md",           // this process: in use
            ".lrlab-tmp.1.1a2b.\(host).results.csv",               // init: alive
            ".lrlab-tmp.\(dead).1a2b.other-machine.results.json",  // another machine, recent: kept
            ".results.csv.0F1D2C3B-4A5B-6C7D-8E9F-0A1B2C3D4E5F.tmp", // an earlier version's, recent: kept
            ".dat.nosync\(String(dead, radix: 16, uppercase: true)).6iH8m8", // Foundation's, of a dead process
            ".dat.nosync\(String(live, radix: 16, uppercase: true)).GcIexb", // ... of this one: kept
            "index.html", ".lrlab",
        ]
        for name in names { try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/" + name)) }
        #expect(AtomicFile.removeStaleTemporaries(in: folder) == [".lrlab-tmp.\(dead).1a2b.\(host).index.html"])
        // A minute later, Foundation's temporary of the dead process goes too.
        #expect(AtomicFile.removeStaleTemporaries(in: folder, now: Date().addingTimeInterval(90))
                == [".dat.nosync\(String(dead, radix: 16, uppercase: true)).6iH8m8"])
        // A day later, another machine's and the earlier version's temporaries are stale too.
        let later = Date().addingTimeInterval(2 * 24 * 3600)
        #expect(AtomicFile.removeStaleTemporaries(in: folder, now: later) == [
            ".dat.nosync\(String(live, radix: 16, uppercase: true)).GcIexb",
            ".lrlab-tmp.\(dead).1a2b.other-machine.results.json",
            ".results.csv.0F1D2C3B-4A5B-6C7D-8E9F-0A1B2C3D4E5F.tmp",
        ])
        #expect(try contents(folder) == [".lrlab", ".lrlab-tmp.1.1a2b.\(host).results.csv",
                                         ".lrlab-tmp.\(live).1a2b.\(host).report.md", "index.html"].sorted())
    }
}
