import Foundation
public import Results

extension PyTorch {
    /// `torch.optim.lr_scheduler.OneCycleLR`. It ignores the optimizer's rate:
    /// `initial = max_lr/div_factor`, `min = initial/final_div_factor`.
    /// Phases (end step, from → to): two-phase `(pct·T-1, initial→max)`, `(T-1, max→min)`;
    /// three-phase `(pct·T-1, initial→max)`, `(2·pct·T-2, max→initial)`, `(T-1, initial→min)`.
    /// `cos`: `to + (from-to)/2·(cos(π·pct)+1)`; `linear`: `(to-from)·pct + from`.
    /// Step T is allowed and extrapolates (pct > 1); past T the library raises, here the rate is NaN.
    public struct OneCycleLR: TorchScheduler {
        public enum AnnealStrategy: String, Sendable { case cos, linear }
        public var maxLR: Double
        public var totalSteps: Int
        public var pctStart: Double
        public var annealStrategy: AnnealStrategy
        public var divFactor: Double
        public var finalDivFactor: Double
        public var threePhase: Bool
        public var optimizerLR: Double

        public init(maxLR: Double, totalSteps: Int, pctStart: Double = 0.3, annealStrategy: AnnealStrategy = .cos,
                    divFactor: Double = 25, finalDivFactor: Double = 1e4, threePhase: Bool = false, optimizerLR: Double) {
            self.maxLR = maxLR
            self.totalSteps = totalSteps
            self.pctStart = pctStart
            self.annealStrategy = annealStrategy
            self.divFactor = divFactor
            self.finalDivFactor = finalDivFactor
            self.threePhase = threePhase
            self.optimizerLR = optimizerLR
        }

        var initialLR: Double { maxLR / divFactor }
        var minLR: Double { initialLR / finalDivFactor }

        /// `_schedule_phases`: (end_step, start_lr, end_lr).
        var phases: [(end: Double, from: Double, to: Double)] {
            let t = Double(totalSteps)
            if threePhase {
                return [(pctStart * t - 1, initialLR, maxLR), (2 * pctStart * t - 2, maxLR, initialLR), (t - 1, initialLR, minLR)]
            }
            return [(pctStart * t - 1, initialLR, maxLR), (t - 1, maxLR, minLR)]
        }

        func prepare(_ group: inout TorchGroup) { group.initialLR = initialLR }

        func anneal(_ from: Double, _ to: Double, _ pct: Double) -> Double {
            switch annealStrategy {
            case .cos: return to + (from - to) / 2.0 * (cos(Double.pi * pct) + 1)
            case .linear: return (to - from) * pct + from
            }
        }

        var chainRole: TorchChainRole { .replaces }
        func nextLR(_ state: inout TorchState, lr: Double) -> Double { rate(at: state.lastEpoch) }
        var stepsInClosedForm: Bool { true }
        func closedForm(_ state: TorchState) -> Double? { rate(at: state.lastEpoch) }

        func rate(at e: Int) -> Double {
            guard e <= totalSteps else { return .nan }
            let x = Double(e)
            var start = 0.0
            let all = phases
            for (i, phase) in all.enumerated() {
                if x <= phase.end || i == all.count - 1 {
                    return anneal(phase.from, phase.to, (x - start) / (phase.end - start))
                }
                start = phase.end
            }
            return .nan
        }

        public var info: ScheduleInfo {
            let kinds: [ScheduleInfo.Phase.Kind] = threePhase ? [.warmup, .anneal, .decay] : [.warmup, .decay]
            var start = 0
            var result: [ScheduleInfo.Phase] = []
            for (kind, phase) in zip(kinds, phases) {
                let end = clampedSteps(phase.end.rounded(.up))
                result.append(.init(kind, from: start, to: end, rates: phase.from, phase.to))
                start = end
            }
            let t = max(1, min(totalSteps, 1_000_000_000))
            return ScheduleInfo(defaultSteps: t, phases: result,
                                markers: [.init(.warmupEnd, at: result.first?.end ?? 0), .init(.totalSteps, at: t)])
        }
    }
}
