import Foundation

/// Folders the tests read, found from this file's `#filePath` (`Tests/TestSupport/` in the package),
/// so they work in any checkout or worktree, never by an absolute path.
public enum PackagePaths {
    /// The package root: the folder of `Package.swift`.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// `Tests/Fixtures`: sweep files, data and reference values kept with the tests.
    public static let fixtures = root + "/Tests/Fixtures"

    /// `../shared`, beside the package: the golden schedule values and configs, the gallery data,
    /// the benchmark scripts and their results.
    public static let shared = URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent("shared").path
}
