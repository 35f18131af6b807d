import Schedules

/// What a schedule does over a stretch of steps `first…last`, found by evaluating it: the rates
/// at both ends, and from which step on it stays at its final rate.
///
/// Bounded work for any length: about `samples` evenly spaced steps, then as many inside the gap
/// where the rate settles, again, until that step is found (three rounds for 4 billion steps).
struct ScheduleStretch: Sendable {
    var first: Int
    var last: Int
    var startRate: Double
    var endRate: Double
    /// The first step from which the rate equals `endRate` through `last` (`first` when constant).
    var settle: Int
    /// The sampled rates never rise.
    var falls: Bool
    /// The rate is still `endRate` past `last` (at `last` plus the settled length, and at twice
    /// `last`): a floor or a final value, not one more step of a staircase.
    var persists: Bool

    /// Evenly spaced samples taken over a long stretch.
    static let samples = 2_000

    init(_ schedule: any Schedule, from first: Int, through last: Int) {
        // Clamped so that the probes past `last` (up to twice it) cannot overflow.
        let last = min(max(first, last), Int.max / 4)
        self.first = first
        self.last = last
        let span = last - first
        var steps = [first]
        if span > 0 {
            let n = min(span, Self.samples)
            steps += (1...n).map { first + Int(Double(span) * Double($0) / Double(n)) }
        }
        steps = Array(Set(steps)).sorted()
        let rates = schedule.learningRates(at: steps)
        startRate = rates.first ?? .nan
        endRate = rates.last ?? .nan
        falls = zip(rates, rates.dropFirst()).allSatisfy { $1 <= $0 }
        let end = endRate
        var j = rates.count - 1
        while j > 0 && Self.same(rates[j - 1], end) { j -= 1 }
        settle = steps[j]
        persists = false
        defer {
            let beyond = [last + (last - settle) + 1, 2 * last + 1]
            persists = schedule.learningRates(at: beyond).allSatisfy { Self.same($0, end) }
        }
        guard j > 0 else { return }
        // The rate settles in (lo, hi]: narrow that gap by sampling inside it until it is one step.
        var lo = steps[j - 1], hi = steps[j]
        while hi - lo > 1 {
            let n = min(hi - lo - 1, Self.samples)
            let width = Double(hi - lo), parts = Double(n + 1)
            let offsets: [Int] = (1...n).map { (i: Int) -> Int in Int(width * Double(i) / parts) }
            let probe = Array(Set(offsets.map { lo + $0 })).sorted().filter { $0 > lo && $0 < hi }
            guard !probe.isEmpty else { break }
            let inner = schedule.learningRates(at: probe)
            var k = probe.count
            while k > 0 && Self.same(inner[k - 1], end) { k -= 1 }
            if k > 0 { lo = probe[k - 1] }
            if k < probe.count { hi = probe[k] }
        }
        settle = hi
    }

    /// Equal rates (NaN equal to NaN, so a NaN tail counts as settled).
    static func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

    /// Whether the rate is the same over the whole stretch.
    var isConstant: Bool { settle == first }

    /// "stays at 1e-4", "goes from 6.3e-4 down to 8.99e-5", "goes from 0.002 down to 1e-4 (reached
    /// at step 5,600), then stays there".
    var text: String {
        let a = ScheduleWords.rate(startRate), b = ScheduleWords.rate(endRate)
        if isConstant { return "stays at \(b)" }
        let way = falls ? "down to" : "to"
        let reached = settle < last && persists ? " (reached at \(ScheduleWords.step(settle))), then stays there" : ""
        return "goes from \(a) \(way) \(b)\(reached)"
    }
}
