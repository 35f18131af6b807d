/// `train.schedule.unit`: how the trainer steps the schedule.
public enum ScheduleUnit: String, Sendable, Hashable, Codable, CaseIterable {
    /// `scheduler.step()` after every optimizer update: update `s` uses the rate at step `s`.
    case step
    /// `scheduler.step()` once per epoch, as PyTorch examples do: every update of epoch `e`
    /// (0-based) uses the rate at schedule step `e`.
    case epoch
}
