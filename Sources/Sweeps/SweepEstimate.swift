public import Diagnostics
import Datasets
import Foundation
import LinearAlgebra
import Training

/// What a sweep will cost, for `lrlab validate`: every run's optimizer steps and examples as
/// `run` plans them (`RunPlan` on the loaded data), and a rough training time from a short probe.
public struct SweepEstimate: Sendable {
    /// Per run, in the sweep's order: updates planned, examples seen, examples per update.
    public struct Run: Sendable {
        public var steps: Int
        public var examples: Int
        public var batchSize: Int
    }

    public let runs: [Run]
    let specs: [RunSpec]
    let splits: [DataSpec: DataSplit]

    /// Updates over every run (saturating).
    public var totalSteps: Int { runs.reduce(0) { Self.add($0, $1.steps) } }
    /// Training examples over every run (saturating): training rows × epochs each.
    public var totalExamples: Int { runs.reduce(0) { Self.add($0, $1.examples) } }

    static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    /// The measured probe and the time it extrapolates to.
    public struct Time: Sendable {
        /// Estimated seconds to train every run on one core (divide by the runs trained at once).
        public var seconds: Double
        /// Steps timed, and how long the probe took in all.
        public var probedSteps: Int
        public var probeSeconds: Double
    }

    /// Times a few minibatch steps (at most `steps`) of the largest model at each batch size on
    /// the real data, one BLAS thread, and extrapolates to every run's planned steps. Steps are
    /// timed between the trainer's own stop checks, so a short epoch's evaluation pass is
    /// counted in the steps around it. The probe stops at `budget` seconds in all.
    public func estimateTime(steps: Int = 50, budget: Double = 0.8) -> Time {
        BLAS.setThreads(1)
        let sizes = Array(Set(runs.map(\.batchSize))).sorted()
        let started = Date()
        var secondsPerStep: [Int: Double] = [:]
        var probed = 0
        for size in sizes {
            // The largest model among the runs of this batch size.
            let candidates = zip(specs, runs).filter { $0.1.batchSize == size }.map(\.0)
            guard let spec = candidates.max(by: { parameters($0) < parameters($1) }),
                  let split = splits[spec.setup.data] else { continue }
            let share = max(0.01, (budget - Date().timeIntervalSince(started)) / Double(sizes.count - secondsPerStep.count))
            let clock = StepClock(limit: steps, budget: share)
            var options = spec.setup.trainingOptions(batchSize: size, learningRate: { _ in 0 })
            options.shouldStop = { clock.tick() }
            let whole = Date()
            _ = train(split, options: options)
            let (count, seconds) = clock.measured
            if count > 0 {
                secondsPerStep[size] = seconds / Double(count)
                probed += count
            } else {
                secondsPerStep[size] = Date().timeIntervalSince(whole) / Double(max(1, runs.first { $0.batchSize == size }?.steps ?? 1))
            }
        }
        let total = runs.reduce(0.0) { $0 + Double($1.steps) * (secondsPerStep[$1.batchSize] ?? 0) }
        return Time(seconds: total, probedSteps: probed, probeSeconds: Date().timeIntervalSince(started))
    }

    func parameters(_ spec: RunSpec) -> Int {
        guard let split = splits[spec.setup.data] else { return 0 }
        let widths = [split.train.featureCount] + spec.setup.model.hidden + [split.train.classCount]
        return zip(widths, widths.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 }
    }
}

/// Counts the trainer's stop checks (one between minibatch steps) and times the steps between
/// the first and the last; asks to stop after `limit` steps or `budget` seconds.
private final class StepClock: @unchecked Sendable {
    private let lock = NSLock()
    private let limit: Int
    private let budget: Double
    private var first: Date?
    private var last: Date?
    private var ticks = 0

    init(limit: Int, budget: Double) {
        self.limit = limit
        self.budget = budget
    }

    func tick() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if first == nil { first = now }
        last = now
        ticks += 1
        return ticks > limit || now.timeIntervalSince(first ?? now) > budget
    }

    /// Steps timed (between the first and last check) and their seconds.
    var measured: (Int, Double) {
        lock.lock()
        defer { lock.unlock() }
        guard let first, let last, ticks > 1 else { return (0, 0) }
        return (ticks - 1, last.timeIntervalSince(first))
    }
}

extension Sweep {
    /// Loads and checks the data as `run` does (`checkData`) and plans every run's steps.
    public func estimate() throws(InputError) -> SweepEstimate {
        let splits = try RunCheck.loadAndCheck(runs)
        let planned = runs.map { spec -> SweepEstimate.Run in
            guard let split = splits[spec.setup.data] else { return .init(steps: 0, examples: 0, batchSize: 1) }
            let plan = RunPlan(spec.setup.train, trainCount: split.train.count)
            let (examples, overflow) = split.train.count.multipliedReportingOverflow(by: max(0, spec.setup.train.epochs))
            return .init(steps: plan.plannedSteps, examples: overflow ? Int.max : examples, batchSize: plan.batchSize)
        }
        return SweepEstimate(runs: planned, specs: runs, splits: splits)
    }
}
