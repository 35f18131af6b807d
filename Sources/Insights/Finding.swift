/// One observation about a sweep's results, in plain words, with the numbers behind it and the
/// runs it is about (`findings.json`).
public struct Finding: Sendable, Equatable {
    /// Stable names, written to `findings.json`.
    public enum Kind: String, Sendable, CaseIterable {
        case best
        case seeds
        case divergence
        case gridEdge = "grid-edge"
        case scaling
        case curve
        case updates
        case stepsToTarget = "steps-to-target"
        case generalizationGap = "generalization-gap"
        case criticalBatchSize = "critical-batch-size"
        case throughput
        case rangeTest = "range-test"
        case settings
        /// Runs that failed (status `failed`): listed, never analysed.
        case failed
    }

    public var kind: Kind
    /// A short heading: "Best setting", "Divergence".
    public var headline: String
    /// One or a few plain sentences (no markup).
    public var text: String
    /// The ids of the runs the finding is about, in grid order.
    public var runs: [String]

    public init(kind: Kind, headline: String, text: String, runs: [String] = []) {
        self.kind = kind
        self.headline = headline
        self.text = text
        self.runs = runs
    }
}
