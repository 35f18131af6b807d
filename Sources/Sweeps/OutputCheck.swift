import Diagnostics
import Foundation
public import Results

/// Whether lrlab will be able to write into an output folder, checked before anything slow
/// (loading data, training) and without creating anything.
public enum OutputCheck {
    /// Throws when `directory` (which need not exist yet) could not be created or written:
    /// a part of the path is a file, or the nearest existing folder is not writable.
    public static func writable(_ directory: String) throws(StoreError) {
        let fm = FileManager.default
        let shown = quoted(directory)
        guard !directory.isEmpty else { throw StoreError("the output folder must not be an empty path") }
        var path = URL(fileURLWithPath: directory).standardizedFileURL.path
        while true {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else {
                    throw StoreError("cannot write to \(shown): \(quoted(path)) is a file, not a folder")
                }
                guard fm.isWritableFile(atPath: path), fm.isExecutableFile(atPath: path) else {
                    throw StoreError("cannot write to \(shown): permission denied in \(quoted(path))")
                }
                return
            }
            let parent = (path as NSString).deletingLastPathComponent
            guard parent != path, !parent.isEmpty else { return }
            path = parent
        }
    }
}
