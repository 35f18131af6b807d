public import Results
extension PyTorch {
    /// `torch.optim.lr_scheduler.SequentialLR`: scheduler `i` runs from milestone `i-1` on.
    ///
    /// Construction builds every sub-scheduler on one optimizer, resets the rate to
    /// `initial_lr` and re-runs the first one's initial step. `step()` at exactly a milestone
    /// restarts the next scheduler at its closed form for epoch 0; otherwise it calls that
    /// scheduler's recursive `step()` on whatever rate the previous step left.
    public struct SequentialLR: Schedule {
        public var schedulers: [any Schedule & Sendable]
        public var milestones: [Double]
        public var optimizerLR: Double

        init(schedulers: [any TorchScheduler], milestones: [Double], optimizerLR: Double) {
            self.schedulers = schedulers
            self.milestones = milestones
            self.optimizerLR = optimizerLR
        }

        public func learningRate(at step: Int) -> Double { learningRates(at: [step])[0] }

        public func learningRates(at steps: [Int]) -> [Double] {
            let subs = schedulers.compactMap { $0 as? any TorchScheduler }
            guard !subs.isEmpty else { return steps.map { _ in .nan } }
            var group = TorchGroup(lr: optimizerLR)
            var runners = subs.map { TorchRunner($0) }
            for i in runners.indices { runners[i].construct(&group) }
            group.lr = group.initialLR ?? optimizerLR
            for i in runners.indices { runners[i].state.lastEpoch -= 1 }
            runners[0].initialStep(&group)
            var epoch = 0
            return torchSweep(steps, initial: group.lr) {
                epoch += 1
                let idx = min(bisectRight(milestones, Double(epoch)), runners.count - 1)
                if idx > 0 && milestones[idx - 1] == Double(epoch) {
                    runners[idx].restartAtZero(&group)
                } else {
                    runners[idx].step(&group)
                }
                return group.lr
            }
        }

        public var info: ScheduleInfo {
            let last = milestones.last.map(clampedSteps) ?? 0
            let tail = schedulers.last?.info.defaultSteps ?? 100
            let (sum, overflow) = last.addingReportingOverflow(tail)
            return ScheduleInfo(defaultSteps: overflow ? 1_000_000_000 : min(sum, 1_000_000_000),
                                markers: milestones.map { .init(.milestone, at: clampedSteps($0)) })
        }
    }
}
