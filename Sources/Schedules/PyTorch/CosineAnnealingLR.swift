import Foundation
public import Results

extension PyTorch {
    /// `torch.optim.lr_scheduler.CosineAnnealingLR`: `η_min + (lr0-η_min)(1 + cos(π e/T_max))/2`,
    /// periodic with period 2·T_max (not clamped), computed recursively as `step()` does.
    public struct CosineAnnealingLR: TorchScheduler {
        public var tMax: Int
        public var etaMin: Double
        public var optimizerLR: Double

        public init(tMax: Int, etaMin: Double = 0, optimizerLR: Double) {
            self.tMax = tMax
            self.etaMin = etaMin
            self.optimizerLR = optimizerLR
        }

        func nextLR(_ state: inout TorchState, lr: Double) -> Double {
            let e = state.lastEpoch, t = Double(tMax)
            guard tMax != 0 else { return .nan }
            if e == 0 { return lr }
            if state.stepCount == 1 && e > 0 { return closedForm(state) ?? .nan }
            let period = 2 &* tMax
            if period != 0 && floorMod(e &- 1 &- tMax, period) == 0 {
                return lr + (state.baseLR - etaMin) * (1 - cos(Double.pi / t)) / 2
            }
            return (1 + cos(Double.pi * Double(e) / t)) / (1 + cos(Double.pi * Double(e - 1) / t)) * (lr - etaMin) + etaMin
        }

        func closedForm(_ state: TorchState) -> Double? {
            etaMin + (state.baseLR - etaMin) * (1 + cos(Double.pi * Double(state.lastEpoch) / Double(tMax))) / 2
        }

        public var info: ScheduleInfo {
            let t = max(1, min(abs(tMax), 1_000_000_000))
            return ScheduleInfo(defaultSteps: t + 1, phases: [.init(.anneal, from: 0, to: t, rates: optimizerLR, etaMin)],
                                markers: [.init(.totalSteps, at: t)])
        }
    }
}
