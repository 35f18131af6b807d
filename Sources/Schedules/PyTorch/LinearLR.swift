public import Results
extension PyTorch {
    /// `torch.optim.lr_scheduler.LinearLR`: `lr0·(sf + (ef-sf)·min(total_iters, e)/total_iters)`.
    /// `step()`: `·sf` at e = 0, then `·(1 + (ef-sf)/(total_iters·sf + (e-1)(ef-sf)))` up to total_iters.
    public struct LinearLR: TorchScheduler {
        public var startFactor: Double
        public var endFactor: Double
        public var totalIters: Int
        public var optimizerLR: Double

        public init(startFactor: Double = 1.0 / 3.0, endFactor: Double = 1.0, totalIters: Int = 5, optimizerLR: Double) {
            self.startFactor = startFactor
            self.endFactor = endFactor
            self.totalIters = totalIters
            self.optimizerLR = optimizerLR
        }

        var chainRole: TorchChainRole { .multiplies }
        func nextLR(_ state: inout TorchState, lr: Double) -> Double {
            let e = state.lastEpoch
            if e == 0 { return lr * startFactor }
            if e > totalIters { return lr }
            let delta = endFactor - startFactor
            return lr * (1.0 + delta / (Double(totalIters) * startFactor + Double(e - 1) * delta))
        }

        func closedForm(_ state: TorchState) -> Double? {
            guard totalIters != 0 else { return nil }
            let e = Double(min(totalIters, state.lastEpoch))
            return state.baseLR * (startFactor + (endFactor - startFactor) * e / Double(totalIters))
        }

        public var info: ScheduleInfo {
            let t = max(0, min(totalIters, 1_000_000_000))
            return ScheduleInfo(defaultSteps: drawLength(max(10, 2 * t)),
                                phases: [.init(.warmup, from: 0, to: t, rates: optimizerLR * startFactor, optimizerLR * endFactor)],
                                markers: [.init(.warmupEnd, at: t)])
        }
    }
}
