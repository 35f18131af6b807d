import Diagnostics
import Foundation
import Testing
@testable import Schedules
import Results

@Suite struct ScheduleBehaviourTests {
    func rates(_ yaml: String, _ steps: [Int], lr: Double? = nil) throws -> [Double] {
        try parseSpec(yaml).makeSchedule(optimizerLearningRate: lr).learningRates(at: steps)
    }

    @Test func chainedSchedulerMultipliesFactors() throws {
        let yaml = specYAML("pytorch", "ChainedScheduler", [
            "schedulers: [{name: ConstantLR, params: {factor: 0.1, total_iters: 2}}, [ExponentialLR, {gamma: 0.9}]]",
            "optimizer_lr: 1.0",
        ])
        let r = try rates(yaml, [0, 1, 2, 3])
        let want = [0.1, 0.09, 0.81, 0.729]
        for (a, b) in zip(r, want) { #expect(abs(a - b) <= 1e-15) }
    }

    @Test func constantLRWithZeroItersKeepsFactor() throws {
        let r = try rates(specYAML("pytorch", "ConstantLR", ["factor: 0.5", "total_iters: 0"]), [0, 1, 10], lr: 0.2)
        #expect(r == [0.1, 0.1, 0.1])
    }

    @Test func oneCycleEndsAtTotalSteps() throws {
        let r = try rates(specYAML("pytorch", "OneCycleLR", ["max_lr: 0.1", "epochs: 2", "steps_per_epoch: 50"]), [100, 101])
        #expect(r[0].isFinite && r[1].isNaN)
    }

    @Test func cosineAnnealingIsPeriodic() throws {
        let r = try rates(specYAML("pytorch", "CosineAnnealingLR", ["T_max: 10", "optimizer_lr: 0.1"]), [0, 10, 20])
        #expect(abs(r[0] - 0.1) < 1e-15 && abs(r[1]) < 1e-15 && abs(r[2] - 0.1) < 1e-15)
    }

    @Test func onePassEqualsPointwiseInAnyOrder() throws {
        let s = try parseSpec(specYAML("pytorch", "CosineAnnealingWarmRestarts", ["T_0: 3", "T_mult: 2"])).makeSchedule()
        let steps = [20, -3, 0, 5, 5, 1]
        #expect(s.learningRates(at: steps) == steps.map { s.learningRate(at: $0) })
        #expect(s.learningRate(at: -3) == s.learningRate(at: 0))
    }

    @Test func optimizerRateComesFromSpecThenCaller() throws {
        let spec = try parseSpec(specYAML("pytorch", "StepLR", ["step_size: 10"]))
        #expect(spec.makeSchedule().learningRate(at: 0) == 1.0)
        #expect(spec.makeSchedule(optimizerLearningRate: 0.3).learningRate(at: 10) == 0.3 * 0.1)
        let fixed = try parseSpec(specYAML("pytorch", "StepLR", ["step_size: 10", "optimizer_lr: 0.5"]))
        #expect(fixed.makeSchedule(optimizerLearningRate: 0.3).learningRate(at: 0) == 0.5)
    }

    @Test func hugeStepsDoNotTrap() throws {
        let specs = [
            specYAML("keras", "CosineDecayRestarts", ["initial_learning_rate: 0.1", "first_decay_steps: 10"]),
            specYAML("keras", "PolynomialDecay", ["initial_learning_rate: 0.1", "decay_steps: 10", "cycle: true"]),
            specYAML("tf-od-api", "cosine_decay_learning_rate", ["total_steps: 4294967295", "hold_base_rate_steps: 4294967295"]),
            specYAML("tf-od-api", "exponential_decay_with_burnin", ["learning_rate_base: 0.1", "learning_rate_decay_steps: 0", "learning_rate_decay_factor: 0.5"]),
            specYAML("tf-od-api", "manual_stepping", ["boundaries: [5]", "rates: [0.1, 0.01]", "warmup: true"]),
        ]
        for yaml in specs {
            let s = try parseSpec(yaml).makeSchedule()
            _ = s.learningRates(at: [Int.max, Int.min, 0])
            _ = s.info
        }
    }

    @Test func specIdentityAndSummary() throws {
        let a = try parseSpec(specYAML("pytorch", "StepLR", ["step_size: 10"]))
        let b = try parseSpec(specYAML("pytorch", "StepLR", ["step_size: 10", "gamma: 0.1"]))
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(a.defaulted == ["gamma"] && b.defaulted.isEmpty)
        #expect(a.summary == "StepLR(step_size=10, gamma=0.1)")
        let data = try JSONEncoder().encode(a)
        #expect(try JSONDecoder().decode(ScheduleSpec.self, from: data) == a)
        let onecycle = try parseSpec(specYAML("pytorch", "OneCycleLR", ["max_lr: 0.1", "total_steps: 100", "three_phase: true"]))
        #expect(onecycle.summary == "OneCycleLR(max_lr=0.1, total_steps=100, three_phase=True)")
        let nested = try parseSpec(specYAML("pytorch", "SequentialLR", ["schedulers: [[LinearLR, {total_iters: 5}], [ExponentialLR, {gamma: 0.9}]]", "milestones: [5]"]))
        #expect(nested.summary.contains("LinearLR(") && nested.summary.contains("milestones=[5]"))
    }

    @Test func kerasCosineWarmupTargetAtZeroWarmup() throws {
        let r = try rates(specYAML("keras", "CosineDecay", ["initial_learning_rate: 0.0", "decay_steps: 100", "warmup_target: 0.5"]), [0])
        #expect(r == [0.5])
        // Without warmup_target, warmup_steps is ignored.
        let plain = try rates(specYAML("keras", "CosineDecay", ["initial_learning_rate: 0.2", "decay_steps: 100", "warmup_steps: 50"]), [0])
        #expect(plain == [0.2])
    }

    @Test func chartMetadata() throws {
        let onecycle = try parseSpec(specYAML("pytorch", "OneCycleLR", ["max_lr: 0.1", "total_steps: 100", "three_phase: true"])).makeSchedule()
        #expect(onecycle.info.phases.map(\.kind) == [.warmup, .anneal, .decay])
        #expect(onecycle.peak().learningRate == 0.1)
        let sgdr = try parseSpec(specYAML("pytorch", "CosineAnnealingWarmRestarts", ["T_0: 10", "T_mult: 2"])).makeSchedule()
        #expect(sgdr.info.markers.filter { $0.kind == .restart }.map(\.step) == [10, 30, 70, 150])
        let multistep = try parseSpec(specYAML("pytorch", "MultiStepLR", ["milestones: [30, 80]"])).makeSchedule()
        #expect(multistep.info.markers.map(\.step) == [30, 80] && multistep.info.defaultSteps >= 80)
        let hold = try parseSpec(specYAML("tf-od-api", "cosine_decay_with_warmup", ["learning_rate_base: 0.1", "total_steps: 1000", "warmup_steps: 100", "hold_base_rate_steps: 50"])).makeSchedule()
        #expect(hold.info.phases.map(\.kind) == [.warmup, .hold, .decay, .zero])
    }
}

@Suite struct SpecValidateAndRescaleTests {
    @Test func validateChecksValuesWithoutLocations() throws {
        var spec = try parseSpec(specYAML("tf-od-api", "cosine_decay_learning_rate", ["learning_rate_base: 0.08", "total_steps: 300000", "warmup_learning_rate: 0.001", "warmup_steps: 2500"]))
        try spec.validate()
        spec.params["warmup_steps"] = .integer(400_000)
        #expect(throws: InputError.self) { try spec.validate() }
        spec.params["warmup_step"] = .integer(5)
        do { try spec.validate(); Issue.record("accepted") } catch { #expect(error.suggestion == "warmup_steps") }
        let bad = ScheduleSpec(library: "pytorch", name: "StepLR", params: ["step_size": .string("x")])
        #expect(throws: InputError.self) { try bad.validate() }
    }

    /// The lecture notes' config (batch 1024) at batch 64 with the linear rule.
    @Test func rescaleForAnotherBatchSize() throws {
        let spec = try parseSpec(specYAML("tf-od-api", "cosine_decay_learning_rate", ["learning_rate_base: 0.08", "total_steps: 300000", "warmup_learning_rate: 0.001", "warmup_steps: 2500"]))
        let small = try spec.rescaled(rateFactor: 64.0 / 1024, stepFactor: 1024.0 / 64)
        #expect(small.params["total_steps"] == .integer(4_800_000))
        #expect(small.params["warmup_steps"] == .integer(40_000))
        #expect(small.params["learning_rate_base"] == .number(0.005))
        #expect(small.params["hold_base_rate_steps"] == .integer(0))
        let manual = try parseSpec(specYAML("tf-od-api", "manual_step_learning_rate", ["initial_learning_rate: 0.1", "schedule: [{step: 100, learning_rate: 0.01}]"]))
        let half = try manual.rescaled(rateFactor: 0.5, stepFactor: 2)
        #expect(half.params["schedule"] == .list([.mapping(["step": .integer(200), "learning_rate": .number(0.005)])]))
        let seq = try parseSpec(specYAML("pytorch", "SequentialLR", ["schedulers: [[LinearLR, {total_iters: 5}], [ExponentialLR, {gamma: 0.9}]]", "milestones: [5]", "optimizer_lr: 0.1"]))
        let seq2 = try seq.rescaled(rateFactor: 2, stepFactor: 2)
        #expect(seq2.params["milestones"] == .list([.integer(10)]))
        #expect(seq2.params["optimizer_lr"] == .number(0.2))
    }
}

@Suite struct TorchLargeStepTests {
    @Test func closedFormBeyondRecursionLimit() throws {
        let yamls = [
            specYAML("pytorch", "StepLR", ["step_size: 10000000", "gamma: 0.5"]),
            specYAML("pytorch", "CosineAnnealingWarmRestarts", ["T_0: 1000", "T_mult: 2"]),
            specYAML("pytorch", "CyclicLR", ["base_lr: 0.1", "max_lr: 1.0"]),
            specYAML("pytorch", "OneCycleLR", ["max_lr: 0.1", "total_steps: 100"]),
        ]
        let step = torchRecursionLimit + 1_000_000
        for yaml in yamls {
            let r = try parseSpec(yaml).makeSchedule().learningRates(at: [step, Int.max, 3])
            #expect(r.count == 3)
        }
        let stepLR = try parseSpec(yamls[0]).makeSchedule()
        #expect(stepLR.learningRate(at: step) == pow(0.5, 5))
        // SGDR's direct formula agrees with its counters.
        let sgdr = try parseSpec(yamls[1]).makeSchedule() as? PyTorch.CosineAnnealingWarmRestarts
        let counted = try #require(sgdr).learningRates(at: [0, 999, 1000, 2999, 3000, 5000])
        let direct = [0, 999, 1000, 2999, 3000, 5000].map { sgdr?.closedForm(TorchState(lastEpoch: $0, baseLR: 1.0)) ?? .nan }
        for (a, b) in zip(counted, direct) { #expect(abs(a - b) < 1e-12) }
    }
}
