import Diagnostics

/// What `data.dataset: synthetic` generates: a seeded toy classification problem.
public struct SyntheticOptions: Sendable, Hashable, Codable {
    /// The shape of the classes.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// `classes` interleaved spiral arms in the plane (radius 0…1, 1.75 turns each).
        case spirals
        /// Two interleaving half circles (scikit-learn's `make_moons`); exactly 2 classes.
        case moons
        /// `classes` concentric rings, radii 1/C, 2/C, …, 1.
        case circles
        /// `classes` isotropic Gaussian clusters (std 1) with centres uniform in [−10, 10]^features.
        case blobs
        /// Points uniform in [−1, 1]²; the class is whether x and y have the same sign; 2 classes.
        case xor
        /// One standard normal cloud cut into `classes` equal-count shells by distance from 0
        /// (scikit-learn's `make_gaussian_quantiles`).
        case gaussian
    }

    public var kind: Kind
    /// Rows generated in total (before the train/test split), ≥ 2 × classes.
    public var samples: Int
    /// Columns. Planar kinds (spirals, moons, circles, xor) use the first two; any further
    /// columns are uninformative standard-normal distractors. Blobs and gaussian use all.
    public var features: Int
    public var classes: Int
    /// Standard deviation of Gaussian noise added to each informative coordinate (data units;
    /// for blobs, the clusters' standard deviation).
    public var noise: Double

    public init(kind: Kind, samples: Int? = nil, features: Int? = nil, classes: Int? = nil, noise: Double? = nil) {
        self.kind = kind
        self.samples = samples ?? 1000
        self.features = features ?? 2
        self.classes = classes ?? Self.defaultClasses(kind)
        self.noise = noise ?? Self.defaultNoise(kind)
    }

    /// 3 for spirals, blobs and gaussian; 2 for moons, circles and xor.
    public static func defaultClasses(_ kind: Kind) -> Int {
        switch kind {
        case .spirals, .blobs, .gaussian: return 3
        case .moons, .circles, .xor: return 2
        }
    }

    /// spirals 0.05, moons 0.1, circles 0.05, blobs 1.0, xor 0.1, gaussian 0.
    public static func defaultNoise(_ kind: Kind) -> Double {
        switch kind {
        case .spirals: return 0.05
        case .moons: return 0.1
        case .circles: return 0.05
        case .blobs: return 1.0
        case .xor: return 0.1
        case .gaussian: return 0
        }
    }

    /// Why these options cannot be generated, or nil when they can. Messages name the `data.*` key.
    public var problem: (key: String, message: String)? {
        if samples < 1 || samples > 10_000_000 { return ("samples", "'data.samples' must be between 1 and 10,000,000, got \(samples)") }
        if classes < 2 || classes > 1000 { return ("classes", "'data.classes' must be between 2 and 1000, got \(classes)") }
        if (kind == .moons || kind == .xor), classes != 2 {
            return ("classes", "'data.classes' must be 2 for kind \(kind.rawValue), got \(classes)")
        }
        if features < 1 || features > 100_000 { return ("features", "'data.features' must be between 1 and 100,000, got \(features)") }
        if kind != .blobs && kind != .gaussian && features < 2 {
            return ("features", "'data.features' must be at least 2 for kind \(kind.rawValue), got \(features)")
        }
        let (cells, overflow) = samples.multipliedReportingOverflow(by: features)
        if overflow || cells > 50_000_000 {
            return ("samples", "'data.samples' × 'data.features' must be at most 50,000,000")
        }
        if samples < 2 * classes { return ("samples", "'data.samples' must be at least 2 per class (\(2 * classes)), got \(samples)") }
        if !noise.isFinite || noise < 0 { return ("noise", "'data.noise' must be 0 or more, got \(noise)") }
        return nil
    }
}
