import Foundation
public import Results

extension PyTorch {
    /// `torch.optim.lr_scheduler.CyclicLR`. It overwrites the optimizer's rate with `base_lr`.
    /// `tot = up + down`, `cycle = ⌊1 + e/tot⌋`, `x = 1 + e/tot - cycle`,
    /// `h = x/r` if `x <= r` else `(x-1)/(r-1)` with `r = up/tot`; `lr = base + (max-base)·h·f`,
    /// f = 1 (`triangular`), `1/2^(cycle-1)` (`triangular2`), `γ^e` (`exp_range`).
    public struct CyclicLR: TorchScheduler {
        public enum Mode: String, Sendable { case triangular, triangular2, exp_range }
        public var baseLR: Double
        public var maxLR: Double
        public var stepSizeUp: Double
        public var stepSizeDown: Double
        public var mode: Mode
        public var gamma: Double
        public var optimizerLR: Double

        public init(baseLR: Double, maxLR: Double, stepSizeUp: Double = 2000, stepSizeDown: Double? = nil,
                    mode: Mode = .triangular, gamma: Double = 1, optimizerLR: Double) {
            self.baseLR = baseLR
            self.maxLR = maxLR
            self.stepSizeUp = stepSizeUp
            self.stepSizeDown = stepSizeDown ?? stepSizeUp
            self.mode = mode
            self.gamma = gamma
            self.optimizerLR = optimizerLR
        }

        func prepare(_ group: inout TorchGroup) { group.lr = baseLR }
        func initialBaseLR(_ group: TorchGroup) -> Double { baseLR }

        var chainRole: TorchChainRole { .replaces }
        func nextLR(_ state: inout TorchState, lr: Double) -> Double { rate(at: state.lastEpoch) }
        var stepsInClosedForm: Bool { true }
        func closedForm(_ state: TorchState) -> Double? { rate(at: state.lastEpoch) }

        func rate(at e: Int) -> Double {
            let total = stepSizeUp + stepSizeDown
            let ratio = stepSizeUp / total
            let epoch = Double(e)
            let cycle = (1 + epoch / total).rounded(.down)
            let x = 1.0 + epoch / total - cycle
            let scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1)
            let height = (maxLR - baseLR) * scale
            switch mode {
            case .triangular: return baseLR + height * 1.0
            case .triangular2: return baseLR + height * (1 / pow(2.0, cycle - 1))
            case .exp_range: return baseLR + height * pow(gamma, epoch)
            }
        }

        public var info: ScheduleInfo {
            let total = stepSizeUp + stepSizeDown
            let ends = (1...3).map { clampedSteps(Double($0) * total) }
            return ScheduleInfo(defaultSteps: drawLength(ends[2]), markers: ends.map { .init(.cycleEnd, at: $0) })
        }
    }
}
