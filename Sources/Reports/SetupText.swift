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
        let optimizers = Set(setups.map(Self.optimizer))
        optimizer = optimizers.count == 1 ? (optimizers.first ?? "") : "several optimizers"
        epochs = setups.map(\.epochs).max() ?? 0
    }

    static func model(_ setup: RunSetup) -> String {
        let units = setup.activation == "relu" ? "ReLU" : setup.activation
        guard !setup.hidden.isEmpty else { return "linear model" }
        if setup.hidden.count == 1 { return "MLP, \(setup.hidden[0]) \(units) units" }
        return "MLP, \(setup.hidden.map(String.init).joined(separator: "–")) \(units) units"
    }

    static func optimizer(_ setup: RunSetup) -> String {
        setup.momentum > 0 ? "SGD, momentum \(NumberText.learningRate(setup.momentum))" : "plain SGD"
    }

    var epochsClause: String { "\(epochs) epoch\(epochs == 1 ? "" : "s")" }

    /// The setup clauses plus `extra`, joined by " · ".
    func clauses(including extra: [String]) -> String {
        ([data, model, optimizer] + extra).filter { !$0.isEmpty }.joined(separator: " · ")
    }
}
