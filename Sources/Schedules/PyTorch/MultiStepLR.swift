import Foundation
public import Results

extension PyTorch {
    /// `torch.optim.lr_scheduler.MultiStepLR`: multiplies the rate by `gamma` at each milestone
    /// (a milestone listed twice counts twice). Closed form `lr0·γ^bisect_right(sorted(milestones), e)`.
    public struct MultiStepLR: TorchScheduler {
        public var milestones: [Double]
        public var gamma: Double
        public var optimizerLR: Double

        public init(milestones: [Double], gamma: Double = 0.1, optimizerLR: Double) {
            self.milestones = milestones
            self.gamma = gamma
            self.optimizerLR = optimizerLR
        }

        var chainRole: TorchChainRole { .multiplies }
        func nextLR(_ state: inout TorchState, lr: Double) -> Double {
            let e = Double(state.lastEpoch)
            let count = milestones.filter { $0 == e }.count
            return count == 0 ? lr : lr * pow(gamma, Double(count))
        }

        func closedForm(_ state: TorchState) -> Double? {
            state.baseLR * pow(gamma, Double(bisectRight(milestones.sorted(), Double(state.lastEpoch))))
        }

        public var info: ScheduleInfo {
            ScheduleInfo(defaultSteps: drawLength(clampedSteps(milestones.max() ?? 100)),
                         markers: milestones.map { .init(.milestone, at: clampedSteps($0)) })
        }
    }
}
