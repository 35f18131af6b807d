import Charts
import Diagnostics
import Foundation
import ScheduleCharts
import Schedules
@testable import Sweeps
import TestSupport
import Testing

/// Seeded mutation fuzzing of the files users give lrlab: sweeps, schedule files and
/// pipeline.configs. Every mutant must be read without a trap, and every rejection must be an
/// `InputError` that names a place in the file. What is accepted is taken further: the plan of
/// each run (steps, rates) and the schedule's values and chart, where arithmetic on the accepted
/// numbers has trapped before.
///
/// `LRLAB_FUZZ_CASES` sets the number of mutants per kind (default below; the seed is fixed, so a
/// failure names the case that reproduces it). A trap ends the test process: the case's number
/// and text are in the log line written just before it is read (`LRLAB_FUZZ_LOG=1`).
@Suite struct FuzzTests {
    static var cases: Int {
        ProcessInfo.processInfo.environment["LRLAB_FUZZ_CASES"].flatMap { Int($0) } ?? 1_000
    }
    static let logging = ProcessInfo.processInfo.environment["LRLAB_FUZZ_LOG"] != nil

    /// What the fuzzing saw: how many mutants were accepted and rejected, and any rejection
    /// that was not a located input error.
    struct Tally: CustomStringConvertible {
        var accepted = 0
        var rejected = 0
        var unlocated: [String] = []
        var description: String { "\(accepted + rejected) mutants: \(accepted) accepted, \(rejected) rejected" }

        mutating func reject(_ error: InputError, case number: Int, text: String) {
            rejected += 1
            for problem in error.all {
                let message = problem.line
                if problem.location == nil || message.unicodeScalars.contains(where: {
                    $0.properties.generalCategory == .control
                }) {
                    unlocated.append("case \(number): \(message.debugDescription) from \(text.prefix(300).debugDescription)")
                }
            }
        }
    }

    static func seeds(_ folder: String, extensions: Set<String>) -> [(path: String, text: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().compactMap { name in
            let path = folder + "/" + name
            guard extensions.contains(URL(fileURLWithPath: name).pathExtension),
                  let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            return (path, text)
        }
    }

    static func log(_ kind: String, _ number: Int, _ text: String) {
        guard logging else { return }
        FileHandle.standardError.write(Data("fuzz \(kind) \(number): \(text.debugDescription)\n".utf8))
    }

    /// Reads `Self.cases` mutants of `seeds` (round robin) with `read`, which throws an
    /// `InputError` for a rejected mutant and takes an accepted one further; then checks that
    /// every rejection was located and that both outcomes were common enough to mean something.
    static func fuzz(_ name: String, seeds: [(path: String, text: String)], mutator: Mutator,
                     read: (_ number: Int, _ seed: String, _ text: String) throws -> Void) throws {
        var mutator = mutator
        var tally = Tally()
        for number in 0..<cases {
            let seed = seeds[number % seeds.count]
            let text = mutator.mutate(seed.text)
            log(name, number, text)
            do {
                try read(number, seed.path, text)
                tally.accepted += 1
            } catch let error as InputError {
                tally.reject(error, case: number, text: text)
            }
        }
        print("fuzz \(name): \(tally)")
        #expect(tally.unlocated.isEmpty, "\(tally.unlocated.prefix(5))")
        #expect(tally.accepted > cases / 20, "\(tally)")
        #expect(tally.rejected > cases / 20, "\(tally)")
    }

    @Test func sweepMutants() throws {
        let seeds = Self.seeds(PackagePaths.root + "/Samples", extensions: ["yaml"])
            + Self.seeds(PackagePaths.fixtures + "/zoo", extensions: ["yaml"])
        try #require(seeds.count >= 10)
        try Self.fuzz("sweeps", seeds: seeds, mutator: Mutator(seed: 0x5EED_0001)) { _, path, text in
            Self.plan(try Sweep(document: YAMLDocument(text: text, path: path)))
        }
    }

    /// Each accepted run's plan as the trainer makes it, for a training set of a typical size:
    /// updates per epoch, planned updates and (for plans of ordinary length) every rate.
    static func plan(_ sweep: Sweep) {
        for spec in sweep.runs.prefix(16) {
            for trainCount in [1, 1_438] {
                let plan = RunPlan(spec.setup.train, trainCount: trainCount)
                guard plan.plannedSteps <= 200_000 else { continue }
                let rate = plan.learningRate()
                _ = rate(0) + rate(plan.plannedSteps)
                _ = plan.schedulePoints(rate)
                _ = plan.scheduleInfo
            }
        }
    }

    @Test func scheduleFileMutants() throws {
        let seeds = Self.seeds(PackagePaths.fixtures + "/fuzz", extensions: ["yaml"])
        try #require(seeds.count >= 8)
        try Self.fuzz("schedule files", seeds: seeds, mutator: Mutator(seed: 0x5EED_0002)) { number, path, text in
            let document = try YAMLDocument(text: text, path: path)
            try Self.evaluate(ScheduleSource.read(document.root, path: path, label: "fuzz"), chart: number % 4 == 0)
        }
    }

    @Test func pipelineConfigMutants() throws {
        var seeds = Self.seeds(PackagePaths.root + "/Samples", extensions: ["config"])
        seeds += Self.seeds(PackagePaths.shared + "/golden/od-configs", extensions: ["config"])
        seeds += Self.seeds(PackagePaths.shared + "/golden/od-configs/real", extensions: ["config"])
        try #require(!seeds.isEmpty)
        let folder = try temporaryFolder("lrlab-fuzz")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/mutant.config"
        try Self.fuzz("pipeline.configs", seeds: seeds, mutator: Mutator(seed: 0x5EED_0003, tokens: Mutator.configTokens)) {
            number, _, text in
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            try Self.evaluate(ScheduleSource.read(path: path), chart: number % 4 == 0)
        }
    }

    /// The accepted schedule's values where `lrlab schedule` reads them (the start, the end of
    /// its default range, a few steps past it) and, for some mutants, its chart's layout.
    static func evaluate(_ source: ScheduleSource, chart: Bool) throws {
        let schedule = source.spec.makeSchedule()
        let info = schedule.info
        let count = source.defaultStepCount(info)
        let last = max(0, count - 1)
        for step in [0, 1, last, last &+ 1, last / 2] where step >= 0 {
            _ = schedule.learningRate(at: step)
        }
        _ = schedule.peak(through: min(count, 10_000))
        guard chart, count <= 1_000_000 else { return }
        _ = try layoutProblems(ScheduleChart.single(source))
    }
}
