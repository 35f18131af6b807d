import Formatting
import Datasets
import Diagnostics
import Training

/// The memory a run and the sweep's data take, bounded before anything is allocated for them.
extension RunCheck {
    /// Most a run may take in training (`TrainingMemory`): 2 GiB. With `--jobs N`, runs train
    /// together only while their estimates add up to at most this (`concurrentRuns`), so the
    /// runs in training never take more than 2 GiB between them.
    static let maxRunBytes = 2 << 30

    /// Most the loaded data of a sweep may take together (every distinct `data` setting's
    /// split is held until the runs end): 1 GiB of feature values as `Float`.
    static let maxLoadedBytes = 1 << 30

    /// What `spec` allocates when it trains on `split`.
    static func memory(_ spec: RunSpec, split: DataSplit) -> TrainingMemory {
        let model = spec.setup.model
        return TrainingMemory(inputs: split.train.featureCount, hidden: model.hidden,
                              classes: max(split.train.classCount, split.test.classCount),
                              trainCount: split.train.count,
                              evaluationCount: max(split.test.count, split.validation?.count ?? 0),
                              batchSize: spec.setup.train.batchSize, epochs: spec.setup.train.epochs,
                              optimizer: spec.setup.train.optimizer.choice, dropout: (model.dropout ?? 0) > 0)
    }

    /// A run whose estimate passes `maxRunBytes` is refused at the setting that makes it large:
    /// the hidden layers when the weights and optimizer state are most of it, else the batch size.
    static func checkMemory(_ spec: RunSpec, split: DataSplit) throws(InputError) {
        let memory = memory(spec, split: split)
        guard memory.total > maxRunBytes else { return }
        let activations = memory.workspace >= memory.weights
        let place = activations
            ? spec.locations["train.batch_size"] ?? spec.locations["model.hidden"] ?? spec.locations["train"]
            : spec.locations["model.hidden"] ?? spec.locations["model"]
        let text = NumberText.bytes
        let rows = NumberText.count(memory.workspaceRows)
        let advice = activations ? "use a smaller batch size or narrower hidden layers" : "use narrower or fewer hidden layers"
        throw InputError("this run would take about \(text(memory.total)) in training (weights and gradients \(text(memory.parameters)), optimizer state \(text(memory.optimizer)), activations of \(rows) rows \(text(memory.workspace))), more than the \(text(maxRunBytes)) lrlab gives a run; \(advice)",
                         at: place)
    }

    /// How many of `specs` may train at once within `maxRunBytes` together: `jobs`, fewer when
    /// the largest run's estimate times `jobs` passes the budget, and at least one.
    static func concurrentRuns(_ specs: [RunSpec], splits: [DataSpec: DataSplit], jobs: Int) -> Int {
        let largest = specs.lazy.compactMap { spec in splits[spec.setup.data].map { memory(spec, split: $0).total } }.max() ?? 0
        guard largest > 0 else { return max(1, jobs) }
        return max(1, min(jobs, maxRunBytes / largest))
    }

    /// The feature values of a loaded split, in bytes as `Float` (labels are 1 value per row too).
    static func loadedBytes(_ split: DataSplit) -> Int {
        let parts = [split.train, split.test] + (split.validation.map { [$0] } ?? [])
        return parts.reduce(0) { $0 + ($1.features.count + $1.labels.count) * 4 }
    }
}
