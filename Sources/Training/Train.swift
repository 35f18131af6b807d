import Datasets

/// Trains an MLP (`Linear → ReLU → … → Linear`, PyTorch default init, mean softmax
/// cross-entropy, PyTorch SGD with momentum) on `split.train` in `Float`, reshuffling every
/// epoch, and reports per-epoch metrics, sampled step losses and divergence.
///
/// Deterministic: the same split and options give bit-identical numbers (wall times aside).
/// Stops early when the run diverges (`DivergenceRule`). Does not change BLAS threading;
/// callers decide (`BLAS.setThreads`). `progress` is called after each completed epoch.
public func train(_ split: DataSplit, options: TrainingOptions,
                  progress: (@Sendable (Int) -> Void)? = nil) -> TrainingOutcome {
    Trainer<Float>(split: split, options: options).run(progress: progress)
}
