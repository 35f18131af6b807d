import Insights
import Results
import Testing

/// Findings against a brute-force reading of the same numbers, on random grids of one to three
/// keys with repeats and divergence.
@Suite struct BruteForceTests {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static func grid(seed: UInt64) -> [RunRecord] {
        var g = Generator(state: seed)
        let keys = [("train.batch_size", ["32", "64", "256", "1024"]), ("train.learning_rate", ["0.01", "0.1", "1", "10"]),
                    ("train.optimizer", ["adam", "sgd", "rmsprop"])]
        let used = keys.prefix(1 + g.int(3)).map { ($0.0, Array($0.1.prefix(2 + g.int($0.1.count - 1)))) }
        let repeats = 1 + g.int(3)
        var points: [[(String, String)]] = [[]]
        for (key, values) in used { points = points.flatMap { p in values.map { p + [(key, $0)] } } }
        var runs: [RunRecord] = []
        for (index, p) in points.enumerated() {
            for seed in 0..<repeats {
                let diverged = g.int(6) == 0 ? g.int(50) : nil
                let final = Double(200 + g.int(159)) / 359
                runs.append(record(p, accuracies: [0.5, final], diverged: diverged, seed: seed, index: index))
            }
        }
        return runs
    }

    @Test(arguments: 1...60) func findingsMatchBruteForce(seed: Int) throws {
        let runs = Self.grid(seed: UInt64(seed))
        let findings = Analysis.findings(runs)
        // Best: the point(s) with the highest mean final test accuracy.
        var byPoint: [GridPoint: [Double]] = [:]
        for run in runs { byPoint[run.point, default: []].append(run.finalTestAccuracy ?? 0) }
        let means = byPoint.mapValues { $0.reduce(0, +) / Double($0.count) }
        let top = try #require(means.values.max())
        let winners = Set(means.filter { $0.value >= top - 1e-12 }.keys)
        let expected = Set(runs.filter { winners.contains($0.point) }.map(\.runId))
        let best = try #require(findings.first { $0.kind == .best })
        #expect(Set(best.runs) == expected)
        // Divergence: exactly the diverged runs.
        let diverged = Set(runs.filter { $0.status == .diverged }.map(\.runId))
        let divergence = try #require(findings.first { $0.kind == .divergence })
        #expect(Set(divergence.runs) == diverged)
        // Grid edges: every named run's value is the smallest or largest of its key.
        for edge in findings where edge.kind == .gridEdge {
            let lowEnd = edge.text.contains("smallest")
            for id in edge.runs {
                let run = try #require(runs.first { $0.runId == id })
                let ordered = run.grid.filter { $0.number != nil }
                #expect(ordered.contains { value in
                    let all = Set(runs.compactMap { $0.point.value(value.key)?.number })
                    return value.number == (lowEnd ? all.min() : all.max())
                })
            }
        }
        // Generalisation gap: per batch size, the finished runs of its best point (highest mean,
        // the first in grid order on a tie) among the points with a run that did not diverge.
        // Steps to target (90%, reached in epoch 2 when the seeds' mean final accuracy gets
        // there, at the same steps for every rate): the points without a diverged seed that reach
        // it, the highest mean first.
        var buckets: [String: [GridPoint]] = [:]
        var order: [GridPoint] = []
        for run in runs.sorted(by: { ($0.gridIndex, $0.repeatIndex) < ($1.gridIndex, $1.repeatIndex) }) where !order.contains(run.point) {
            order.append(run.point)
            buckets[run.gridValue("train.batch_size") ?? "", default: []].append(run.point)
        }
        var gapRuns: Set<String> = [], stepRuns: Set<String> = []
        for points in buckets.values {
            func first(_ candidates: [GridPoint]) -> GridPoint? {
                guard let top = candidates.compactMap({ means[$0] }).max() else { return nil }
                return candidates.first { (means[$0] ?? -1) >= top - 1e-12 }
            }
            let live = points.filter { p in runs.contains { $0.point == p && $0.status == .finished } }
            if let best = first(live) {
                gapRuns.formUnion(runs.filter { $0.point == best && $0.status == .finished }.map(\.runId))
            }
            let clean = points.filter { p in !runs.contains { $0.point == p && $0.status == .diverged } && (means[p] ?? 0) >= 0.9 - 1e-12 }
            if let fastest = first(clean) { stepRuns.formUnion(runs.filter { $0.point == fastest }.map(\.runId)) }
        }
        #expect(Set(findings.first { $0.kind == .generalizationGap }?.runs ?? []) == gapRuns)
        let steps = try #require(findings.first { $0.kind == .stepsToTarget })
        #expect(Set(steps.runs) == stepRuns)
        // Every finding's runs exist.
        let ids = Set(runs.map(\.runId))
        #expect(findings.allSatisfy { $0.runs.allSatisfy(ids.contains) })
    }
}
