import Diagnostics
public import Foundation

/// The on-disk store of finished runs: `DIR/runs/<run-id>/run.json`.
///
/// A run's folder is written under a temporary name and renamed when complete, so a run is
/// finished exactly when its `run.json` exists; interrupted runs leave only `.partial-*` folders.
/// A run that failed (not a result) leaves `runs/<id>/failed.json` instead, which the next
/// `lrlab run` replaces by training it again. Processes sharing the folder claim runs with
/// lock files `runs/.lock-<id>` (`locks`).
public struct RunStore: Sendable {
    public let directory: String
    public var runsDirectory: String { (directory as NSString).appendingPathComponent("runs") }

    public init(directory: String) {
        self.directory = directory
    }

    public func folder(for runId: String) -> String {
        (runsDirectory as NSString).appendingPathComponent(runId)
    }

    public func isFinished(_ runId: String) -> Bool {
        FileManager.default.fileExists(atPath: (folder(for: runId) as NSString).appendingPathComponent("run.json"))
    }

    /// The claims of this store's runs by processes sharing the folder.
    public var locks: RunLocks { RunLocks(runsDirectory: runsDirectory) }

    func failedPath(for runId: String) -> String {
        (folder(for: runId) as NSString).appendingPathComponent("failed.json")
    }

    /// Keeps a failed run's record (`status` failed, its `failure`) as `runs/<id>/failed.json`,
    /// which does not make the run finished. A finished run is never replaced by a failure.
    public func saveFailed(_ record: RunRecord) throws(StoreError) {
        let folder = folder(for: record.runId)
        guard !isFinished(record.runId) else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Self.encoder.encode(record).write(to: URL(fileURLWithPath: failedPath(for: record.runId)), options: .atomic)
        } catch {
            throw StoreError("cannot write the failed run \(record.runId) to \(quoted(folder)): \(systemErrorText(error) ?? "\(error)")")
        }
    }

    /// The failed record of `runId`, when the run failed and has not finished since.
    public func loadFailed(_ runId: String) -> RunRecord? {
        guard !isFinished(runId), let data = FileManager.default.contents(atPath: failedPath(for: runId)) else { return nil }
        return try? Self.decoder.decode(RunRecord.self, from: data)
    }

    /// When `runId`'s record (`run.json`) was last written; nil when the run is not finished.
    public func recordDate(_ runId: String) -> Date? {
        modificationDate((folder(for: runId) as NSString).appendingPathComponent("run.json"))
    }

    /// When `runId`'s failure was recorded; nil when it has none.
    public func failureDate(_ runId: String) -> Date? {
        modificationDate(failedPath(for: runId))
    }

    private func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// Every failed (and not since finished) run in the store, sorted by run id.
    public func loadAllFailed() -> [RunRecord] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runsDirectory)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.compactMap(loadFailed)
    }

    /// Removes the `.partial-*` folders this process left (an interrupted save).
    public func removePartials(pid: Int32? = nil) {
        let pid = pid ?? ProcessInfo.processInfo.processIdentifier
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runsDirectory)) ?? []
        for name in names where name.hasPrefix(".partial-") && name.hasSuffix("-\(pid)") {
            try? FileManager.default.removeItem(atPath: (runsDirectory as NSString).appendingPathComponent(name))
        }
    }

    /// Creates the store's folders, so an unwritable output folder is found before anything trains.
    public func prepare() throws(StoreError) {
        do {
            try FileManager.default.createDirectory(atPath: runsDirectory, withIntermediateDirectories: true)
        } catch {
            throw StoreError("cannot create \(quoted(runsDirectory)): \(systemErrorText(error) ?? "\(error)")")
        }
        guard FileManager.default.isWritableFile(atPath: runsDirectory) else {
            throw StoreError("cannot write to \(quoted(runsDirectory))")
        }
    }

    /// Writes `record` atomically: temporary folder, then rename to `runs/<id>`.
    /// An existing finished folder for the same id is replaced only when `replace` is true.
    public func save(_ record: RunRecord, replace: Bool = false) throws(StoreError) {
        let fm = FileManager.default
        let final = folder(for: record.runId)
        let partial = (runsDirectory as NSString)
            .appendingPathComponent(".partial-\(record.runId)-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try fm.createDirectory(atPath: runsDirectory, withIntermediateDirectories: true)
            try? fm.removeItem(atPath: partial)
            try fm.createDirectory(atPath: partial, withIntermediateDirectories: false)
            let data = try Self.encoder.encode(record)
            try data.write(to: URL(fileURLWithPath: (partial as NSString).appendingPathComponent("run.json")))
            if fm.fileExists(atPath: final) {
                // A folder without run.json (a failed run's) is always replaced.
                guard replace || !isFinished(record.runId) else { try? fm.removeItem(atPath: partial); return }
                try fm.removeItem(atPath: final)
            }
            try fm.moveItem(atPath: partial, toPath: final)
        } catch {
            try? fm.removeItem(atPath: partial)
            throw StoreError("cannot write run \(record.runId) to \(quoted(final)): \(systemErrorText(error) ?? "\(error)")")
        }
    }

    public func load(_ runId: String) throws(StoreError) -> RunRecord {
        try load(runId, skipping: [])
    }

    /// The record of `runId` without the logs in `skipping` (their arrays empty; see
    /// `loadAllWithoutLogs`). Those logs are not checked either.
    public func load(_ runId: String, skipping: RecordLogs) throws(StoreError) -> RunRecord {
        let path = (folder(for: runId) as NSString).appendingPathComponent("run.json")
        guard var data = FileManager.default.contents(atPath: path) else {
            throw StoreError("cannot read \(quoted(path))")
        }
        if !skipping.isEmpty, let lean = Self.without(skipping, in: data) { data = lean }
        let record: RunRecord
        do {
            // One decoder per call: `loadAll` decodes on several threads at once.
            record = try Self.makeDecoder().decode(RunRecord.self, from: data)
        } catch {
            struct Format: Decodable { var format: Int? }
            if let found = try? Self.decoder.decode(Format.self, from: data), found.format != RunRecord.currentFormat {
                throw StoreError("\(quoted(path)) was written by another version of lrlab (record format \(found.format ?? 1), this one reads \(RunRecord.currentFormat)); `lrlab run` on its sweep trains it again")
            }
            throw StoreError("\(quoted(path)) is not a run record lrlab can read: \(decodingErrorText(error))")
        }
        if let (field, problem) = record.implausibility() {
            throw StoreError("\(quoted(path)) is not a plausible run record: '\(field)' \(problem)")
        }
        return record
    }

    /// The ids of every finished run in the store (folders with a `run.json`; partial folders skipped).
    public func finishedIds() -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runsDirectory)) ?? []
        return Set(names.filter { !$0.hasPrefix(".") && isFinished($0) })
    }

    /// Every finished run in the store, sorted by run id. Skips partial folders. The records are
    /// read and decoded in parallel (one decoder per file); the first unreadable one in id
    /// order is the error.
    public func loadAll() throws(StoreError) -> [RunRecord] {
        try loadAll(skipping: [])
    }

    func loadAll(skipping: RecordLogs) throws(StoreError) -> [RunRecord] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: runsDirectory)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
        var loaded = [Result<RunRecord, StoreError>?](repeating: nil, count: names.count)
        loaded.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: names.count) { index in
                let name = names[index]
                // A folder without run.json (partial, failed) is not a finished run.
                guard isFinished(name) else { return }
                out[index] = Result { () throws(StoreError) in try load(name, skipping: skipping) }
            }
        }
        var records: [RunRecord] = []
        records.reserveCapacity(names.count)
        for result in loaded {
            if let result { records.append(try result.get()) }
        }
        return records
    }

    static let decoder: JSONDecoder = makeDecoder()

    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }()
}

/// A failure to read or write the results store.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
