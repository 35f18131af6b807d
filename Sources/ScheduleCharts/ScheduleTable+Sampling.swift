import Formatting
public import Results
public import Schedules

/// Which steps `lrlab schedule` prints when `--steps` is not given: every step of a schedule up
/// to `fullLimit` steps; of a longer one, every `stride`-th step (at most `sampleLimit` of them),
/// the steps at its phase boundaries and its last step.
public struct TableSampling: Sendable, Equatable {
    /// Ranges up to this many steps are printed in full.
    public static let fullLimit = 100_000
    /// Most evenly spaced steps printed of a longer range (and most boundary steps added).
    public static let sampleLimit = 10_000

    /// Steps in the whole range, `0..<count`.
    public var count: Int
    /// The steps printed, ascending and unique (empty when every step is printed).
    public var steps: [Int]
    /// Spacing of the evenly spaced steps (1: every step).
    public var stride: Int
    /// Steps added at phase boundaries (not already on the stride).
    public var boundaries: Int

    /// Every step is printed.
    public var isFull: Bool { stride == 1 }

    /// The steps to print of `0..<count` for a schedule whose phases start and end, and whose
    /// markers fall, at `boundaries` (any order; those outside the range are ignored).
    public init(count: Int, boundaries marks: [Int]) {
        self.count = max(0, count)
        guard self.count > Self.fullLimit else {
            steps = []
            stride = 1
            boundaries = 0
            return
        }
        let n = self.count
        let stride = (n - 1) / Self.sampleLimit + 1
        let last = n - 1
        var extra = Array(Set(marks.filter { $0 >= 0 && $0 < last && $0 % stride != 0 })).sorted()
        if extra.count > Self.sampleLimit {
            let keep = (extra.count - 1) / Self.sampleLimit + 1
            extra = extra.enumerated().compactMap { $0.offset % keep == 0 ? $0.element : nil }
        }
        var merged = Array(Swift.stride(from: 0, to: n, by: stride))
        merged.reserveCapacity(merged.count + extra.count + 1)
        merged += extra
        if last % stride != 0 { merged.append(last) }
        self.steps = merged.sorted()
        self.stride = stride
        self.boundaries = extra.count
    }

    /// The steps where a schedule changes course: each phase's first and last step, each
    /// marker (warmup end, milestones, restarts, cycle ends, `total_steps`) and the step before
    /// it, and the last training step when the file gives `num_steps`.
    public static func boundaries(_ info: ScheduleInfo, lastTrainingStep: Int?) -> [Int] {
        var marks: [Int] = []
        for phase in info.phases { marks += [phase.start, phase.end] }
        for marker in info.markers { marks += [marker.step - 1, marker.step] }
        if let lastTrainingStep { marks.append(lastTrainingStep) }
        return marks
    }

    /// The steps `lrlab schedule` prints of `source` by default, for its schedule's `info`.
    public init(_ source: ScheduleSource, info: ScheduleInfo) {
        self.init(count: source.defaultStepCount(info), boundaries: Self.boundaries(info, lastTrainingStep: source.lastTrainingStep))
    }

    /// One line for stderr when the range is sampled, nil when every step is printed:
    /// "note: 307,200,000 steps; printing 10,004 of them (every 30,720th step, 3 steps at phase
    /// boundaries and the last step); use --steps START:STOP to print a range in full".
    public var note: String? {
        guard !isFull else { return nil }
        var parts = ["every \(NumberText.count(stride))\(Self.ordinalSuffix(stride)) step"]
        if boundaries > 0 { parts.append("\(NumberText.count(boundaries)) step\(boundaries == 1 ? "" : "s") at phase boundaries") }
        if (count - 1) % stride != 0 { parts.append("the last step") }
        let list = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "")
        return "note: \(NumberText.count(count)) steps; printing \(NumberText.count(steps.count)) of them (\(list)); "
            + "use --steps START:STOP to print a range in full"
    }

    /// "st", "nd", "rd" or "th" after `n`.
    static func ordinalSuffix(_ n: Int) -> String {
        if (11...13).contains(n % 100) { return "th" }
        switch n % 10 {
        case 1: return "st"
        case 2: return "nd"
        case 3: return "rd"
        default: return "th"
        }
    }
}
