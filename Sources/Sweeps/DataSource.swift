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
    /// A data set lrlab downloads by name into the user's cache (`mnist`, `cifar10`…).
    case named(NamedDataset)

    /// The sources without their options, spelled as sweep files write `data.dataset`.
    /// (The setup's JSON writes `dataset` as this raw value, see `DataSpec+Codable.swift`.)
    public enum Kind: String, Sendable, CaseIterable {
        case digits, synthetic, csv, idx
        case mnist, fashionMNIST = "fashion-mnist", kmnist, cifar10

        /// The downloaded data set this kind names, if it is one.
        public var named: NamedDataset? { NamedDataset(rawValue: rawValue) }
    }

    /// Which source this is, without its options.
    public var kind: Kind {
        switch self {
        case .digits: .digits
        case .synthetic: .synthetic
        case .csv: .csv
        case .idx: .idx
        case .named(let dataset): Kind(rawValue: dataset.rawValue) ?? .digits
        }
    }

    /// "digits" | "synthetic" | "csv" | "idx" | "mnist"…, as in `data.dataset`.
    public var name: String { kind.rawValue }

    /// The data files the source reads, as written (relative to the sweep file's folder), in a
    /// fixed order; empty for built-in and generated data.
    public var files: [String] {
        switch self {
        case .digits, .synthetic, .named: []
        case .csv(let options): [options.path]
        case .idx(let options): [options.images, options.labels, options.testImages, options.testLabels].compactMap { $0 }
        }
    }
}
