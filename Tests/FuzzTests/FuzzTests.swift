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

    @Test func sweepMutants() throws {
        let seeds = Self.seeds(PackagePaths.root + "/Samples", extensions: ["yaml"])
            + Self.seeds(PackagePaths.fixtures + "/zoo", extensions: ["yaml"])
        try #require(seeds.count >= 10)
        var mutator = Mutator(seed: 0x5EED_0001)
        var tally = Tally()
        for number in 0..<Self.cases {
            let seed = seeds[number % seeds.count]
            let text = mutator.mutate(seed.text)
            Self.log("sweep", number, text)
            do {
                let sweep = try Sweep(document: YAMLDocument(text: text, path: seed.path))
                tally.accepted += 1
                Self.plan(sweep)
            } catch {
                tally.reject(error, case: number, text: text)
            }
        }
        print("fuzz \(#function): \(tally)")
        #expect(tally.unlocated.isEmpty, "\(tally.unlocated.prefix(5))")
        #expect(tally.accepted > Self.cases / 20, "\(tally)")
        #expect(tally.rejected > Self.cases / 20, "\(tally)")
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
        var mutator = Mutator(seed: 0x5EED_0002)
        var tally = Tally()
        for number in 0..<Self.cases {
            let seed = seeds[number % seeds.count]
            let text = mutator.mutate(seed.text)
            Self.log("schedule", number, text)
            do {
                let document = try YAMLDocument(text: text, path: seed.path)
                let source = try ScheduleSource.read(document.root, path: seed.path, label: "fuzz")
                tally.accepted += 1
                try Self.evaluate(source, chart: number % 4 == 0)
            } catch let error as InputError {
                tally.reject(error, case: number, text: text)
            }
        }
        print("fuzz \(#function): \(tally)")
        #expect(tally.unlocated.isEmpty, "\(tally.unlocated.prefix(5))")
        #expect(tally.accepted > Self.cases / 20, "\(tally)")
        #expect(tally.rejected > Self.cases / 20, "\(tally)")
    }

    @Test func pipelineConfigMutants() throws {
        var seeds = Self.seeds(PackagePaths.root + "/Samples", extensions: ["config"])
        seeds += Self.seeds(PackagePaths.shared + "/golden/od-configs", extensions: ["config"])
        seeds += Self.seeds(PackagePaths.shared + "/golden/od-configs/real", extensions: ["config"])
        try #require(!seeds.isEmpty)
        let folder = try temporaryFolder("lrlab-fuzz")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var mutator = Mutator(seed: 0x5EED_0003, tokens: Mutator.configTokens)
        var tally = Tally()
        for number in 0..<Self.cases {
            let seed = seeds[number % seeds.count]
            let text = mutator.mutate(seed.text)
            let path = folder + "/mutant.config"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            Self.log("config", number, text)
            do {
                let source = try ScheduleSource.read(path: path)
                tally.accepted += 1
                try Self.evaluate(source, chart: number % 4 == 0)
            } catch let error as InputError {
                tally.reject(error, case: number, text: text)
            }
        }
        print("fuzz \(#function): \(tally)")
        #expect(tally.unlocated.isEmpty, "\(tally.unlocated.prefix(5))")
        #expect(tally.accepted > Self.cases / 20, "\(tally)")
        #expect(tally.rejected > Self.cases / 20, "\(tally)")
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
