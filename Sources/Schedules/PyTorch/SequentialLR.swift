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
            var walk = makeWalk()
            return walk.rates(at: steps)
        }

        public func rateReader() -> RateReader {
            var walk = makeWalk()
            return RateReader { walk.rates(at: $0) }
        }

        typealias WalkState = (runners: [TorchRunner], group: TorchGroup, epoch: Int)

        /// The `step()` calls from construction on, walked on demand. Past `torchRecursionLimit`
        /// (with whole, ascending milestones) a step comes from the closed form of the scheduler
        /// running there at its own epoch, the steps since the milestone that restarted it (equal
        /// to its recursion up to rounding, as for one scheduler).
        func makeWalk() -> TorchWalk<WalkState> {
            let subs = schedulers.compactMap { $0 as? any TorchScheduler }
            var group = TorchGroup(lr: optimizerLR)
            var runners = subs.map { TorchRunner($0) }
            guard !runners.isEmpty else {
                return TorchWalk(start: ((runners, group, 0), .nan), advance: { _ in .nan }, far: { _ in .nan })
            }
            for i in runners.indices { runners[i].construct(&group) }
            group.lr = group.initialLR ?? optimizerLR
            for i in runners.indices { runners[i].state.lastEpoch -= 1 }
            runners[0].initialStep(&group)
            let milestones = self.milestones
            let whole = milestones.allSatisfy { $0.rounded() == $0 && $0 >= 0 && $0 <= 9_007_199_254_740_992 }
                && zip(milestones, milestones.dropFirst()).allSatisfy { $0 < $1 }
            let bases = runners.map(\.state.baseLR)
            let far = { (step: Int) -> Double? in
                guard whole else { return nil }
                let idx = min(bisectRight(milestones, Double(step)), subs.count - 1)
                let since = idx > 0 ? step - Int(milestones[idx - 1]) : step
                return subs[idx].closedForm(TorchState(lastEpoch: since, stepCount: 2, baseLR: bases[idx])) ?? .nan
            }
            return TorchWalk(start: ((runners, group, 0), group.lr), advance: { walk in
                walk.epoch += 1
                let idx = min(bisectRight(milestones, Double(walk.epoch)), walk.runners.count - 1)
                if idx > 0 && milestones[idx - 1] == Double(walk.epoch) {
                    walk.runners[idx].restartAtZero(&walk.group)
                } else {
                    walk.runners[idx].step(&walk.group)
                }
                return walk.group.lr
            }, far: far)
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
