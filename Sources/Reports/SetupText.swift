import Formatting
import Insights
import Results

/// The shared setup of a report's runs, in the words of chart subtitles:
/// "digits (1,438 train / 359 test) · MLP, 64 ReLU units · SGD, momentum 0.9".
struct SetupText {
    var data: String
    var model: String
    var optimizer: String
    var epochs: Int

    init(_ runs: [RunRecord]) {
        let setups = runs.map(\.setup)
        let first = setups.first
        data = first.map { "\($0.dataset) (\(NumberText.count($0.trainCount)) train / \(NumberText.count($0.testCount)) test)" } ?? ""
        model = first.map(Self.model) ?? ""
        // When the grid varies the optimizer, charts and findings name it per point.
        let optimizers = Set(setups.map(Self.optimizer))
        optimizer = optimizers.count == 1 ? (optimizers.first ?? "") : ""
        epochs = setups.map(\.epochs).max() ?? 0
    }

    /// What `lrlab import` writes for a setting the logs do not record.
    static let notKnown = "not known"

    static func model(_ setup: RunSetup) -> String {
        // An imported run: the logs say nothing of the model.
        guard setup.activation != notKnown else { return "" }
        let units = setup.activation == "relu" ? "ReLU" : setup.activation
        guard !setup.hidden.isEmpty else { return "linear model" }
        if setup.hidden.count == 1 { return "MLP, \(setup.hidden[0]) \(units) units" }
        return "MLP, \(setup.hidden.map(String.init).joined(separator: "–")) \(units) units"
    }

    /// "SGD, momentum 0.9", "plain SGD", "Adam", "AdamW, weight decay 0.01", "RMSprop, momentum 0.9".
    static func optimizer(_ setup: RunSetup) -> String {
        guard setup.optimizer != notKnown else { return "" }
        func parameter(_ name: String) -> String? { setup.optimizerParameters.first { $0.name == name }?.value }
        let decay = parameter("weight_decay").flatMap(Double.init) ?? 0
        let decayText = decay > 0 ? ", weight decay \(NumberText.learningRate(decay))" : ""
        let momentum = setup.momentum > 0 ? "momentum \(NumberText.learningRate(setup.momentum))" : ""
        switch setup.optimizer {
        case "adam": return "Adam" + decayText
        case "adamw": return "AdamW" + decayText
        case "rmsprop": return "RMSprop" + (momentum.isEmpty ? "" : ", " + momentum) + decayText
        case "nesterov": return "SGD, Nesterov " + momentum + decayText
        default:
            let nesterov = parameter("nesterov") == "true" ? "Nesterov " : ""
            return (momentum.isEmpty ? "plain SGD" : "SGD, \(nesterov)\(momentum)") + decayText
        }
    }

    var epochsClause: String { "\(epochs) epoch\(epochs == 1 ? "" : "s")" }

    /// The setup clauses plus `extra`, joined by " · ".
    func clauses(including extra: [String]) -> String {
        ([data, model, optimizer] + extra).filter { !$0.isEmpty }.joined(separator: " · ")
    }
}
