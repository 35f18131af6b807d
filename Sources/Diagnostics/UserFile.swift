public import Foundation

/// Reading a file the user named (a sweep, a schedule file, a pipeline.config): one clear
/// problem for a path that is missing, a folder, unreadable or too large, instead of reading
/// whatever is there (`/dev/zero` never ends, a 10 GB file is not a config).
public enum UserFile {
    /// Sweep files, schedule files and pipeline.configs are text of a few kilobytes; 16 MiB is
    /// far above any real one and keeps a wrong path from filling memory.
    public static let textLimit = 16 << 20

    /// The bytes of `path`, at most `limit` of them.
    public static func read(_ path: String, limit: Int = textLimit) throws(InputError) -> Data {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw InputError("cannot read \(quoted(path)): no such file")
        }
        guard !isFolder.boolValue else { throw InputError("cannot read \(quoted(path)): it is a folder, not a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError("cannot read \(quoted(path)): permission denied")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw InputError("cannot read \(quoted(path)): \(systemErrorText(error) ?? "read error")")
        }
        guard data.count <= limit else {
            throw InputError("cannot read \(quoted(path)): larger than \(limit >> 20) MiB, too large for this kind of file")
        }
        return data
    }

    /// The text of `path` (UTF-8), at most `limit` bytes.
    public static func text(_ path: String, limit: Int = textLimit) throws(InputError) -> String {
        let data = try read(path, limit: limit)
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("\(quoted(path)) is not UTF-8 text", at: SourceLocation(file: path, line: 1, column: 1))
        }
        return text
    }
}
