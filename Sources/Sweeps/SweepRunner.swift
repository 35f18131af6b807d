import Datasets
import Diagnostics
import Foundation
import LinearAlgebra
public import Results
import Training

/// Trains the runs of a sweep that are not finished yet, `jobs` at a time, and stores each
/// one atomically as it ends. Runs already in the store are reused unless `fresh`.
///
/// - Processes sharing the store claim each run with a lock file (`RunLocks`) before training
///   it, so no run is trained twice. A run another live process holds is skipped and checked
///   again once this process has nothing else to train: when that process finishes it, it is
///   reused; when it lets it go unfinished (interrupted), this process trains it. So a runner
///   returns only when every run is finished, failed or interrupted.
/// - A run that fails for a reason other than bad input (a write error on its record,
///   non-finite data) is recorded with status `failed` (`RunStore.saveFailed`) and the others go
///   on; the next invocation trains it again.
/// - `shouldStop` is asked between minibatch steps: when it turns true, the runs in training stop
///   where they are (nothing is kept of them), no other run starts, and the summary says `interrupted`.
public struct SweepRunner: Sendable {
    public var jobs: Int
    public var fresh: Bool
    public var onEvent: @Sendable (RunEvent) -> Void
    /// Asked between steps; true stops the sweep (lrlab sets it on SIGINT / SIGTERM).
    public var shouldStop: @Sendable () -> Bool
    /// Seconds between checks of a run another process holds.
    public var pollInterval: Double = 0.25
    /// Stored with every run trained (its `dataSHA256` filled in from the run's data); nil: none.
    public var provenance: Provenance?

    public init(jobs: Int, fresh: Bool = false, onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in },
                shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.jobs = max(1, jobs)
        self.fresh = fresh
        self.onEvent = onEvent
        self.shouldStop = shouldStop
    }

    /// What happened to each run: trained now, reused from an earlier invocation, trained by
    /// another process meanwhile, or failed.
    public struct Summary: Sendable {
        public var trained: [RunRecord] = []
        public var reused: [RunRecord] = []
        /// Finished by another process sharing the folder while this one ran.
        public var elsewhere: [RunRecord] = []
        /// Runs that failed (status `failed`), now or in another process meanwhile.
        public var failed: [RunRecord] = []
        /// `shouldStop` stopped the sweep before every run was done.
        public var interrupted = false

        /// Finished or diverged runs: everything but failures.
        public var results: [RunRecord] { trained + reused + elsewhere }
    }

    /// Trains `runs` not yet finished in `store`. A stored run that this lrlab cannot read (an
    /// older record layout, a damaged file) is trained again and replaced.
    public func run(_ runs: [RunSpec], store: RunStore) throws -> Summary {
        var summary = Summary()
        var pending: [RunSpec] = []
        var replaced: [String: Date] = [:]
        for spec in runs {
            let exists = store.isFinished(spec.id)
            if !fresh, exists, let record = try? store.load(spec.id) {
                summary.reused.append(record)
                onEvent(.reused(spec))
            } else {
                if exists { replaced[spec.id] = store.recordDate(spec.id) ?? .distantPast }
                pending.append(spec)
            }
        }
        guard !pending.isEmpty else { return summary }

        // An unwritable output folder is found before the data is loaded; every dataset is loaded
        // and every run checked before training starts, so bad data fails fast and only once.
        try OutputCheck.writable(store.directory)
        let splits = try RunCheck.loadAndCheck(pending)
        try store.prepare()
        // Each dataset is hashed once, however many runs share it.
        let provenances: [DataSpec: Provenance] = provenance.map { template in
            splits.mapValues { split in
                var filled = template
                filled.dataSHA256 = DataDigest.sha256(split)
                return filled
            }
        } ?? [:]

        // Runs train together only while their memory estimates fit `RunCheck.maxRunBytes` together.
        let workers = min(RunCheck.concurrentRuns(pending, splits: splits, jobs: jobs), pending.count)
        // One BLAS thread per run, always: a multi-threaded sgemm sums in another order, and
        // results must be bit-identical whatever `--jobs` is. Parallelism comes from runs.
        BLAS.setThreads(1)
        let state = SharedState(count: pending.count, started: Date())
        let context = Context(runner: self, store: store, queue: pending, splits: splits, provenances: provenances,
                              replaced: replaced, state: state)
        let heartbeat = Self.heartbeat(store: store, state: state)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let item = state.next(poll: pollInterval, stop: shouldStop) {
                context.process(item)
            }
        }
        heartbeat.cancel()
        store.removePartials()
        summary.trained = state.trained.sorted { $0.runId < $1.runId }
        summary.elsewhere = state.elsewhere.sorted { $0.runId < $1.runId }
        summary.failed = state.failed.sorted { $0.runId < $1.runId }
        summary.interrupted = shouldStop() && state.unresolved > 0
        return summary
    }

    /// Touches this process's lock files every few seconds, so other hosts see them alive.
    private static func heartbeat(store: RunStore, state: SharedState) -> any DispatchSourceTimer {
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 10, repeating: 10)
        timer.setEventHandler { store.locks.touch(state.heldIds) }
        timer.resume()
        return timer
    }
}

public enum RunEvent: Sendable {
    case reused(RunSpec)
    case started(RunSpec)
    case epoch(RunSpec, Int)
    case finished(RunSpec, RunRecord)
    /// The run failed (status `failed`, `record.failure` says why); the others go on.
    case failed(RunSpec, RunRecord)
    /// Another live process holds the run; this one checks again later.
    case waiting(RunSpec, LockOwner)
    /// Another process finished the run while this one waited.
    case finishedElsewhere(RunSpec, RunRecord)
}

/// What every worker reads: the runs, their data and the shared state.
private struct Context: @unchecked Sendable {
    let runner: SweepRunner
    let store: RunStore
    let queue: [RunSpec]
    let splits: [DataSpec: DataSplit]
    let provenances: [DataSpec: Provenance]
    /// Runs finished when the sweep started that are retrained anyway (`fresh`, unreadable
    /// records), with the modification date of their record then.
    let replaced: [String: Date]
    let state: SharedState

    func process(_ item: SharedState.Item) {
        let spec = queue[item.index]
        let locks = store.locks
        // Finished or failed by another process since this one started?
        if item.waited, takeDoneElsewhere(spec) { return }
        let claim: RunLocks.Claim
        do {
            claim = try locks.claim(spec.id)
        } catch {
            fail(spec, message: error.description, started: Date())
            return
        }
        if case .held(let owner) = claim {
            if !item.waited { runner.onEvent(.waiting(spec, owner)) }
            state.wait(item.index, for: runner.pollInterval)
            return
        }
        state.hold(spec.id)
        defer {
            locks.release(spec.id)
            state.drop(spec.id)
        }
        // Claimed: another process may have finished (or failed) it just before releasing its lock.
        if takeDoneElsewhere(spec) { return }
        guard let split = splits[spec.setup.data] else { return }
        let started = Date()
        runner.onEvent(.started(spec))
        let record: RunRecord?
        do {
            record = try RunExecutor.execute(spec, split: split, shouldStop: runner.shouldStop) { epoch in
                runner.onEvent(.epoch(spec, epoch))
            }
        } catch {
            fail(spec, message: error.description, started: started)
            return
        }
        guard var record else { return }  // stopped: nothing is kept, the lock is released
        record.provenance = provenances[spec.setup.data]
        do {
            try store.save(record, replace: runner.fresh || replaced[spec.id] != nil)
            state.resolve(trained: record)
            runner.onEvent(.finished(spec, record))
        } catch {
            fail(spec, message: error.description, started: started, split: split)
        }
    }

    /// Records `spec` as failed with `message`: kept in the store when possible, always in the summary.
    private func fail(_ spec: RunSpec, message: String, started: Date, split: DataSplit? = nil) {
        guard let split = split ?? splits[spec.setup.data] else { return }
        let record = RunExecutor.failedRecord(spec, split: split, message: message, started: started)
        try? store.saveFailed(record)
        state.resolve(failed: record)
        runner.onEvent(.failed(spec, record))
    }

    /// Whether another process finished `spec` since this one started (a record that was not
    /// there, or has been rewritten) or failed it meanwhile (this invocation does not retry that):
    /// then it is taken as such.
    private func takeDoneElsewhere(_ spec: RunSpec) -> Bool {
        if store.isFinished(spec.id), replaced[spec.id].map({ store.recordDate(spec.id) != $0 }) ?? true,
           let record = try? store.load(spec.id) {
            state.resolve(elsewhere: record)
            runner.onEvent(.finishedElsewhere(spec, record))
            return true
        }
        if let date = store.failureDate(spec.id), date >= state.started, let failed = store.loadFailed(spec.id) {
            state.resolve(failed: failed)
            runner.onEvent(.failed(spec, failed))
            return true
        }
        return false
    }
}

/// The work queue, the runs waited on and the results, shared by the worker threads.
private final class SharedState: @unchecked Sendable {
    struct Item { let index: Int; let waited: Bool }

    private let lock = NSLock()
    private var cursor = 0
    private let count: Int
    /// Runs held by other processes, with the time to check each again.
    private var waiting: [(index: Int, due: Date)] = []
    private var held: Set<String> = []
    private(set) var trained: [RunRecord] = []
    private(set) var elsewhere: [RunRecord] = []
    private(set) var failed: [RunRecord] = []
    private var resolved = 0
    let started: Date

    init(count: Int, started: Date) {
        self.count = count
        self.started = started.addingTimeInterval(-1)
    }

    /// The next run to process: the queue first, then the runs waited on (sleeping until one is
    /// due). Nil when nothing is left or `stop` says so.
    func next(poll: Double, stop: () -> Bool) -> Item? {
        while !stop() {
            let choice: (Item?, Date?) = lock.withLock {
                if cursor < count {
                    defer { cursor += 1 }
                    return (Item(index: cursor, waited: false), nil)
                }
                guard let first = waiting.indices.min(by: { waiting[$0].due < waiting[$1].due }) else { return (nil, nil) }
                let entry = waiting[first]
                if entry.due <= Date() {
                    waiting.remove(at: first)
                    return (Item(index: entry.index, waited: true), nil)
                }
                return (nil, entry.due)
            }
            if let item = choice.0 { return item }
            guard let due = choice.1 else { return nil }
            Thread.sleep(forTimeInterval: min(poll, max(0.01, due.timeIntervalSinceNow)))
        }
        return nil
    }

    func wait(_ index: Int, for seconds: Double) {
        lock.withLock { waiting.append((index, Date().addingTimeInterval(seconds))) }
    }
    func hold(_ id: String) { lock.withLock { _ = held.insert(id) } }
    func drop(_ id: String) { lock.withLock { _ = held.remove(id) } }
    var heldIds: [String] { lock.withLock { Array(held) } }

    func resolve(trained record: RunRecord) { lock.withLock { trained.append(record); resolved += 1 } }
    func resolve(elsewhere record: RunRecord) { lock.withLock { elsewhere.append(record); resolved += 1 } }
    func resolve(failed record: RunRecord) { lock.withLock { failed.append(record); resolved += 1 } }
    /// Runs neither trained, reused, finished elsewhere nor failed.
    var unresolved: Int { lock.withLock { count - resolved } }
}
