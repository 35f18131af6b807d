import Foundation
import Testing
@testable import Schedules

/// Rates read piece by piece (a long table written in chunks) are the rates of one call, and a
/// huge step of a recursive schedule does not walk every step before it.
@Suite struct RateReaderTests {
    static let yamls = [
        specYAML("pytorch", "StepLR", ["step_size: 7", "gamma: 0.5"]),
        specYAML("pytorch", "CosineAnnealingLR", ["T_max: 50", "eta_min: 0.01"]),
        specYAML("pytorch", "CosineAnnealingWarmRestarts", ["T_0: 10", "T_mult: 2"]),
        specYAML("pytorch", "OneCycleLR", ["max_lr: 0.1", "total_steps: 100"]),
        specYAML("pytorch", "CyclicLR", ["base_lr: 0.01", "max_lr: 0.1", "step_size_up: 9"]),
        specYAML("pytorch", "SequentialLR", ["schedulers: [[LinearLR, {total_iters: 5}], [ExponentialLR, {gamma: 0.9}]]", "milestones: [5]"]),
        specYAML("pytorch", "ChainedScheduler", ["schedulers: [[ConstantLR, {factor: 0.1, total_iters: 2}], [ExponentialLR, {gamma: 0.9}]]"]),
        specYAML("keras", "CosineDecay", ["initial_learning_rate: 0.1", "decay_steps: 60"]),
    ]

    @Test(arguments: yamls) func piecesEqualOneCall(_ yaml: String) throws {
        let schedule = try parseSpec(yaml).makeSchedule()
        let whole = schedule.learningRates(at: Array(0..<120))
        let reader = schedule.rateReader()
        var pieces: [Double] = []
        for start in stride(from: 0, to: 120, by: 17) { pieces += reader.rates(at: Array(start..<min(120, start + 17))) }
        #expect(pieces.map(\.bitPattern) == whole.map(\.bitPattern))
        // Going back (or out of order) still gives the same values.
        #expect(reader.rates(at: [3, 0, 110, 1]).map(\.bitPattern) == [3, 0, 110, 1].map { whole[$0].bitPattern })
    }

    @Test func sequentialFarStepUsesTheRunningSchedulersClosedForm() throws {
        let spec = try parseSpec(specYAML("pytorch", "SequentialLR", [
            "schedulers: [[LinearLR, {total_iters: 5}], [StepLR, {step_size: 10000000, gamma: 0.5}]]", "milestones: [5]", "optimizer_lr: 0.1",
        ]))
        let step = torchRecursionLimit + 5 + 20_000_000
        let rate = spec.makeSchedule().learningRate(at: step)
        // StepLR restarted at step 5: 70,000,000 of its own steps, 7 halvings of 0.1.
        #expect(abs(rate - 0.1 * pow(0.5, 7)) < 1e-15)
    }

    @Test(arguments: [
        "[[ConstantLR, {factor: 0.1, total_iters: 20}], [ExponentialLR, {gamma: 0.99}], [StepLR, {step_size: 30, gamma: 0.5}]]",
        "[[LinearLR, {start_factor: 0.2, total_iters: 40}], [PolynomialLR, {total_iters: 150, power: 2.0}], [MultiStepLR, {milestones: [50, 90, 90]}]]",
        "[[ExponentialLR, {gamma: 0.9}], [CyclicLR, {base_lr: 0.01, max_lr: 0.1, step_size_up: 25}], [StepLR, {step_size: 7, gamma: 0.5}]]",
        "[[CosineAnnealingWarmRestarts, {T_0: 16}], [ConstantLR, {factor: 0.5, total_iters: 60}]]",
    ])
    func chainedClosedFormIsTheWalk(_ schedulers: String) throws {
        let spec = try parseSpec(specYAML("pytorch", "ChainedScheduler", ["schedulers: \(schedulers)", "optimizer_lr: 0.3"]))
        let chain = try #require(spec.makeSchedule() as? PyTorch.ChainedScheduler)
        let walked = chain.learningRates(at: Array(0..<200))
        for (step, rate) in walked.enumerated() {
            let direct = try #require(chain.closedFormRate(at: step))
            #expect(abs(direct - rate) <= 1e-12 * abs(rate) + 1e-15, "step \(step): \(direct) vs \(rate)")
        }
    }

    @Test func chainedWithCosineAnnealingHasNoClosedForm() throws {
        let spec = try parseSpec(specYAML("pytorch", "ChainedScheduler", ["schedulers: [[CosineAnnealingLR, {T_max: 10}], [ExponentialLR, {gamma: 0.9}]]"]))
        let chain = try #require(spec.makeSchedule() as? PyTorch.ChainedScheduler)
        #expect(chain.closedFormRate(at: 5) == nil)
    }
}
