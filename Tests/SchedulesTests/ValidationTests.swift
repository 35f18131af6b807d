import Diagnostics
import Testing
@testable import Schedules

/// A spec file with one parameter per line: `params` start on line 4.
func specYAML(_ library: String, _ name: String, _ params: [String]) -> String {
    (["library: \(library)", "name: \(name)", "params:"] + params.map { "  " + $0 }).joined(separator: "\n")
}

func parseSpec(_ yaml: String) throws(InputError) -> ScheduleSpec {
    try ScheduleSpec.parse(YAMLDocument(text: yaml, path: "s.yaml").root)
}

func parseFailure(_ yaml: String) -> InputError? {
    do { _ = try parseSpec(yaml); return nil } catch { return error }
}

/// Every validation error of the libraries, raised at the offending parameter's line.
@Suite struct LibraryValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let library: String, name: String, params: [String]
        /// Index in `params` of the line the error must point at (nil: the `params:` mapping).
        let line: Int?
        let message: String
        var testDescription: String { "\(name): \(message)" }
    }

    static let cases: [Case] = [
        .init(library: "keras", name: "ExponentialDecay", params: ["initial_learning_rate: 0.1", "decay_steps: 0", "decay_rate: 0.5"], line: 1,
              message: "Argument `decay_steps` must be > 0. Received: decay_steps=0"),
        .init(library: "keras", name: "PolynomialDecay", params: ["initial_learning_rate: 0.1", "decay_steps: -5"], line: 1,
              message: "Argument `decay_steps` must be > 0. Received: decay_steps=-5"),
        .init(library: "keras", name: "InverseTimeDecay", params: ["initial_learning_rate: 0.1", "decay_rate: 0.5", "decay_steps: 0"], line: 2,
              message: "Argument `decay_steps` must be > 0."),
        .init(library: "keras", name: "CosineDecay", params: ["initial_learning_rate: 0.1", "decay_steps: 0"], line: 1,
              message: "Argument `decay_steps` must be > 0."),
        .init(library: "keras", name: "CosineDecayRestarts", params: ["initial_learning_rate: 0.1", "first_decay_steps: 0"], line: 1,
              message: "Argument `first_decay_steps` must be > 0."),
        .init(library: "keras", name: "PiecewiseConstantDecay", params: ["boundaries: [10, 20]", "values: [1.0, 0.5]"], line: 1,
              message: "The length of boundaries should be 1 less than the length of values."),
        .init(library: "pytorch", name: "StepLR", params: ["step_size: 0"], line: 0, message: "ZeroDivisionError"),
        .init(library: "pytorch", name: "ConstantLR", params: ["factor: 1.5"], line: 0,
              message: "Constant multiplicative factor expected to be between 0 and 1."),
        .init(library: "pytorch", name: "LinearLR", params: ["end_factor: 1.0", "start_factor: 0"], line: 1,
              message: "Starting multiplicative factor expected to be greater than 0 and less or equal to 1."),
        .init(library: "pytorch", name: "LinearLR", params: ["end_factor: 1.5"], line: 0,
              message: "Ending multiplicative factor expected to be between 0 and 1."),
        .init(library: "pytorch", name: "PolynomialLR", params: ["total_iters: 0"], line: 0, message: "ZeroDivisionError"),
        .init(library: "pytorch", name: "CosineAnnealingLR", params: ["T_max: 0"], line: 0, message: "ZeroDivisionError"),
        .init(library: "pytorch", name: "CosineAnnealingWarmRestarts", params: ["T_0: 0"], line: 0, message: "Expected positive integer T_0, but got 0"),
        .init(library: "pytorch", name: "CosineAnnealingWarmRestarts", params: ["T_0: 2.5"], line: 0, message: "Expected positive integer T_0, but got 2.5"),
        .init(library: "pytorch", name: "CosineAnnealingWarmRestarts", params: ["T_0: 10", "T_mult: 0"], line: 1, message: "Expected integer T_mult >= 1, but got 0"),
        .init(library: "pytorch", name: "CosineAnnealingWarmRestarts", params: ["T_0: 10", "T_mult: 1.5"], line: 1, message: "Expected integer T_mult >= 1, but got 1.5"),
        .init(library: "pytorch", name: "OneCycleLR", params: ["max_lr: 0.1", "total_steps: 0"], line: 1, message: "Expected positive integer total_steps, but got 0"),
        .init(library: "pytorch", name: "OneCycleLR", params: ["max_lr: 0.1", "total_steps: 10.5"], line: 1, message: "Expected positive integer total_steps, but got 10.5"),
        .init(library: "pytorch", name: "OneCycleLR", params: ["max_lr: 0.1", "epochs: 0", "steps_per_epoch: 10"], line: 1, message: "Expected positive integer epochs, but got 0"),
        .init(library: "pytorch", name: "OneCycleLR", params: ["max_lr: 0.1", "epochs: 3", "steps_per_epoch: -1"], line: 2, message: "Expected positive integer steps_per_epoch, but got -1"),
        .init(library: "pytorch", name: "OneCycleLR", params: ["max_lr: 0.1", "epochs: 3"], line: nil, message: "You must define either total_steps OR (epochs AND steps_per_epoch)"),
        .init(library: "pytorch", name: "OneCycleLR", params: ["max_lr: 0.1", "total_steps: 100", "pct_start: 1"], line: 2, message: "Expected float between 0 and 1 pct_start, but got 1"),
        .init(library: "pytorch", name: "OneCycleLR", params: ["max_lr: 0.1", "total_steps: 100", "pct_start: 1.5"], line: 2, message: "Expected float between 0 and 1 pct_start, but got 1.5"),
        .init(library: "pytorch", name: "OneCycleLR", params: ["max_lr: 0.1", "total_steps: 100", "anneal_strategy: coss"], line: 2, message: "must be one of 'cos', 'linear'"),
        .init(library: "pytorch", name: "CyclicLR", params: ["base_lr: 0.1", "max_lr: 1.0", "mode: triangluar"], line: 2, message: "must be one of"),
        .init(library: "pytorch", name: "SequentialLR", params: ["schedulers: []", "milestones: []"], line: 0, message: "SequentialLR expects at least one scheduler, but got no scheduler."),
        .init(library: "pytorch", name: "SequentialLR", params: ["schedulers: [[ExponentialLR, {gamma: 0.9}], [StepLR, {step_size: 2}]]", "milestones: [2, 5]"], line: 1,
              message: "Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers 2 and the number of milestones to be equal to 2"),
        .init(library: "pytorch", name: "SequentialLR", params: ["schedulers: [{name: StepLR, params: {step_size: 0}}]", "milestones: []"], line: 0, message: "ZeroDivisionError"),
        .init(library: "pytorch", name: "ChainedScheduler", params: ["schedulers: []"], line: 0, message: "ChainedScheduler expects at least one scheduler"),
        .init(library: "tf-od-api", name: "cosine_decay_with_warmup", params: ["learning_rate_base: 0.1", "total_steps: 50", "warmup_steps: 100"], line: 1,
              message: "total_steps must be larger or equal to warmup_steps."),
        .init(library: "tf-od-api", name: "cosine_decay_with_warmup", params: ["learning_rate_base: 0.1", "total_steps: 500", "warmup_steps: 100", "warmup_learning_rate: 0.2"], line: 3,
              message: "learning_rate_base must be larger or equal to warmup_learning_rate."),
        .init(library: "tf-od-api", name: "cosine_decay_learning_rate", params: ["learning_rate_base: 0.1", "total_steps: 5000"], line: 1,
              message: "total_steps must be larger or equal to warmup_steps."),
        .init(library: "tf-od-api", name: "cosine_decay_learning_rate", params: ["learning_rate_base: 0.0001", "total_steps: 50000"], line: 0,
              message: "learning_rate_base must be larger or equal to warmup_learning_rate."),
        .init(library: "tf-od-api", name: "exponential_decay_with_warmup", params: ["learning_rate_base: 0.1", "learning_rate_decay_steps: 10", "learning_rate_decay_factor: 0.5", "warmup_learning_rate: 0.2", "warmup_steps: 5"], line: 3,
              message: "learning_rate_base must be larger or equal to warmup_learning_rate."),
        .init(library: "tf-od-api", name: "exponential_decay_with_warmup", params: ["learning_rate_base: 0.1", "learning_rate_decay_steps: 10", "learning_rate_decay_factor: 0.5"], line: nil,
              message: "ZeroDivisionError"),
        .init(library: "tf-od-api", name: "manual_stepping", params: ["boundaries: [5, -1]", "rates: [0.1, 0.01, 0.001]"], line: 0, message: "boundaries must be a list of positive integers"),
        .init(library: "tf-od-api", name: "manual_stepping", params: ["boundaries: [5, 7.5]", "rates: [0.1, 0.01, 0.001]"], line: 0, message: "boundaries must be a list of positive integers"),
        .init(library: "tf-od-api", name: "manual_stepping", params: ["boundaries: [5, 5]", "rates: [0.1, 0.01, 0.001]"], line: 0, message: "Entries in boundaries must be strictly increasing."),
        .init(library: "tf-od-api", name: "manual_stepping", params: ["boundaries: [5, 10]", "rates: [1, 0.01, 0.001]"], line: 1, message: "Learning rates must be floats"),
        .init(library: "tf-od-api", name: "manual_stepping", params: ["boundaries: [5, 10]", "rates: [0.1, 0.01]"], line: 1,
              message: "Number of provided learning rates must exceed number of boundary points by exactly 1."),
        .init(library: "tf-od-api", name: "manual_stepping", params: ["boundaries: [0, 10]", "rates: [0.1, 0.01, 0.001]"], line: 0, message: "First step cannot be zero."),
        .init(library: "tf-od-api", name: "manual_step_learning_rate", params: ["initial_learning_rate: 0.1", "schedule: []"], line: 1, message: "Empty learning rate schedule."),
        .init(library: "tf-od-api", name: "manual_step_learning_rate", params: ["schedule: [{learning_rate: 0.1}]"], line: 0, message: "First step cannot be zero."),
        .init(library: "tf-od-api", name: "exponential_decay_learning_rate", params: ["decay_steps: -1"], line: 0, message: "Value out of range"),
        .init(library: "tf-od-api", name: "exponential_decay_learning_rate", params: ["decay_steps: 1.5"], line: 0, message: "Couldn't parse integer"),
    ]

    @Test(arguments: cases)
    func raisedWithLocation(_ c: Case) throws {
        let error = try #require(parseFailure(specYAML(c.library, c.name, c.params)))
        #expect(error.message.contains(c.message), "\(error.message)")
        #expect(error.location?.file == "s.yaml")
        #expect(error.location?.line == c.line.map { $0 + 4 } ?? 4, "\(error)")
    }

    @Test func didYouMean() throws {
        #expect(parseFailure("library: kera\nname: StepLR")?.suggestion == "keras")
        #expect(parseFailure(specYAML("pytorch", "StepLr", ["step_size: 3"]))?.suggestion == "StepLR")
        #expect(parseFailure(specYAML("keras", "StepLR", ["step_size: 3"]))?.message.contains("is a pytorch schedule") == true)
        let typo = try #require(parseFailure(specYAML("pytorch", "StepLR", ["step_size: 3", "gama: 0.5"])))
        #expect(typo.suggestion == "gamma" && typo.location?.line == 5)
        #expect(parseFailure(specYAML("tf-od-api", "cosine_decay_learning_rate", ["warmup_step: 10"]))?.suggestion == "warmup_steps")
        #expect(parseFailure(specYAML("pytorch", "OneCycleLR", ["max_lr: 0.1", "total_steps: 100", "anneal_strategy: coss"]))?.suggestion == "cos")
    }

    @Test func typesAndMissingParameters() throws {
        #expect(parseFailure(specYAML("pytorch", "StepLR", ["gamma: 0.5"]))?.message.contains("'step_size'") == true)
        #expect(parseFailure(specYAML("keras", "ExponentialDecay", ["initial_learning_rate: 0.1", "decay_steps: abc", "decay_rate: 0.5"]))?.location?.line == 5)
        #expect(parseFailure(specYAML("pytorch", "CosineAnnealingLR", ["T_max: 10.5"]))?.message.contains("integer") == true)
        #expect(parseFailure(specYAML("keras", "CosineDecay", ["initial_learning_rate: 0.1", "decay_steps: 10", "alpha: [1]"])) != nil)
        #expect(parseFailure("library: keras") != nil)
        #expect(parseFailure("library: keras\nname: CosineDecay\nparams: {initial_learning_rate: 0.1, decay_steps: 10, warmup_target: null}") == nil)
    }
}
