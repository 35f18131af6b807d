import Diagnostics
import Foundation

/// Reading a user's data file whole, gunzipping it when it starts with the gzip magic number.
enum FileBytes {
    /// The file's bytes (decompressed if gzip, at most `Gzip.maxOutputBytes`). `displayPath`
    /// names it in errors; `inspect` sees the first inflated bytes of a compressed file (see
    /// `Gzip.decompress`), so a reader can stop a bad or oversized file early.
    /// `limit` caps the inflated size of a compressed file (a CSV reader passes
    /// `DataLimits.maxFileBytes`: its text and its table are in memory at once).
    static func read(_ path: String, displayPath: String, limit: Int = Gzip.maxOutputBytes,
                     inspect: ([UInt8]) throws(InputError) -> Gzip.Expectation = { _ in .any }) throws(InputError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError("cannot read \(quoted(displayPath)): no such file")
        }
        guard !isDirectory.boolValue else { throw InputError("cannot read \(quoted(displayPath)): it is a folder") }
        guard let bytes = contents(path) else {
            throw InputError("cannot read \(quoted(displayPath)): permission denied or not readable")
        }
        return Gzip.isCompressed(bytes) ? try Gzip.decompress(bytes, path: displayPath, limit: limit, inspect: inspect) : bytes
    }

    /// The file's bytes read straight into one array (no `Data` copy beside it, so a file takes
    /// its size once); nil when it cannot be opened. Files that report no size (pipes) are read
    /// by Foundation.
    static func contents(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return nil }
        let size = Int(status.st_size)
        guard size > 0, (status.st_mode & S_IFMT) == S_IFREG else {
            return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
        }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let n = Foundation.read(fd, buffer.baseAddress! + done, size - done)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { failed = n < 0; break }
                done += n
            }
            count = done
        }
        return failed ? nil : bytes
    }
}
