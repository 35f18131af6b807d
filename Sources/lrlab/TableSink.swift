import AtomicFiles
import Diagnostics
import Foundation

/// Where `lrlab schedule` writes a CSV or JSON table piece by piece: standard output, or a file
/// that appears under its name only once complete (written beside it, then renamed).
final class TableSink {
    private let handle: FileHandle
    private let path: String?
    private let partial: String?

    /// Standard output.
    init() {
        handle = FileHandle.standardOutput
        path = nil
        partial = nil
    }

    /// A new file at `path` (replaced if it exists once `finish()` is called).
    init(path: String) throws(InputError) {
        // A fresh name beside `path` (`AtomicFile`'s), so no file of the user's is touched.
        let partial = AtomicFile.temporaryPath(for: path)
        guard FileManager.default.createFile(atPath: partial, contents: nil),
              let handle = FileHandle(forWritingAtPath: partial) else {
            throw InputError("cannot write '\(path)': the file cannot be created")
        }
        self.handle = handle
        self.path = path
        self.partial = partial
    }

    /// Appends `text`.
    func write(_ text: String) throws(InputError) {
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw InputError("cannot write \(path.map(quoted) ?? "standard output"): \(plainText(error))")
        }
    }

    /// Closes a file and moves it to its name; nothing for standard output.
    func finish() throws(InputError) {
        guard let path, let partial else { return }
        do {
            try handle.close()
        } catch {
            throw InputError("cannot write \(quoted(path)): \(plainText(error))")
        }
        guard rename(partial, path) == 0 else {
            try? FileManager.default.removeItem(atPath: partial)
            throw InputError("cannot write '\(path)': renaming '\(partial)' failed")
        }
    }

    /// Closes and removes an unfinished file (after an error); nothing for standard output.
    func discard() {
        guard let partial else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: partial)
    }
}
