import Formatting
import Results

/// When two grid points differ by less than chance: the rule "tied within noise" follows.
public struct Noise: Sendable {
    /// One example of the set "best" is chosen on, as a fraction (1 / 359 = 0.0028).
    public var example: Double
    /// Whether "best" is chosen on validation accuracy (every run held out a validation set).
    public var usesValidation: Bool
    /// Seeds per point (the most of any point).
    public var seeds: Int

    /// From the runs grouped by grid point (`PointGroup.group`).
    public init(_ groups: [PointGroup]) {
        let runs = groups.flatMap(\.runs)
        let validation = !runs.isEmpty && runs.allSatisfy(\.hasValidation)
        usesValidation = validation
        let counts = runs.map { validation ? $0.setup.validationCount : $0.setup.testCount }.filter { $0 > 0 }
        example = 1 / Double(counts.max() ?? 1)
        seeds = groups.map(\.runs.count).max() ?? 1
    }

    /// "test" or "validation".
    public var setName: String { usesValidation ? "validation" : "test" }

    /// Two points are tied when they are closer than the larger of their seed spreads (standard
    /// deviations over seeds), or, without repeats, closer than one example.
    public func tied(_ a: PointGroup, _ b: PointGroup) -> Bool {
        guard let x = a.selection, let y = b.selection else { return false }
        let spread = max(a.spread ?? 0, b.spread ?? 0)
        // Accuracies are whole examples over the set size: "closer than one example" is a
        // difference of less than one, with room for rounding.
        return abs(x - y) < max(spread, example * 0.999)
    }

    /// "95.0%" or, with seeds, "95.0% ± 0.4".
    public func text(_ group: PointGroup) -> String {
        let value = NumberText.percent(group.selection)
        guard let spread = group.spread else { return value }
        return value + " ± " + formatFixed(spread * 100, decimals: 1)
    }

    /// The rule the page states.
    public var rule: String {
        let metric = usesValidation ? "final validation accuracy (the test accuracy is reported, not used to choose)"
            : "final test accuracy"
        var text = "“Best” is the grid point with the highest \(metric)"
        text += seeds > 1 ? ", as the mean over its \(seeds) seeds (± their standard deviation)." : "."
        text += " The peak over epochs is shown beside it but never used to choose."
        text += " One \(setName) example is worth \(formatFixed(example * 100, decimals: 2)) points; "
        text += seeds > 1 ? "points closer than their seed spread are tied within noise."
            : "points closer than one example are tied within noise."
        return text
    }
}
