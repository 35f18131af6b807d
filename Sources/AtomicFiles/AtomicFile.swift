#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import Foundation
import Diagnostics

/// Every output file lrlab writes goes through here: the bytes go to a temporary file in the
/// destination's own folder (`.lrlab-tmp.<pid>.<random>.<host>.<name>`), are flushed to disk,
/// and the temporary is renamed over the destination. A reader therefore sees the old file or
/// the new one, whole, never a cut-off one: not when the process is killed, not when the disk
/// fills up (the write fails, the temporary is removed, the old file stays).
///
/// `FileBatch` does the same for a set of files that belong together (a report): all are
/// written first and renamed only when every one was written.
public enum AtomicFile {
    /// The prefix of every temporary name; `removeStaleTemporaries` recognises them by it.
    public static let temporaryPrefix = ".lrlab-tmp."

    /// Writes `data` to `path` atomically (temporary file in the same folder, flush, rename).
    public static func write(_ data: Data, to path: String) throws(AtomicWriteError) {
        let temporary = try writeTemporary(data, for: path)
        try rename(temporary, to: path)
    }

    /// Writes `data` to a new temporary file beside `path` and returns the temporary's path.
    /// On failure nothing is left behind.
    public static func writeTemporary(_ data: Data, for path: String) throws(AtomicWriteError) -> String {
        let temporary = temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicWriteError(path: path, errno: errno) }
        var failure: Int32 = 0
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard var base = buffer.baseAddress else { return }
            var left = buffer.count
            while left > 0 {
                let n = posixWrite(fd, base, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                left -= n
                base += n
            }
        }
        if failure == 0, fsync(fd) != 0, errno != EINVAL, errno != EROFS { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw AtomicWriteError(path: path, errno: failure)
        }
        return temporary
    }

    /// Renames the temporary file made by `writeTemporary` over `path`; removes it on failure.
    public static func rename(_ temporary: String, to path: String) throws(AtomicWriteError) {
        guard posixRename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw AtomicWriteError(path: path, errno: code)
        }
    }

    /// A fresh temporary name in `path`'s folder: `.lrlab-tmp.<pid>.<random>.<host>.<name>`.
    public static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let folder = (path as NSString).deletingLastPathComponent
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let name = temporaryPrefix + "\(getpid()).\(random).\(hostTag).\(url.lastPathComponent)"
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }

    /// This machine's name with everything but letters, digits and '-' replaced, so it holds no '.'.
    static let hostTag: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        let host = gethostname(&buffer, buffer.count - 1) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "host"
        let cleaned = String(host.unicodeScalars.map {
            ($0.properties.isASCIIHexDigit || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "-")
                ? Character($0) : "-"
        })
        return cleaned.isEmpty ? "host" : String(cleaned.prefix(64))
    }()

    /// Removes the temporary files that earlier lrlab processes left in `folder` when they were
    /// killed: those of this machine whose process is gone, and any older than a day (another
    /// machine's, on a shared folder). Temporaries of live processes are left alone, so two lrlab
    /// processes may write into one folder. Also removes earlier versions' temporaries: Foundation's
    /// `.dat.nosync<pid>.<random>` (its process gone and a minute old) and the `.<name>.<UUID>.tmp` of
    /// SVGs (a day old). Returns the names removed; never throws (a file it cannot remove stays).
    @discardableResult
    public static func removeStaleTemporaries(in folder: String, now: Date = Date()) -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for name in names where isStale(name, in: folder, now: now) {
            if (try? fm.removeItem(atPath: (folder as NSString).appendingPathComponent(name))) != nil {
                removed.append(name)
            }
        }
        return removed.sorted()
    }

    static func isStale(_ name: String, in folder: String, now: Date) -> Bool {
        let path = (folder as NSString).appendingPathComponent(name)
        let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? now
        let old = now.timeIntervalSince(modified) > 24 * 3600
        if name.hasPrefix(temporaryPrefix) {
            let parts = name.split(separator: ".", maxSplits: 5, omittingEmptySubsequences: false)
            // ["", "lrlab-tmp", pid, random, host, name]
            guard parts.count == 6, let pid = Int32(parts[2]) else { return old }
            if String(parts[4]) != hostTag { return old }
            if pid == getpid() { return false }
            return kill(pid, 0) != 0 && errno == ESRCH
        }
        // Earlier versions' tables and pages, written by Foundation: `.dat.nosync<pid in hex>.<random>`.
        // They name no machine: stale when their process is gone here and they are a minute old.
        if name.hasPrefix(".dat.nosync") {
            let parts = name.dropFirst(".dat.nosync".count).split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, let pid = Int32(parts[0], radix: 16) else { return false }
            if old { return true }
            let settled = now.timeIntervalSince(modified) > 60
            return settled && pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
        }
        // Earlier versions' SVG temporaries: `.<name>.<UUID>.tmp`; their writer is gone after a day.
        if name.hasPrefix("."), name.hasSuffix(".tmp"), name.count > 42 {
            let uuid = name.dropLast(4).suffix(36)
            return UUID(uuidString: String(uuid)) != nil && old
        }
        return false
    }
}

/// A file could not be written: its path and the system's reason ("No space left on device").
public struct AtomicWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var code: Int32

    public init(path: String, errno code: Int32) {
        self.path = path
        self.code = code
        self.reason = String(cString: strerror(code))
    }

    public var description: String { "cannot write \(quoted(path)): \(reason)" }
}

// The C library's `write` and `rename`, which `AtomicFile`'s own methods of those names hide.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
private func posixRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
