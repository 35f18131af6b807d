import Foundation
public import Results

extension PyTorch {
    /// `torch.optim.lr_scheduler.StepLR`: multiplies the rate by `gamma` every `step_size` steps.
    /// Closed form `lr0·γ^⌊e/step_size⌋`; `step()` multiplies when `e > 0` and `e % step_size == 0`.
    public struct StepLR: TorchScheduler {
        public var stepSize: Int
        public var gamma: Double
        public var optimizerLR: Double

        public init(stepSize: Int, gamma: Double = 0.1, optimizerLR: Double) {
            self.stepSize = stepSize
            self.gamma = gamma
            self.optimizerLR = optimizerLR
        }

        var chainRole: TorchChainRole { .multiplies }
        func nextLR(_ state: inout TorchState, lr: Double) -> Double {
            let e = state.lastEpoch
            guard stepSize != 0, e != 0, e % stepSize == 0 else { return lr }
            return lr * gamma
        }

        func closedForm(_ state: TorchState) -> Double? {
            guard stepSize != 0 else { return nil }
            return state.baseLR * pow(gamma, Double(floorDiv(state.lastEpoch, stepSize)))
        }

        public var info: ScheduleInfo {
            let s = max(1, abs(stepSize))
            let n = s <= 100_000_000 ? 4 * s : 1_000_000_000
            return ScheduleInfo(defaultSteps: drawLength(n), markers: (1...4).map { .init(.milestone, at: min($0 * s, 1_000_000_000)) })
        }
    }
}
