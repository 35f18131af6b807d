public import Results
/// A learning-rate schedule: the rate an optimizer uses at each update.
///
/// `step` is the 0-based optimizer step: the k-th update (1-based) uses `step = k - 1`
/// (Keras `optimizer.iterations`, PyTorch `last_epoch` after `step` calls of
/// `scheduler.step()`, TF OD API `global_step`).
public protocol Schedule: Sendable {
    /// The learning rate at 0-based optimizer step `step` (unitless multiplier of the gradient).
    func learningRate(at step: Int) -> Double
    /// The rates at each of `steps`, in the given order. Recursive (PyTorch) schedules compute
    /// them in one pass, so drawing or training `n` steps costs O(n), not O(n²).
    func learningRates(at steps: [Int]) -> [Double]
    /// What a chart needs: phases, markers and a default number of steps to draw.
    var info: ScheduleInfo { get }
    /// A reader for rates asked for piece by piece at increasing steps (a long table written a
    /// chunk at a time): recursive (PyTorch) schedules keep their state between pieces, so the
    /// pieces together cost one pass, not one pass each.
    func rateReader() -> RateReader
}

/// Rates at steps asked for piece by piece. Pieces in increasing step order are cheapest; any
/// order gives the same values as `Schedule.learningRates(at:)`.
public struct RateReader {
    private let read: ([Int]) -> [Double]

    public init(_ read: @escaping ([Int]) -> [Double]) { self.read = read }

    /// The rates at `steps`, in the given order.
    public func rates(at steps: [Int]) -> [Double] { read(steps) }
}

extension Schedule {
    public func learningRates(at steps: [Int]) -> [Double] { steps.map { learningRate(at: $0) } }

    /// Closed forms: every piece on its own.
    public func rateReader() -> RateReader { RateReader { learningRates(at: $0) } }

    /// Rates at steps `0..<count` (empty for `count <= 0`).
    public func learningRates(count: Int) -> [Double] { learningRates(at: Array(0..<max(0, count))) }

    public var info: ScheduleInfo { ScheduleInfo(defaultSteps: 1000) }

    /// The largest rate over steps `0..<info.defaultSteps` and where: every step of short ranges,
    /// otherwise about 20 000 evenly spaced steps plus every phase boundary and marker.
    public func peak(through steps: Int? = nil) -> (step: Int, learningRate: Double) {
        let n = max(1, steps ?? info.defaultSteps)
        let stride = max(1, n / 20_000)
        var candidates = Array(Swift.stride(from: 0, to: n, by: stride))
        candidates.append(contentsOf: info.markers.map(\.step).filter { $0 >= 0 && $0 < n })
        for phase in info.phases { for s in [phase.start, phase.end] where s >= 0 && s < n { candidates.append(s) } }
        candidates = Array(Set(candidates)).sorted()
        let rates = learningRates(at: candidates)
        var best = (step: 0, learningRate: -Double.infinity)
        for (s, r) in zip(candidates, rates) where r > best.learningRate { best = (s, r) }
        return best
    }
}
