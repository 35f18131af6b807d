public import Results
extension PyTorch {
    /// `torch.optim.lr_scheduler.ConstantLR`: `lr0·factor` for `e < total_iters`, then `lr0`.
    /// `step()`: `·factor` at e = 0, `/factor` at e = total_iters (so total_iters = 0 keeps
    /// `lr0·factor` forever, unlike the closed form).
    public struct ConstantLR: TorchScheduler {
        public var factor: Double
        public var totalIters: Int
        public var optimizerLR: Double

        public init(factor: Double = 1.0 / 3.0, totalIters: Int = 5, optimizerLR: Double) {
            self.factor = factor
            self.totalIters = totalIters
            self.optimizerLR = optimizerLR
        }

        var chainRole: TorchChainRole { .multiplies }
        func nextLR(_ state: inout TorchState, lr: Double) -> Double {
            let e = state.lastEpoch
            if e == 0 { return lr * factor }
            if e != totalIters { return lr }
            return lr * (1.0 / factor)
        }

        func closedForm(_ state: TorchState) -> Double? {
            state.baseLR * (factor + (state.lastEpoch >= totalIters ? 1 - factor : 0))
        }

        public var info: ScheduleInfo {
            let t = max(0, min(totalIters, 1_000_000_000))
            return ScheduleInfo(defaultSteps: drawLength(max(10, 2 * t)),
                                phases: [.init(.constant, from: 0, to: max(0, t - 1), rates: optimizerLR * factor, optimizerLR * factor)],
                                markers: [.init(.warmupEnd, at: t)])
        }
    }
}
