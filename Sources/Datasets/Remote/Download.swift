import Crypto
import Diagnostics
public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches a named data set's files into the cache: each file is written to `NAME.part` beside
/// its place, continued with an HTTP range request after an interruption, checked against its
/// MD5, and only then renamed to `NAME` — a file in the cache is always whole and checked.
public struct Download: Sendable {
    public var cache: DataCache
    /// Base URLs tried in order instead of the data set's own (tests: a local server).
    public var mirrors: [String]?
    /// MD5 sums by file name instead of the published ones (tests: small fixture files).
    public var checksums: [String: String]?
    /// Told `(file, bytes so far, bytes expected)` as a download goes on.
    public var progress: (@Sendable (String, Int, Int?) -> Void)?
    /// Seconds without data before a request is given up.
    public var timeout: Double = 60

    public init(cache: DataCache, mirrors: [String]? = nil, checksums: [String: String]? = nil) {
        self.cache = cache
        self.mirrors = mirrors
        self.checksums = checksums
    }

    /// The download settings from the environment: the user's cache, and for lrlab's own tests
    /// `LRLAB_DATA_MIRROR` (one base URL) and `LRLAB_DATA_CHECKSUMS` (a file of `NAME MD5` lines).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Download {
        var download = Download(cache: .user(environment))
        if let mirror = environment["LRLAB_DATA_MIRROR"], !mirror.isEmpty {
            download.mirrors = [mirror.hasSuffix("/") ? mirror : mirror + "/"]
        }
        if let path = environment["LRLAB_DATA_CHECKSUMS"], let text = try? String(contentsOfFile: path, encoding: .utf8) {
            var sums: [String: String] = [:]
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ", omittingEmptySubsequences: true)
                if parts.count == 2 { sums[String(parts[0])] = String(parts[1]).lowercased() }
            }
            download.checksums = sums
        }
        return download
    }

    func md5(of file: NamedDataset.RemoteFile) -> String { checksums?[file.name] ?? file.md5 }

    /// Every file of `dataset` in the cache, downloading those missing; returns their paths in
    /// `dataset.files` order.
    public func fetch(_ dataset: NamedDataset) throws(DownloadError) -> [String] {
        let folder = cache.folder(dataset)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DownloadError("cannot create the data cache folder \(quoted(folder)): \(systemErrorText(error) ?? "\(error)")")
        }
        var paths: [String] = []
        for file in dataset.files { paths.append(try fetch(file, of: dataset)) }
        return paths
    }

    func fetch(_ file: NamedDataset.RemoteFile, of dataset: NamedDataset) throws(DownloadError) -> String {
        let destination = cache.path(dataset, file)
        if FileManager.default.fileExists(atPath: destination) { return destination }
        var failures: [String] = []
        for base in mirrors ?? dataset.mirrors {
            let url = base + file.name
            do {
                try download(url, to: destination, file: file)
                return destination
            } catch {
                failures.append("\(url): \(error.reason)")
                // A wrong checksum is not the mirror's network: the next mirror may have the right file.
            }
        }
        throw DownloadError("cannot download \(dataset.rawValue)'s \(file.name) (\(failures.joined(separator: "; "))); offline, "
                            + "put the file at \(quoted(destination)) (MD5 \(md5(of: file))), or run 'lrlab data fetch \(dataset.rawValue)' "
                            + "where the network is reachable")
    }

    /// One URL into `destination` through `destination.part`, continuing a partial file.
    func download(_ url: String, to destination: String, file: NamedDataset.RemoteFile) throws(Failure) {
        guard let address = URL(string: url) else { throw Failure("not a URL") }
        let part = destination + ".part"
        let have = (try? FileManager.default.attributesOfItem(atPath: part))?[.size].flatMap { ($0 as? NSNumber)?.intValue } ?? 0
        // A partial file at least as large as the whole is damaged: start again.
        if have >= file.bytes * 2 { try? FileManager.default.removeItem(atPath: part) }
        let receiver = Receiver(path: part, resumeFrom: have < file.bytes * 2 ? have : 0, limit: max(file.bytes * 2, 1 << 20),
                                progress: progress.map { report in { bytes, total in report(file.name, bytes, total) } })
        try receiver.run(address, timeout: timeout)
        let sum = try Self.md5(ofFileAt: part)
        guard sum == md5(of: file) else {
            try? FileManager.default.removeItem(atPath: part)
            throw Failure("the file's MD5 is \(sum), not the published \(md5(of: file)) (the damaged download was removed)")
        }
        guard rename(part, destination) == 0 else {
            throw Failure("cannot move \(quoted(part)) into place: \(errnoText(errno))")
        }
    }

    /// The MD5 of a file, read a megabyte at a time.
    static func md5(ofFileAt path: String) throws(Failure) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Failure("cannot read \(quoted(path))") }
        defer { try? handle.close() }
        var hash = Insecure.MD5()
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw Failure("cannot read \(quoted(path)): \(systemErrorText(error) ?? "\(error)")")
            }
            if chunk.isEmpty { break }
            hash.update(data: chunk)
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Why one URL failed, in words.
    struct Failure: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}

/// A data set that could not be fetched: which file, from where, and what to do offline.
public struct DownloadError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
