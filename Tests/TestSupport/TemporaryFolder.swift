import Foundation

/// A path in the system's temporary folder, `<label>-<UUID>`, that nothing uses yet; not created,
/// for code under test that makes its own folder or file there.
public func temporaryPath(_ label: String = "lrlab-test") -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)").path
}

/// A fresh, empty folder in the system's temporary folder, `<label>-<UUID>`, for one test's files.
public func temporaryFolder(_ label: String = "lrlab-test") throws -> String {
    let path = temporaryPath(label)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
