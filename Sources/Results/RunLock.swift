import Diagnostics
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Who holds a run: the content of its lock file `runs/.lock-<run-id>`, one line
/// `pid host seconds-since-1970`.
public struct LockOwner: Sendable, Equatable, CustomStringConvertible {
    public var pid: Int32
    public var host: String
    public var time: Double

    public init(pid: Int32, host: String, time: Double) {
        self.pid = pid
        self.host = host
        self.time = time
    }

    /// This process, now.
    public static func current() -> LockOwner {
        LockOwner(pid: getpid(), host: hostName, time: Date().timeIntervalSince1970)
    }

    /// The host name as the kernel has it (`gethostname`), the same in every process of one machine.
    public static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name.replacingOccurrences(of: " ", with: "_")
    }()

    var line: String { "\(pid) \(host) \(String(format: "%.3f", time))\n" }

    init?(line: String) {
        let parts = line.split(whereSeparator: \.isWhitespace)
        guard parts.count >= 3, let pid = Int32(parts[0]), let time = Double(parts[2]) else { return nil }
        self.init(pid: pid, host: String(parts[1]), time: time)
    }

    public var description: String { "process \(pid) on \(host)" }
}

/// Claims of runs by processes sharing one output folder (shards on a shared file system, or two
/// `lrlab run` started on one folder): a run is trained only by the process that created its lock
/// file with `O_CREAT | O_EXCL`, which is atomic on local file systems and NFSv3+.
///
/// A lock is **stale** — and may be taken over — when its process is gone: on the same host, when
/// no process has its pid; on another host (where pids cannot be checked), when the lock file has
/// not been touched for `staleAfter` seconds (a live holder touches its locks every few seconds,
/// see `RunLocks.touch`). A takeover is serialised by an `flock` on `runs/.locks`, so two
/// processes never both take over one stale lock.
public struct RunLocks: Sendable {
    public let runsDirectory: String
    /// Seconds without a heartbeat after which another host's lock counts as abandoned.
    public var staleAfter: Double = 120

    public init(runsDirectory: String) {
        self.runsDirectory = runsDirectory
    }

    public func path(for runId: String) -> String {
        (runsDirectory as NSString).appendingPathComponent(".lock-\(runId)")
    }

    /// The outcome of `claim`.
    public enum Claim: Sendable, Equatable {
        /// This process holds the run now (`tookOverFrom`: the stale owner it replaced).
        case claimed(tookOverFrom: LockOwner?)
        /// A live other process holds it.
        case held(by: LockOwner)
    }

    /// Tries to claim `runId` for `owner` (this process). Throws only when the lock file cannot be
    /// created for another reason than existing (an unwritable folder).
    public func claim(_ runId: String, as owner: LockOwner = .current()) throws(StoreError) -> Claim {
        for _ in 0..<8 {
            if try create(runId, owner) { return .claimed(tookOverFrom: nil) }
            let existing = self.owner(of: runId)
            if let existing {
                if existing.pid == owner.pid, existing.host == owner.host { return .claimed(tookOverFrom: nil) }
                if !isStale(existing, runId: runId) { return .held(by: existing) }
            } else {
                guard let age = age(of: runId) else { continue }  // released meanwhile: try again
                // Created but not written yet (its creator is between open and write), unless it stays so.
                if age < 5 { return .held(by: LockOwner(pid: 0, host: "unknown", time: Date().timeIntervalSince1970)) }
            }
            // Stale: take it over, one process at a time, only if it is still the lock judged stale.
            let tookOver = try withGuard { () throws(StoreError) -> Bool in
                guard self.owner(of: runId) == existing, FileManager.default.fileExists(atPath: path(for: runId)) else {
                    return false
                }
                unlink(path(for: runId))
                return try create(runId, owner)
            }
            if tookOver { return .claimed(tookOverFrom: existing) }
        }
        let holder = self.owner(of: runId) ?? LockOwner(pid: 0, host: "unknown", time: Date().timeIntervalSince1970)
        return .held(by: holder)
    }

    /// Gives `runId` back: removes its lock file when it is this process's.
    public func release(_ runId: String, as owner: LockOwner = .current()) {
        guard let existing = self.owner(of: runId), existing.pid == owner.pid, existing.host == owner.host else { return }
        unlink(path(for: runId))
    }

    /// The owner written in `runId`'s lock file, nil when there is none (or it is unreadable).
    public func owner(of runId: String) -> LockOwner? {
        guard let data = FileManager.default.contents(atPath: path(for: runId)) else { return nil }
        return LockOwner(line: String(decoding: data, as: UTF8.self))
    }

    /// Whether `runId` has a lock file at all.
    public func isLocked(_ runId: String) -> Bool {
        FileManager.default.fileExists(atPath: path(for: runId))
    }

    /// Whether `owner` is gone: a dead pid on this host, or no heartbeat for `staleAfter` seconds elsewhere.
    public func isStale(_ owner: LockOwner, runId: String) -> Bool {
        if owner.host == LockOwner.hostName {
            return kill(owner.pid, 0) != 0 && errno == ESRCH
        }
        return (age(of: runId) ?? 0) > staleAfter
    }

    /// Marks this process's locks as alive (updates their modification time).
    public func touch(_ runIds: [String]) {
        for id in runIds { utimes(path(for: id), nil) }
    }

    /// Seconds since the lock file was last modified.
    func age(of runId: String) -> Double? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path(for: runId)),
              let date = attributes[.modificationDate] as? Date else { return nil }
        return Date().timeIntervalSince(date)
    }

    /// Creates the lock file exclusively and writes `owner` into it; false when it exists.
    private func create(_ runId: String, _ owner: LockOwner) throws(StoreError) -> Bool {
        let path = self.path(for: runId)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST { return false }
            throw StoreError("cannot create the lock file \(quoted(path)): \(errnoText(errno))")
        }
        let bytes = Array(owner.line.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else {
            unlink(path)
            throw StoreError("cannot write the lock file \(quoted(path))")
        }
        return true
    }

    private func withGuard<R>(_ body: () throws(StoreError) -> R) throws(StoreError) -> R {
        let lock = try FolderLock(path: (runsDirectory as NSString).appendingPathComponent(".locks"))
        defer { lock.unlock() }
        return try body()
    }
}

/// An exclusive `flock` on a file, held until `unlock` (or the process ends): serialises writers of
/// one folder (`DIR/.lrlab.lock` for the top-level report files, `runs/.locks` for takeovers).
public final class FolderLock: @unchecked Sendable {
    private var fd: Int32

    /// Blocks until the lock on `path` (created when missing) is this process's.
    public init(path: String) throws(StoreError) {
        fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw StoreError("cannot open the lock file \(quoted(path)): \(errnoText(errno))") }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let message = String(cString: strerror(errno))
                close(fd)
                throw StoreError("cannot lock \(quoted(path)): \(message)")
            }
        }
    }

    /// The lock on `DIR/.lrlab.lock`, for writing the folder's top-level files.
    public static func forFolder(_ directory: String) throws(StoreError) -> FolderLock {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError("cannot create \(quoted(directory)): \(systemErrorText(error) ?? "\(error)")")
        }
        return try FolderLock(path: (directory as NSString).appendingPathComponent(".lrlab.lock"))
    }

    public func unlock() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { unlock() }
}
