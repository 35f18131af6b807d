public import Datasets
import Foundation

/// The `data` block, resolved: the source, how it is split and scaled.
public struct DataSpec: Sendable, Hashable {
    /// The source and its options.
    public var dataset: DataSource
    /// Fraction of each class held out for testing, for sources without their own test part.
    public var testFraction: Double
    /// "none" | "standardize" | "minmax", fitted on the training part.
    public var scaling: FeatureScaling
    /// Seed of the train/test split, shared by every run of the sweep.
    public var seed: UInt64
    /// Fraction of each class of the training part held out for validation; nil: none.
    public var validationFraction: Double?
    /// The folder relative data paths resolve against (the sweep file's). Not part of the
    /// run's identity, so a sweep folder can move without invalidating finished runs.
    public var folder: String = ""
    /// A hash of the data files' contents (csv, idx): editing a file changes every run's id, so
    /// a resumed sweep retrains instead of reusing runs made from the old data. nil for built-in data.
    public var contentHash: String?

    /// `path` resolved against `folder` (absolute paths and `~` as they are).
    public func resolve(_ path: String) -> String { Self.resolve(path, in: folder) }

    /// `path` resolved against `folder` (absolute paths and `~` as they are; `folder` "" is the
    /// working directory).
    static func resolve(_ path: String, in folder: String) -> String {
        let expanded = NSString(string: path).expandingTildeInPath
        if expanded.hasPrefix("/") || folder.isEmpty { return expanded }
        return folder.hasSuffix("/") ? folder + expanded : folder + "/" + expanded
    }
}
