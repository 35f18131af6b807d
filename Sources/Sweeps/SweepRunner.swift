public import Datasets
public import Diagnostics
public import Foundation
public import LinearAlgebra
public import Results
public import Training

/// Trains the runs of a sweep that are not finished yet, `jobs` at a time, and stores each
/// one atomically as it ends. Runs already in the store are reused unless `fresh`.
public struct SweepRunner: Sendable {
    public var jobs: Int
    public var fresh: Bool
    public var onEvent: @Sendable (RunEvent) -> Void

    public init(jobs: Int, fresh: Bool = false, onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }) {
        self.jobs = max(1, jobs)
        self.fresh = fresh
        self.onEvent = onEvent
    }

    /// What happened to each run: trained now, or reused from an earlier invocation.
    public struct Summary: Sendable {
        public var trained: [RunRecord] = []
        public var reused: [RunRecord] = []
    }

    /// Trains `runs` not yet finished in `store`. A stored run that this lrlab cannot read (an
    /// older record layout, a damaged file) is trained again and replaced.
    public func run(_ runs: [RunSpec], store: RunStore) throws -> Summary {
        var summary = Summary()
        var pending: [RunSpec] = []
        var replaced: Set<String> = []
        for spec in runs {
            let exists = store.isFinished(spec.id)
            if !fresh, exists, let record = try? store.load(spec.id) {
                summary.reused.append(record)
                onEvent(.reused(spec))
            } else {
                if exists { replaced.insert(spec.id) }
                pending.append(spec)
            }
        }
        guard !pending.isEmpty else { return summary }

        // An unwritable output folder is found before the data is loaded; every dataset is loaded
        // and every run checked before training starts, so bad data fails fast and only once.
        try OutputCheck.writable(store.directory)
        let splits = try RunCheck.loadAndCheck(pending)
        try store.prepare()

        let workers = min(jobs, pending.count)
        // One BLAS thread per run, always: a multi-threaded sgemm sums in another order, and
        // results must be bit-identical whatever `--jobs` is. Parallelism comes from runs.
        BLAS.setThreads(1)
        let state = SharedState()
        let splitsByData = splits, queue = pending, replacedIds = replaced
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = state.next(limit: queue.count) {
                let spec = queue[index]
                guard let split = splitsByData[spec.setup.data] else { continue }
                onEvent(.started(spec))
                let record = RunExecutor.execute(spec, split: split) { epoch in onEvent(.epoch(spec, epoch)) }
                do {
                    try store.save(record, replace: fresh || replacedIds.contains(spec.id))
                    state.add(record)
                    onEvent(.finished(spec, record))
                } catch {
                    state.fail(error)
                }
            }
        }
        if let error = state.error { throw error }
        summary.trained = state.records.sorted { $0.runId < $1.runId }
        return summary
    }
}

public enum RunEvent: Sendable {
    case reused(RunSpec)
    case started(RunSpec)
    case epoch(RunSpec, Int)
    case finished(RunSpec, RunRecord)
}

/// The work queue and results shared by the worker threads.
private final class SharedState: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor = 0
    private(set) var records: [RunRecord] = []
    private(set) var error: (any Error)?

    func next(limit: Int) -> Int? {
        lock.withLock {
            guard cursor < limit, error == nil else { return nil }
            defer { cursor += 1 }
            return cursor
        }
    }

    func add(_ record: RunRecord) { lock.withLock { records.append(record) } }
    func fail(_ error: any Error) { lock.withLock { if self.error == nil { self.error = error } } }
}
