import Diagnostics
import Testing
@testable import Schedules

/// Step counts and nesting have stated limits, checked with a location, so no schedule's step
/// arithmetic overflows and no parser recursion runs out of stack.
@Suite struct StepCountLimitTests {
    @Test func stepCountsAboveTwoToThe32AreRejectedWhereWritten() throws {
        let max = CatalogEntry.maxStepCount
        #expect(max == 4_294_967_295)
        #expect(throws: Never.self) { try parseSpec(specYAML("pytorch", "StepLR", ["step_size: \(max)"])) }
        for bad in ["\(max + 1)", "\(Int.max)", "-\(max + 1)"] {
            let e = try #require(parseFailure(specYAML("pytorch", "StepLR", ["step_size: \(bad)"])))
            #expect(e.message == "parameter 'step_size' of StepLR is \(bad) steps; step counts must be at most 4,294,967,295 (2³² − 1)")
            #expect(e.location?.line == 4)
        }
        // Lists: the offending item.
        let list = try #require(parseFailure(specYAML("pytorch", "MultiStepLR", ["milestones: [10, 20, 9223372036854775807]"])))
        #expect(list.message.contains("'milestones' of MultiStepLR is 9223372036854775807 steps"))
        #expect(list.location?.line == 4)
        // Float step counts (Keras).
        let float = try #require(parseFailure(specYAML("keras", "CosineDecay", ["initial_learning_rate: 0.1", "decay_steps: 1e300"])))
        #expect(float.message.contains("'decay_steps' of CosineDecay is 1e+300 steps"))
        #expect(float.location?.line == 5)
    }

    @Test func specsBuiltFromValuesAreCheckedToo() throws {
        let spec = ScheduleSpec(library: "pytorch", name: "StepLR", params: ["step_size": .integer(Int.max)])
        #expect(throws: InputError.self) { try spec.validate() }
    }

    @Test func stepMathOfSchedulesAtTheLimitDoesNotTrap() throws {
        let max = CatalogEntry.maxStepCount
        for (library, name, params) in [
            ("pytorch", "StepLR", ["step_size: \(max)"]),
            ("pytorch", "MultiStepLR", ["milestones: [\(max - 1), \(max)]"]),
            ("pytorch", "CosineAnnealingWarmRestarts", ["T_0: \(max)", "T_mult: 2"]),
            ("pytorch", "CyclicLR", ["base_lr: 0.01", "max_lr: 0.1", "step_size_up: \(max)"]),
            ("keras", "CosineDecayRestarts", ["initial_learning_rate: 0.1", "first_decay_steps: \(max)"]),
            ("keras", "PiecewiseConstantDecay", ["boundaries: [\(max)]", "values: [0.1, 0.01]"]),
        ] {
            let spec = try parseSpec(specYAML(library, name, params))
            let schedule = spec.makeSchedule(optimizerLearningRate: 0.1)
            let info = schedule.info
            #expect(info.defaultSteps >= 1, "\(name)")
            #expect(schedule.learningRate(at: 0).isFinite, "\(name)")
            #expect(schedule.learningRate(at: 1_000).isFinite, "\(name)")
        }
    }
}

@Suite struct NestingLimitTests {
    func parse(_ text: String) -> InputError? {
        do { _ = try TextFormatParser.parse(text: text, path: "deep.config"); return nil } catch { return error }
    }

    @Test func messagesAndListsNestAtMost100Deep() throws {
        let ok = String(repeating: "a { ", count: 100) + String(repeating: "}", count: 100)
        #expect(parse(ok) == nil)
        let deep = String(repeating: "a { ", count: 5_000) + String(repeating: "}", count: 5_000)
        let e = try #require(parse(deep))
        #expect(e.message.contains("nested more than 100 levels deep"))
        // At the 101st opening brace (its "a" is at column 401).
        #expect(e.location == SourceLocation(file: "deep.config", line: 1, column: 403))
        let lists = try #require(parse("x: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)))
        #expect(lists.location?.column == 104)
        let angles = try #require(parse(String(repeating: "a < ", count: 200) + String(repeating: ">", count: 200)))
        #expect(angles.message.contains("100 levels"))
    }
}
