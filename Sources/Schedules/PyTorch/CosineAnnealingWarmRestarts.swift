import Foundation
public import Results

extension PyTorch {
    /// `torch.optim.lr_scheduler.CosineAnnealingWarmRestarts` (SGDR) as `step()` drives it:
    /// `T_cur += 1`; when `T_cur >= T_i`: `T_cur -= T_i`, `T_i *= T_mult`.
    /// `lr = η_min + (lr0-η_min)(1 + cos(π·T_cur/T_i))/2`; restarts at `T_0(T_mult^k - 1)/(T_mult - 1)`.
    public struct CosineAnnealingWarmRestarts: TorchScheduler {
        public var t0: Int
        public var tMult: Int
        public var etaMin: Double
        public var optimizerLR: Double

        public init(t0: Int, tMult: Int = 1, etaMin: Double = 0, optimizerLR: Double) {
            self.t0 = t0
            self.tMult = tMult
            self.etaMin = etaMin
            self.optimizerLR = optimizerLR
        }

        var chainRole: TorchChainRole { .replaces }
        func nextLR(_ state: inout TorchState, lr: Double) -> Double {
            if state.lastEpoch == 0 {
                state.tI = t0
                state.tCur = 0
            } else {
                state.tCur += 1
                if state.tCur >= state.tI {
                    state.tCur -= state.tI
                    let (product, overflow) = state.tI.multipliedReportingOverflow(by: tMult)
                    state.tI = overflow ? Int.max : product
                }
            }
            guard state.tI > 0 else { return .nan }
            return etaMin + (state.baseLR - etaMin) * (1 + cos(Double.pi * Double(state.tCur) / Double(state.tI))) / 2
        }

        /// `step(epoch)`'s direct formula (the class has no `_get_closed_form_lr`; this is what
        /// a deprecated `step(epoch)` computes, used here only for very large steps and at 0).
        func closedForm(_ state: TorchState) -> Double? {
            let epoch = Double(state.lastEpoch)
            let t0 = Double(self.t0), mult = Double(tMult)
            var tCur = epoch, tI = t0
            if epoch >= t0 {
                if tMult == 1 {
                    tCur = epoch.truncatingRemainder(dividingBy: t0)
                } else {
                    let n = (log(epoch / t0 * (mult - 1) + 1) / log(mult)).rounded(.towardZero)
                    tCur = epoch - t0 * (pow(mult, n) - 1) / (mult - 1)
                    tI = t0 * pow(mult, n)
                }
            }
            return etaMin + (state.baseLR - etaMin) * (1 + cos(Double.pi * tCur / tI)) / 2
        }

        /// Step at which restart `k` (k ≥ 1) begins.
        public func restartStep(_ k: Int) -> Int {
            let steps = tMult == 1 ? Double(t0) * Double(k)
                : Double(t0) * (pow(Double(tMult), Double(k)) - 1) / Double(tMult - 1)
            return clampedSteps(steps)
        }

        public var info: ScheduleInfo {
            let restarts = (1...4).map { restartStep($0) }
            return ScheduleInfo(defaultSteps: max(1, restarts[2]), markers: restarts.map { .init(.restart, at: $0) })
        }
    }
}
