/// An axis: its title, scale, tick-label format and optional domain.
public struct Axis: Sendable {
    public enum Scale: Sendable, Equatable {
        case linear
        /// Base 10; decade labels, minor ticks at 2–9 × 10^k. Values ≤ 0 are out of range.
        case log
    }

    public enum Format: Sendable, Equatable {
        /// Decimals of the tick step, "0" for zero, U+2212 minus.
        case plain
        /// Values are fractions 0...1 shown as percentages ("80%").
        case percent
        /// Counts: thousands separators below 10,000, k from 10,000, M from 10,000,000.
        case count
    }

    /// Lowercase, the scale in parentheses: "training loss (log scale)".
    public var title: String
    public var scale: Scale
    public var format: Format
    /// Explicit range in data units; nil chooses one from the data per docs/charts.md.
    public var domain: ClosedRange<Double>?
    /// With an automatic linear domain, whether it reaches down to 0 (true by default).
    public var includesZero: Bool
    /// Ticks only at whole numbers (epochs: "0 1 2 3", never "0.5"); linear axes only.
    public var wholeNumbers: Bool

    public init(title: String, scale: Scale = .linear, format: Format = .plain,
                domain: ClosedRange<Double>? = nil, includesZero: Bool = true, wholeNumbers: Bool = false) {
        self.title = title
        self.scale = scale
        self.format = format
        self.domain = domain
        self.includesZero = includesZero
        self.wholeNumbers = wholeNumbers
    }
}
