import Results
import Training

extension OptimizerSpec {
    /// The trainer's optimizer, every default filled in from `OptimizerDefaults` (PyTorch's).
    var choice: OptimizerChoice {
        let decoupled = name == "adamw"
        let decay = weightDecay ?? OptimizerDefaults.weightDecay(decoupled: decoupled)
        switch name {
        case "adam", "adamw":
            let beta1 = betas?.first ?? OptimizerDefaults.beta1
            let beta2 = betas.flatMap { $0.count > 1 ? $0[1] : nil } ?? OptimizerDefaults.beta2
            return .adam(AdamSettings(beta1: beta1, beta2: beta2, eps: eps ?? OptimizerDefaults.eps,
                                      weightDecay: decay, amsgrad: amsgrad ?? false, decoupled: decoupled))
        case "rmsprop":
            return .rmsprop(RMSpropSettings(alpha: alpha ?? OptimizerDefaults.alpha, eps: eps ?? OptimizerDefaults.eps,
                                            weightDecay: decay, momentum: momentum, centered: centered ?? false))
        default:
            return .sgd(SGDSettings(momentum: momentum, dampening: dampening ?? OptimizerDefaults.dampening,
                                    nesterov: name == "nesterov" || nesterov == true, weightDecay: decay))
        }
    }
}

extension RunSpec.Setup {
    /// The trainer's options for this setup, with `batchSize` rows per step and the rate per step.
    func trainingOptions(batchSize: Int, learningRate: @escaping @Sendable (Int) -> Double) -> TrainingOptions {
        var options = TrainingOptions(hidden: model.hidden, epochs: train.epochs, batchSize: batchSize,
                                      optimizer: train.optimizer.choice, seed: seed, learningRate: learningRate)
        options.activation = model.activation
        options.initialization = model.initialization ?? .pytorch
        options.dropout = model.dropout ?? 0
        options.labelSmoothing = train.labelSmoothing ?? 0
        options.clipNorm = train.clipNorm
        return options
    }
}

extension OptimizerChoice {
    /// Every setting of the optimizer, defaults filled in, in PyTorch's names and as users write them.
    var parameters: [SetupParameter] {
        func n(_ v: Double) -> String { plainDecimal(v) }
        switch self {
        case .sgd(let s):
            return [SetupParameter("momentum", n(s.momentum)), SetupParameter("dampening", n(s.dampening)),
                    SetupParameter("nesterov", "\(s.nesterov)"), SetupParameter("weight_decay", n(s.weightDecay))]
        case .adam(let s):
            return [SetupParameter("betas", "\(n(s.beta1)), \(n(s.beta2))"), SetupParameter("eps", n(s.eps)),
                    SetupParameter("weight_decay", n(s.weightDecay)), SetupParameter("amsgrad", "\(s.amsgrad)")]
        case .rmsprop(let s):
            return [SetupParameter("alpha", n(s.alpha)), SetupParameter("eps", n(s.eps)),
                    SetupParameter("weight_decay", n(s.weightDecay)), SetupParameter("momentum", n(s.momentum)),
                    SetupParameter("centered", "\(s.centered)")]
        }
    }
}
