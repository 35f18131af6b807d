public import Foundation

/// Files that belong together (a report's charts, tables and pages), replaced all at once or not
/// at all: `stage` writes each to a temporary name beside its destination, `commit` renames them
/// all, in the order staged, only after every one was written. A failed `stage` (a full disk) or
/// a batch dropped without `commit` removes the temporaries, and the previous files stay as they
/// were. Not thread-safe: one batch belongs to one writer.
public final class FileBatch {
    private var staged: [(temporary: String, path: String)] = []
    private var committed = false

    public init() {}

    /// The destinations staged so far, in order.
    public var paths: [String] { staged.map(\.path) }

    /// Writes `data` to a temporary file beside `path`. On failure every temporary of the batch
    /// is removed and the batch is empty.
    public func stage(_ data: Data, to path: String) throws(AtomicWriteError) {
        precondition(!committed, "FileBatch reused after commit")
        do {
            let temporary = try AtomicFile.writeTemporary(data, for: path)
            staged.append((temporary, path))
        } catch {
            discard()
            throw error
        }
    }

    /// Renames every staged file over its destination, in the order staged. A rename that fails
    /// (it needs no space, so this is rare) removes the temporaries not yet renamed.
    public func commit() throws(AtomicWriteError) {
        committed = true
        var rest = staged[...]
        staged = []
        while let (temporary, path) = rest.popFirst() {
            do {
                try AtomicFile.rename(temporary, to: path)
            } catch {
                for (left, _) in rest { unlink(left) }
                throw error
            }
        }
    }

    /// Removes every staged temporary; the destinations are untouched.
    public func discard() {
        for (temporary, _) in staged { unlink(temporary) }
        staged = []
    }

    deinit { discard() }
}
