public import Results
extension PyTorch {
    /// `torch.optim.lr_scheduler.ChainedScheduler`: every `step()` steps each scheduler in
    /// turn on the same optimizer, so their recursive factors multiply.
    public struct ChainedScheduler: Schedule {
        public var schedulers: [any Schedule & Sendable]
        public var optimizerLR: Double

        init(schedulers: [any TorchScheduler], optimizerLR: Double) {
            self.schedulers = schedulers
            self.optimizerLR = optimizerLR
        }

        public func learningRate(at step: Int) -> Double { learningRates(at: [step])[0] }

        public func learningRates(at steps: [Int]) -> [Double] {
            let subs = schedulers.compactMap { $0 as? any TorchScheduler }
            guard !subs.isEmpty else { return steps.map { _ in .nan } }
            var group = TorchGroup(lr: optimizerLR)
            var runners = subs.map { TorchRunner($0) }
            for i in runners.indices { runners[i].construct(&group) }
            return torchSweep(steps, initial: group.lr) {
                for i in runners.indices { runners[i].step(&group) }
                return group.lr
            }
        }

        public var info: ScheduleInfo {
            ScheduleInfo(defaultSteps: schedulers.map(\.info.defaultSteps).max() ?? 100,
                         markers: schedulers.flatMap(\.info.markers))
        }
    }
}
