public import Diagnostics
import LinearAlgebra
public import Training

/// The LR range test for a sweep (`lrlab lr-find`): one test per batch size of the grid.
public enum RangeTestRunner {
    /// One run per distinct batch size, every other grid key at its first value, repeat 0,
    /// in grid order.
    public static func specs(of sweep: Sweep) -> [RunSpec] {
        guard let first = sweep.runs.first else { return [] }
        var seen = Set<Int?>()
        return sweep.runs.filter { spec in
            guard spec.repeatIndex == 0 else { return false }
            for (entry, firstEntry) in zip(spec.grid, first.grid)
            where entry.key != "train.batch_size" && entry.value != firstEntry.value { return false }
            return seen.insert(spec.setup.train.batchSize).inserted
        }
    }

    /// Runs the range test (`findLearningRate`) with the sweep's model and optimizer for each
    /// batch size of `specs(of:)`, on one BLAS thread (bit-identical on every run). Throws only
    /// for data that cannot be loaded or a run that `run` would refuse (`RunCheck`). `onResult`
    /// is called after each batch size. When `shouldStop` turns true (asked between steps) it
    /// returns the tests completed before.
    public static func run(_ sweep: Sweep, range: RangeTestOptions, shouldStop: (@Sendable () -> Bool)? = nil,
                           onResult: (RangeTestResult) -> Void = { _ in }) throws(InputError) -> [RangeTestResult] {
        BLAS.setThreads(1)
        var results: [RangeTestResult] = []
        let specs = specs(of: sweep)
        // The data loaded and checked as `run` does, before the first test trains.
        let splits = try RunCheck.loadAndCheck(specs)
        for spec in specs {
            if shouldStop?() == true { break }
            guard let split = splits[spec.setup.data] else { continue }
            let batchSize = RunPlan(spec.setup.train, trainCount: split.train.count).batchSize
            var options = spec.setup.trainingOptions(batchSize: batchSize, learningRate: { _ in 0 })
            options.shouldStop = shouldStop
            let result = findLearningRate(split, options: options, range: range)
            if shouldStop?() == true { break }
            onResult(result)
            results.append(result)
        }
        return results
    }
}
