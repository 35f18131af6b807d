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
            var walk = makeWalk()
            return walk.rates(at: steps)
        }

        public func rateReader() -> RateReader {
            var walk = makeWalk()
            return RateReader { walk.rates(at: $0) }
        }

        /// The `step()` calls from construction on, walked on demand. The chain has no closed
        /// form, so every step is walked to, however large: evaluating step s costs O(s).
        func makeWalk() -> TorchWalk<(runners: [TorchRunner], group: TorchGroup)> {
            let subs = schedulers.compactMap { $0 as? any TorchScheduler }
            var group = TorchGroup(lr: optimizerLR)
            var runners = subs.map { TorchRunner($0) }
            guard !runners.isEmpty else {
                return TorchWalk(start: ((runners, group), .nan), advance: { _ in .nan }, far: { _ in .nan })
            }
            for i in runners.indices { runners[i].construct(&group) }
            return TorchWalk(start: ((runners, group), group.lr), advance: { walk in
                for i in walk.runners.indices { walk.runners[i].step(&walk.group) }
                return walk.group.lr
            }, far: { _ in nil })
        }

        public var info: ScheduleInfo {
            ScheduleInfo(defaultSteps: schedulers.map(\.info.defaultSteps).max() ?? 100,
                         markers: schedulers.flatMap(\.info.markers))
        }
    }
}
