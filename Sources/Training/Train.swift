public import Datasets

/// Trains an MLP (`Linear → f → … → Linear`, `options.activation`, `options.initialization`,
/// optional dropout, mean softmax cross-entropy with optional label smoothing, the optimizer
/// of `options.optimizer`, optional gradient clipping) on `split.train` in `Float`,
/// reshuffling every epoch, and reports per-epoch metrics, sampled step losses and divergence.
///
/// Deterministic: the same split and options give bit-identical numbers (wall times aside).
/// Stops early when the run diverges (`DivergenceRule`). Does not change BLAS threading;
/// callers decide (`BLAS.setThreads`). `progress` is called after each completed epoch.
public func train(_ split: DataSplit, options: TrainingOptions,
                  progress: (@Sendable (Int) -> Void)? = nil) -> TrainingOutcome {
    Trainer<Float>(split: split, options: options).run(progress: progress)
}
