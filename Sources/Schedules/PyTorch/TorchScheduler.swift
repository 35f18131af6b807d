/// `optimizer.param_groups[0]`: the rate every scheduler on the optimizer reads and writes.
struct TorchGroup {
    var lr: Double
    /// `group["initial_lr"]`, set by the first scheduler constructed (`setdefault`).
    var initialLR: Double?
}

/// The counters of one `LRScheduler` instance.
struct TorchState {
    var lastEpoch = -1
    var stepCount = 0
    var baseLR = 0.0
    /// CosineAnnealingWarmRestarts' `T_cur` and `T_i`.
    var tCur = 0
    var tI = 0
}

/// A PyTorch scheduler as `torch.optim.lr_scheduler` implements it: `get_lr()` in its recursive
/// (chainable) form, and `_get_closed_form_lr()` when the class has one.
protocol TorchScheduler: Schedule {
    /// The optimizer's `lr` the scheduler is constructed on.
    var optimizerLR: Double { get }
    /// What the constructor does to the group before `LRScheduler.__init__`.
    func prepare(_ group: inout TorchGroup)
    /// `base_lr` once constructed.
    func initialBaseLR(_ group: TorchGroup) -> Double
    /// `get_lr()` at `state.lastEpoch` from the group's current rate; may advance counters.
    func nextLR(_ state: inout TorchState, lr: Double) -> Double
    /// `_get_closed_form_lr()` at `state.lastEpoch`, nil when the class has none.
    func closedForm(_ state: TorchState) -> Double?
    /// Whether `get_lr()` is exactly `closedForm` at every step (it reads neither the group's
    /// rate nor counters), so no step needs the steps before it.
    var stepsInClosedForm: Bool { get }
    /// What one `step()` does to the rate the group holds, for a `ChainedScheduler` far out.
    var chainRole: TorchChainRole { get }
}

/// How a scheduler's `get_lr()` uses the rate the optimizer holds.
enum TorchChainRole: Sendable {
    /// Multiplies it by a factor of the epoch alone (StepLR, ExponentialLR, LinearLR, …): after
    /// e steps the rate is the start rate times `closedForm(e) / base_lr`.
    case multiplies
    /// Replaces it by a value of the epoch alone (OneCycleLR, CyclicLR, CosineAnnealingWarmRestarts).
    case replaces
    /// Anything else (CosineAnnealingLR's recursion adds to it).
    case other
}

extension TorchScheduler {
    func prepare(_ group: inout TorchGroup) {}
    func initialBaseLR(_ group: TorchGroup) -> Double { group.initialLR ?? group.lr }
    func closedForm(_ state: TorchState) -> Double? { nil }
    var stepsInClosedForm: Bool { false }
    var chainRole: TorchChainRole { .other }

    /// `lr` after `step` calls of `scheduler.step()` on a fresh optimizer (steps < 0 read as 0).
    public func learningRate(at step: Int) -> Double { learningRates(at: [step])[0] }

    /// One pass of `step()` calls up to the largest step. Steps beyond `torchRecursionLimit`
    /// use the closed form instead (equal to the recursion up to rounding for one scheduler).
    public func learningRates(at steps: [Int]) -> [Double] {
        var walk = makeWalk()
        return walk.rates(at: steps)
    }

    public func rateReader() -> RateReader {
        var walk = makeWalk()
        return RateReader { walk.rates(at: $0) }
    }

    /// The `step()` calls of this scheduler on a fresh optimizer, walked forward on demand.
    func makeWalk() -> TorchWalk<(runner: TorchRunner, group: TorchGroup)> {
        var group = TorchGroup(lr: optimizerLR)
        var runner = TorchRunner(self)
        runner.construct(&group)
        let base = runner.state.baseLR
        let far = { (step: Int) -> Double? in
            closedForm(TorchState(lastEpoch: step, stepCount: 2, baseLR: base)) ?? .nan
        }
        // A scheduler whose `get_lr()` is its closed form needs no walk at all.
        if stepsInClosedForm {
            return TorchWalk(start: ((runner, group), group.lr), advance: { $0.group.lr }, far: far, everyStepDirect: true)
        }
        return TorchWalk(start: ((runner, group), group.lr), advance: { state in
            state.runner.step(&state.group)
            return state.group.lr
        }, far: far)
    }
}

/// Above this step PyTorch rates come from the closed form, so a huge step cannot hang.
public let torchRecursionLimit = 50_000_000

/// `step()` calls walked forward from construction, keeping where they stand between calls:
/// rates asked for piece by piece at increasing steps cost one pass over `0…max(steps)` in
/// all. A step below where the walk stands starts it again. Steps below 0 give the value at
/// 0; steps beyond `torchRecursionLimit` come from `far` when it has a value.
struct TorchWalk<State> {
    private let start: (state: State, lr: Double)
    private let advance: (inout State) -> Double
    private let far: (Int) -> Double?
    /// Every step (not only those past the limit) comes from `far` (its recursion is its closed form).
    private let everyStepDirect: Bool
    private var state: State
    private var epoch = 0
    private var lr: Double

    init(start: (state: State, lr: Double), advance: @escaping (inout State) -> Double,
         far: @escaping (Int) -> Double?, everyStepDirect: Bool = false) {
        self.start = start
        self.advance = advance
        self.far = far
        self.everyStepDirect = everyStepDirect
        state = start.state
        lr = start.lr
    }

    /// The rates at `steps`, in the given order.
    mutating func rates(at steps: [Int]) -> [Double] {
        var result = [Double](repeating: .nan, count: steps.count)
        var near: [(index: Int, step: Int)] = []
        var ascending = true
        for (i, step) in steps.enumerated() {
            if step > 0, everyStepDirect || step > torchRecursionLimit, let r = far(step) {
                result[i] = r
                continue
            }
            let s = max(0, step)
            if let previous = near.last, previous.step > s { ascending = false }
            near.append((i, s))
        }
        if !ascending { near.sort { $0.step < $1.step } }
        if let first = near.first, first.step < epoch {
            state = start.state
            lr = start.lr
            epoch = 0
        }
        for (i, s) in near {
            while epoch < s {
                epoch += 1
                lr = advance(&state)
            }
            result[i] = lr
        }
        return result
    }
}

/// One scheduler instance on a shared group: construction, `step()`, and SequentialLR's
/// restart at a milestone.
struct TorchRunner {
    let scheduler: any TorchScheduler
    var state = TorchState()

    init(_ scheduler: any TorchScheduler) { self.scheduler = scheduler }

    /// `__init__(optimizer)`: side effects, `setdefault("initial_lr")`, `base_lrs`, `_initial_step()`.
    mutating func construct(_ group: inout TorchGroup) {
        scheduler.prepare(&group)
        if group.initialLR == nil { group.initialLR = group.lr }
        state.baseLR = scheduler.initialBaseLR(group)
        state.lastEpoch = -1
        initialStep(&group)
    }

    mutating func initialStep(_ group: inout TorchGroup) {
        state.stepCount = 0
        step(&group)
    }

    /// `step()`: `last_epoch += 1`, `group["lr"] = get_lr()`.
    mutating func step(_ group: inout TorchGroup) {
        state.stepCount += 1
        state.lastEpoch += 1
        group.lr = scheduler.nextLR(&state, lr: group.lr)
    }

    /// SequentialLR at a milestone: `last_epoch = 0` and the closed form there (`get_lr()` without one).
    mutating func restartAtZero(_ group: inout TorchGroup) {
        state.stepCount += 1
        state.lastEpoch = 0
        group.lr = scheduler.closedForm(state) ?? scheduler.nextLR(&state, lr: group.lr)
    }
}

/// Python's floor division and modulo for a non-zero divisor.
func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q
}

func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) &* b }

/// Python's `bisect.bisect_right` (for sorted `a`; on unsorted input it behaves as Python's does).
func bisectRight(_ a: [Double], _ x: Double) -> Int {
    var lo = 0, hi = a.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if x < a[mid] { hi = mid } else { lo = mid + 1 }
    }
    return lo
}
