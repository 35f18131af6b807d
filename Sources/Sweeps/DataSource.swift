public import Datasets

/// Where a run's examples come from (`data.dataset`), with that source's options.
public enum DataSource: Sendable, Hashable {
    /// The built-in 8×8 digits.
    case digits
    /// A seeded toy problem.
    case synthetic(SyntheticOptions)
    /// A CSV file; its path as written in the sweep file.
    case csv(CSVOptions)
    /// IDX files (MNIST's format); paths as written in the sweep file.
    case idx(IDXOptions)

    /// The sources without their options, spelled as sweep files write `data.dataset`.
    /// (The setup's JSON writes `dataset` as this raw value, see `DataSpec+Codable.swift`.)
    public enum Kind: String, Sendable, CaseIterable {
        case digits, synthetic, csv, idx
    }

    /// Which source this is, without its options.
    public var kind: Kind {
        switch self {
        case .digits: .digits
        case .synthetic: .synthetic
        case .csv: .csv
        case .idx: .idx
        }
    }

    /// "digits" | "synthetic" | "csv" | "idx", as in `data.dataset`.
    public var name: String { kind.rawValue }

    /// The data files the source reads, as written (relative to the sweep file's folder), in a
    /// fixed order; empty for built-in and generated data.
    public var files: [String] {
        switch self {
        case .digits, .synthetic: []
        case .csv(let options): [options.path]
        case .idx(let options): [options.images, options.labels, options.testImages, options.testLabels].compactMap { $0 }
        }
    }
}
