import Foundation
public import Results

extension PyTorch {
    /// `torch.optim.lr_scheduler.ExponentialLR`: `lr0·γ^e`; `step()` multiplies by γ.
    public struct ExponentialLR: TorchScheduler {
        public var gamma: Double
        public var optimizerLR: Double

        public init(gamma: Double, optimizerLR: Double) {
            self.gamma = gamma
            self.optimizerLR = optimizerLR
        }

        var chainRole: TorchChainRole { .multiplies }
        func nextLR(_ state: inout TorchState, lr: Double) -> Double { state.lastEpoch == 0 ? lr : lr * gamma }

        func closedForm(_ state: TorchState) -> Double? { state.baseLR * pow(gamma, Double(state.lastEpoch)) }

        public var info: ScheduleInfo {
            // Draw until the rate has fallen a thousandfold (or 1000 steps when γ ≥ 1).
            let n = gamma > 0 && gamma < 1 ? clampedSteps(log(1e-3) / log(gamma)) : 1000
            return ScheduleInfo(defaultSteps: max(10, n))
        }
    }
}
