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

        /// The `step()` calls from construction on, walked on demand; past `torchRecursionLimit`
        /// from `farRate` when the chain has a closed form.
        func makeWalk() -> TorchWalk<(runners: [TorchRunner], group: TorchGroup)> {
            let subs = schedulers.compactMap { $0 as? any TorchScheduler }
            var group = TorchGroup(lr: optimizerLR)
            var runners = subs.map { TorchRunner($0) }
            guard !runners.isEmpty else {
                return TorchWalk(start: ((runners, group), .nan), advance: { _ in .nan }, far: { _ in .nan })
            }
            let start = group.lr
            for i in runners.indices { runners[i].construct(&group) }
            let bases = runners.map(\.state.baseLR)
            return TorchWalk(start: ((runners, group), group.lr), advance: { walk in
                for i in walk.runners.indices { walk.runners[i].step(&walk.group) }
                return walk.group.lr
            }, far: { step in farRate(step, subs: subs, bases: bases, start: start) })
        }

        /// `farRate` for this chain as constructed (what a step past the recursion limit gets).
        func closedFormRate(at step: Int) -> Double? {
            let subs = schedulers.compactMap { $0 as? any TorchScheduler }
            var group = TorchGroup(lr: optimizerLR)
            var runners = subs.map { TorchRunner($0) }
            let start = group.lr
            for i in runners.indices { runners[i].construct(&group) }
            return farRate(step, subs: subs, bases: runners.map(\.state.baseLR), start: start)
        }

        /// The chain's rate after `step` steps without walking them, nil when it has no closed
        /// form (a CosineAnnealingLR in it). Each step, a scheduler that replaces the rate (the
        /// last such) sets it, and every scheduler after it multiplies it by its factor for that
        /// step; with none, the factors of all steps multiply the start rate:
        /// `start × Π closedForm_i(step) / base_i`. Equal to the recursion up to rounding.
        func farRate(_ step: Int, subs: [any TorchScheduler], bases: [Double], start: Double) -> Double? {
            guard subs.allSatisfy({ $0.chainRole != .other }) else { return nil }
            let state = { (i: Int) in TorchState(lastEpoch: step, stepCount: 2, baseLR: bases[i]) }
            if let k = subs.lastIndex(where: { $0.chainRole == .replaces }) {
                var rate = subs[k].closedForm(state(k)) ?? .nan
                for i in subs.indices where i > k {
                    var s = state(i)
                    rate *= subs[i].nextLR(&s, lr: 1.0)
                }
                return rate
            }
            var rate = start
            for i in subs.indices {
                guard bases[i] != 0 else { return 0 }
                rate *= (subs[i].closedForm(state(i)) ?? .nan) / bases[i]
            }
            return rate
        }

        public var info: ScheduleInfo {
            ScheduleInfo(defaultSteps: schedulers.map(\.info.defaultSteps).max() ?? 100,
                         markers: schedulers.flatMap(\.info.markers))
        }
    }
}
