import Foundation
import Results
import Sweeps
import TestSupport
import Testing

private final class Events: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [RunEvent] = []
    func add(_ event: RunEvent) { lock.withLock { list.append(event) } }
    var all: [RunEvent] { lock.withLock { list } }
}

@Suite(.serialized) struct SweepRunnerTests {
    let digits = """
    name: small
    seed: 2
    model: {hidden: [8]}
    train: {epochs: 2, batch_size: 64}
    grid: {train.learning_rate: [0.05, 0.1]}

    """

    @Test func nonFiniteDataFailsThatRunOnly() throws {
        let folder = try temporaryFolder("lrlab-runner")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeOverflowingCSVs(in: folder)
        try overflowSweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        let runs = try Sweep(path: folder + "/sweep.yaml").runs
        let store = RunStore(directory: folder + "/out")
        let summary = try SweepRunner(jobs: 2).run(runs, store: store)
        #expect(summary.trained.map(\.runId) == [runs[0].id])
        #expect(summary.failed.map(\.runId) == [runs[1].id])
        let failed = try #require(summary.failed.first)
        #expect(failed.status == .failed)
        #expect(failed.failure?.hasPrefix("feature 1 of test row") == true, "\(failed.failure ?? "")")
        #expect(failed.failure?.contains("inf after scaling") == true)
        #expect(failed.history.isEmpty && failed.finalTestAccuracy == nil)
        #expect(store.loadFailed(runs[1].id)?.failure == failed.failure)
        #expect(!store.isFinished(runs[1].id))
        // The next invocation tries the failed run again and reuses the finished one.
        let again = try SweepRunner(jobs: 1).run(runs, store: store)
        #expect(again.reused.count == 1 && again.failed.count == 1 && again.trained.isEmpty)
    }

    @Test func stopTurnsTrainingOffWithinAStepAndKeepsNothing() throws {
        let runs = try sweep(digits).runs
        let directory = temporaryPath("lrlab-runner")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = RunStore(directory: directory)
        // Stop as soon as the first run has started.
        let events = Events()
        let runner = SweepRunner(jobs: 1, onEvent: events.add, shouldStop: {
            events.all.contains { if case .started = $0 { true } else { false } }
        })
        let summary = try runner.run(runs, store: store)
        #expect(summary.interrupted)
        #expect(summary.trained.isEmpty && summary.failed.isEmpty)
        #expect(try store.loadAll().isEmpty)
        let left = try FileManager.default.contentsOfDirectory(atPath: store.runsDirectory)
        #expect(left.isEmpty, "\(left)")
        #expect(!events.all.contains { if case .epoch = $0 { true } else { false } })
    }

    @Test func runHeldByAnotherProcessIsWaitedForThenReused() throws {
        let runs = try sweep(digits).runs
        let directory = temporaryPath("lrlab-runner")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = RunStore(directory: directory)
        try store.prepare()
        // "Another process" (pid 1, alive) holds the first run, then finishes it.
        let other = LockOwner(pid: 1, host: LockOwner.hostName, time: 0)
        #expect(try store.locks.claim(runs[0].id, as: other) == .claimed(tookOverFrom: nil))
        let reference = try SweepRunner(jobs: 1).run([runs[0]], store: RunStore(directory: directory + "-ref"))
        defer { try? FileManager.default.removeItem(atPath: directory + "-ref") }
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) {
            try? store.save(reference.trained[0])
            store.locks.release(runs[0].id, as: other)
        }
        let events = Events()
        let summary = try SweepRunner(jobs: 2, onEvent: events.add).run(runs, store: store)
        #expect(summary.trained.map(\.runId) == [runs[1].id])
        #expect(summary.elsewhere.map(\.runId) == [runs[0].id])
        #expect(events.all.contains { if case .waiting(let spec, let owner) = $0 { spec.id == runs[0].id && owner == other } else { false } })
        #expect(!store.locks.isLocked(runs[0].id) && !store.locks.isLocked(runs[1].id))
    }

    @Test func runLeftUnfinishedByAnotherProcessIsTrainedHere() throws {
        let runs = try sweep(digits).runs
        let directory = temporaryPath("lrlab-runner")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = RunStore(directory: directory)
        try store.prepare()
        let other = LockOwner(pid: 1, host: LockOwner.hostName, time: 0)
        _ = try store.locks.claim(runs[0].id, as: other)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { store.locks.release(runs[0].id, as: other) }
        let summary = try SweepRunner(jobs: 1).run(runs, store: store)
        #expect(Set(summary.trained.map(\.runId)) == Set(runs.map(\.id)))
        #expect(summary.elsewhere.isEmpty && !summary.interrupted)
    }
}
