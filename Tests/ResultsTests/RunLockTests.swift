import Foundation
import Results
import TestSupport
import Testing

/// The pid of a process that has ended (started and waited for), for stale locks.
private func deadPid() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}

@Suite struct RunLockTests {
    func locks() throws -> (RunLocks, String) {
        let directory = try temporaryFolder("lrlab-locks")
        return (RunLocks(runsDirectory: directory), directory)
    }

    @Test func claimWritesOwnerAndReleaseRemovesIt() throws {
        let (locks, directory) = try locks()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try locks.claim("a") == .claimed(tookOverFrom: nil))
        let owner = try #require(locks.owner(of: "a"))
        #expect(owner.pid == getpid() && owner.host == LockOwner.hostName)
        #expect(abs(owner.time - Date().timeIntervalSince1970) < 60)
        // Claiming again from the same process keeps it; releasing removes the file.
        #expect(try locks.claim("a") == .claimed(tookOverFrom: nil))
        locks.release("a")
        #expect(!locks.isLocked("a"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/.lock-a"))
    }

    @Test func liveOtherProcessHoldsTheRun() throws {
        let (locks, directory) = try locks()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // pid 1 is always alive.
        let other = LockOwner(pid: 1, host: LockOwner.hostName, time: 5)
        #expect(try locks.claim("a", as: other) == .claimed(tookOverFrom: nil))
        #expect(try locks.claim("a") == .held(by: other))
        // Release by someone else's owner does nothing.
        locks.release("a")
        #expect(locks.owner(of: "a") == other)
    }

    @Test func deadProcessLockIsTakenOver() throws {
        let (locks, directory) = try locks()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let gone = LockOwner(pid: try deadPid(), host: LockOwner.hostName, time: 5)
        #expect(try locks.claim("a", as: gone) == .claimed(tookOverFrom: nil))
        #expect(locks.isStale(gone, runId: "a"))
        #expect(try locks.claim("a") == .claimed(tookOverFrom: gone))
        #expect(locks.owner(of: "a")?.pid == getpid())
    }

    @Test func otherHostLockIsStaleOnlyWithoutHeartbeat() throws {
        var (locks, directory) = try locks()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let remote = LockOwner(pid: 4242, host: "elsewhere-\(UUID().uuidString)", time: 5)
        #expect(try locks.claim("a", as: remote) == .claimed(tookOverFrom: nil))
        #expect(try locks.claim("a") == .held(by: remote))
        // Untouched for longer than `staleAfter`: abandoned.
        let old = Date().addingTimeInterval(-600)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: locks.path(for: "a"))
        #expect(try locks.claim("a") == .claimed(tookOverFrom: remote))
        // A heartbeat keeps another host's lock alive.
        #expect(try locks.claim("b", as: remote) == .claimed(tookOverFrom: nil))
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: locks.path(for: "b"))
        locks.touch(["b"])
        locks.staleAfter = 60
        #expect(try locks.claim("b") == .held(by: remote))
    }

    @Test func concurrentClaimsGiveOneWinner() throws {
        let (locks, directory) = try locks()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let gone = LockOwner(pid: try deadPid(), host: LockOwner.hostName, time: 5)
        for id in ["fresh", "stale"] {
            if id == "stale" { _ = try locks.claim(id, as: gone) }
            let wins = Counter()
            DispatchQueue.concurrentPerform(iterations: 16) { i in
                // Every thread poses as a live process of its own host (recent locks of other hosts are live).
                let owner = LockOwner(pid: 1, host: "thread-\(i)", time: Double(i))
                if case .claimed = try? locks.claim(id, as: owner) {
                    if locks.owner(of: id) == owner { wins.add() }
                }
            }
            #expect(wins.value == 1, "\(id)")
        }
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

@Suite struct FailedRecordTests {
    func failedRecord() -> RunRecord {
        var record = sampleRecord()
        record.status = .failed
        record.failure = "cannot write run 64-0.1-abc: disk full"
        record.history = []
        record.steps = []
        record.totalSteps = 0
        return record
    }

    @Test func failedRunIsKeptButNotFinished() throws {
        let directory = temporaryPath("lrlab-store")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = RunStore(directory: directory)
        try store.saveFailed(failedRecord())
        #expect(!store.isFinished("64-0.1-abc"))
        #expect(store.loadFailed("64-0.1-abc") == failedRecord())
        #expect(store.loadAllFailed() == [failedRecord()])
        #expect(try store.loadAll().isEmpty)
        #expect(store.finishedIds().isEmpty)
        // Training it again replaces the failure without `replace`.
        try store.save(sampleRecord())
        #expect(store.isFinished("64-0.1-abc"))
        #expect(store.loadFailed("64-0.1-abc") == nil)
        #expect(!FileManager.default.fileExists(atPath: store.folder(for: "64-0.1-abc") + "/failed.json"))
        // A finished run is never replaced by a failure.
        try store.saveFailed(failedRecord())
        #expect(try store.load("64-0.1-abc").status == .finished)
        #expect(store.loadAllFailed().isEmpty)
    }

    @Test func failedRowHasStatusAndNoMetrics() throws {
        let csv = ResultsTable.csv([sampleRecord(id: "ok"), failedRecord()])
        let rows = csv.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.hasPrefix("64-0.1-abc,failed,64,0.1,momentum,constant,7,2,0,,,,,,,0.25,") }, "\(rows)")
        let json = try JSONSerialization.jsonObject(with: try ResultsTable.json([failedRecord()])) as? [String: Any]
        let run = ((json?["runs"] as? [[String: Any]])?.first?["run"]) as? [String: Any]
        #expect(run?["failure"] as? String == "cannot write run 64-0.1-abc: disk full")
        #expect(run?["status"] as? String == "failed")
    }

    @Test func olderRecordsWithoutFailureStillLoad() throws {
        let directory = temporaryPath("lrlab-store")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = RunStore(directory: directory)
        try store.save(sampleRecord())
        let path = store.folder(for: "64-0.1-abc") + "/run.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("\"failure\""))
        #expect(try store.load("64-0.1-abc") == sampleRecord())
    }

    @Test func partialFoldersOfThisProcessAreRemoved() throws {
        let directory = temporaryPath("lrlab-store")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = RunStore(directory: directory)
        try store.prepare()
        let mine = store.runsDirectory + "/.partial-x-\(getpid())"
        let other = store.runsDirectory + "/.partial-x-1"
        for path in [mine, other] { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        store.removePartials()
        #expect(!FileManager.default.fileExists(atPath: mine))
        #expect(FileManager.default.fileExists(atPath: other))
    }
}
