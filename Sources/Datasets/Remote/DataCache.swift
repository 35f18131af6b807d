public import Foundation

/// Where downloaded data sets live: `$XDG_CACHE_HOME/lrlab/<name>/`, or `~/.cache/lrlab/<name>/`.
public struct DataCache: Sendable {
    public var root: String

    public init(root: String) { self.root = root }

    /// The user's cache, from the environment.
    public static func user(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> DataCache {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return DataCache(root: (xdg as NSString).appendingPathComponent("lrlab"))
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return DataCache(root: ((home as NSString).appendingPathComponent(".cache") as NSString).appendingPathComponent("lrlab"))
    }

    public func folder(_ dataset: NamedDataset) -> String {
        (root as NSString).appendingPathComponent(dataset.rawValue)
    }

    public func path(_ dataset: NamedDataset, _ file: NamedDataset.RemoteFile) -> String {
        (folder(dataset) as NSString).appendingPathComponent(file.name)
    }

    /// Whether every file of `dataset` is in the cache (present; checksums are checked when they were written).
    public func has(_ dataset: NamedDataset) -> Bool {
        dataset.files.allSatisfy { FileManager.default.fileExists(atPath: path(dataset, $0)) }
    }
}
