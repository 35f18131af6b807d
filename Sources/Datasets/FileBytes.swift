import Diagnostics
import Foundation

/// Reading a user's data file whole, gunzipping it when it starts with the gzip magic number.
enum FileBytes {
    /// The file's bytes (decompressed if gzip). `displayPath` names it in errors.
    static func read(_ path: String, displayPath: String) throws(InputError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError("cannot read \(quoted(displayPath)): no such file")
        }
        guard !isDirectory.boolValue else { throw InputError("cannot read \(quoted(displayPath)): it is a folder") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("cannot read \(quoted(displayPath)): permission denied or not readable")
        }
        let bytes = [UInt8](data)
        return Gzip.isCompressed(bytes) ? try Gzip.decompress(bytes, path: displayPath) : bytes
    }
}
