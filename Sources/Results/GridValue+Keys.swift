extension GridValue {
    /// Keys whose values name themselves ("adam", "StepLR", "relu"): no prefix.
    static let selfNamingKeys: Set<String> = [
        "train.optimizer", "train.optimizer.name", "train.schedule", "train.schedule.name",
        "train.schedule.library", "model.activation", "model.init", "data.dataset", "data.kind", "data.scaling",
    ]

    /// A key in words: `train.learning_rate` → "learning rate", `model.hidden` → "hidden layers".
    public static func title(forKey key: String) -> String {
        switch key {
        case "model.hidden": return "hidden layers"
        case "model.init": return "initialization"
        // `{name: …}` blocks: the block names the value ("optimizer adam", not "name adam").
        case "train.optimizer.name": return "optimizer"
        case "train.schedule.name": return "schedule"
        default:
            let last = key.split(separator: ".").last.map(String.init) ?? key
            return last.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// The word before a value in a point's name: "lr", "batch", "" for self-naming values.
    public static func prefix(forKey key: String) -> String {
        switch key {
        case "train.learning_rate": return "lr"
        case "train.batch_size": return "batch"
        case _ where selfNamingKeys.contains(key): return ""
        default: return title(forKey: key)
        }
    }

    /// A value known only as text (a hyperparameter read from another tool's logs): a number when
    /// it reads as one, labelled as written, with the key's title and prefix.
    public init(key: String, value: String, position: Int = 0) {
        let number = Double(value).flatMap { $0.isFinite ? $0 : nil }
        self.init(key: key, value: value, label: value, number: number, position: position,
                  keyTitle: GridValue.title(forKey: key), prefix: GridValue.prefix(forKey: key))
    }
}
