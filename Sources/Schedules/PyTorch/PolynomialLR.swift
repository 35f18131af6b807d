import Foundation
public import Results

extension PyTorch {
    /// `torch.optim.lr_scheduler.PolynomialLR`: `lr0·(1 - min(total_iters, e)/total_iters)^power`,
    /// ending at 0. `step()` multiplies by `((1 - e/T)/(1 - (e-1)/T))^power` for `0 < e <= T`.
    public struct PolynomialLR: TorchScheduler {
        public var totalIters: Int
        public var power: Double
        public var optimizerLR: Double

        public init(totalIters: Int = 5, power: Double = 1.0, optimizerLR: Double) {
            self.totalIters = totalIters
            self.power = power
            self.optimizerLR = optimizerLR
        }

        var chainRole: TorchChainRole { .multiplies }
        func nextLR(_ state: inout TorchState, lr: Double) -> Double {
            let e = state.lastEpoch
            if e == 0 || e > totalIters { return lr }
            let t = Double(totalIters)
            return lr * pow((1.0 - Double(e) / t) / (1.0 - Double(e - 1) / t), power)
        }

        func closedForm(_ state: TorchState) -> Double? {
            guard totalIters != 0 else { return nil }
            return state.baseLR * pow(1.0 - Double(min(totalIters, state.lastEpoch)) / Double(totalIters), power)
        }

        public var info: ScheduleInfo {
            let t = max(1, min(totalIters, 1_000_000_000))
            return ScheduleInfo(defaultSteps: drawLength(t), phases: [.init(.decay, from: 0, to: t, rates: optimizerLR, 0)],
                                markers: [.init(.totalSteps, at: t)])
        }
    }
}
