/// One observation about a sweep's results, in plain words, with the numbers behind it.
public struct Finding: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case best, bestRatePerBatch, divergence, updates, target, gap, instability, degradation, rangeTest
    }

    public var kind: Kind
    /// A short heading: "Best run", "Divergence".
    public var headline: String
    /// One or two plain sentences (no markup).
    public var text: String

    public init(kind: Kind, headline: String, text: String) {
        self.kind = kind
        self.headline = headline
        self.text = text
    }
}
