/// The keys a sweep file may use, for validation and "did you mean".
enum SweepKeys {
    static let topLevel = ["name", "title", "seed", "repeats", "data", "model", "train", "grid", "zip", "include", "exclude", "report"]
    static let data = ["dataset", "test_fraction", "validation_fraction", "scaling",
                       "kind", "samples", "features", "classes", "noise",
                       "path", "label", "header",
                       "images", "labels", "test_images", "test_labels"]
    static let model = ["hidden", "activation", "init", "dropout"]
    static let train = ["epochs", "batch_size", "optimizer", "learning_rate", "schedule", "weight_decay",
                        "clip_norm", "label_smoothing"]
    static let optimizer = ["name", "momentum", "dampening", "nesterov", "betas", "eps", "weight_decay",
                            "amsgrad", "alpha", "centered"]
    static let report = ["target_accuracy", "smoothing", "theme", "formats", "curves"]

    /// Every dotted path to a leaf or block, e.g. `train.batch_size`.
    static let allPaths: [String] =
        ["name", "title", "seed", "repeats"]
        + data.map { "data.\($0)" } + model.map { "model.\($0)" } + train.map { "train.\($0)" }
        + optimizer.map { "train.optimizer.\($0)" } + report.map { "report.\($0)" }

    /// Paths a grid may vary: run settings, not the sweep's identity.
    static let gridPaths: [String] = allPaths.filter { !["name", "title", "seed", "repeats"].contains($0) && !$0.hasPrefix("report.") }

    static func isGridKey(_ key: String) -> Bool {
        gridPaths.contains(key) || key.hasPrefix("train.schedule.")
    }
}
