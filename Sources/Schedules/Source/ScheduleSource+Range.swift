public import Results

/// How far a schedule file asks to be evaluated, from its schedule's own range and `num_steps`.
extension ScheduleSource {
    /// How many steps `lrlab schedule` evaluates when `--steps` is not given (steps `0..<count`):
    /// the schedule's own default range, or every training step when `num_steps` is larger.
    public func defaultStepCount(_ info: ScheduleInfo) -> Int {
        max(info.defaultSteps, numSteps ?? 0)
    }

    /// The last training step (`num_steps - 1`), when the file gives `num_steps`.
    public var lastTrainingStep: Int? { numSteps.map { max(0, $0 - 1) } }

    /// Whether training runs past `step`, the end of what the schedule itself describes.
    public func trainsPast(_ step: Int) -> Bool {
        guard let last = lastTrainingStep else { return false }
        return last > step
    }
}
