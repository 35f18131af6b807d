import Formatting
import Diagnostics
import Foundation

/// How much data lrlab loads, checked before the memory is taken: a data file's size before it
/// is read, an IDX header's sizes before the file is, a CSV table's values as they are scanned.
///
/// Loading holds the features about three times at its peak (the table, its train/test parts,
/// and their scaled copies), plus the file's bytes while it is parsed, so a table at the limit
/// needs about 3 GiB for a moment and 1 GiB once loaded.
public enum DataLimits {
    /// Most feature values one dataset (one source, all its rows) holds: 2²⁸, 1 GiB as `Float`
    /// (MNIST's training images are 47 million, CIFAR-10's 154 million).
    public static let maxValues = 1 << 28
    /// Most rows one dataset holds: 10,000,000, as for synthetic data. Splitting keeps about 30
    /// bytes per row of indices and labels besides the features, so a table of one feature at
    /// `maxValues` would need several GiB to split.
    public static let maxRows = 10_000_000
    /// Largest data file read (plain, or the compressed file of a `.gz`): 1 GiB. A CSV file of
    /// `maxValues` numbers is at least twice that many bytes, so the table limit is the tighter
    /// one for CSV text of short numbers.
    public static let maxFileBytes = 1 << 30

    /// The problem with a table of `rows × columns` feature values (more than `maxValues`, or
    /// more than `maxRows` rows), or nil when it fits.
    public static func tableProblem(rows: Int, columns: Int) -> String? {
        let (values, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard overflow || values > maxValues else {
            guard rows > maxRows else { return nil }
            return "\(NumberText.count(rows)) rows is more than the \(NumberText.count(maxRows)) rows lrlab loads per dataset"
        }
        let size = overflow ? "too large to count" : "\(NumberText.count(values)) values (\(NumberText.bytes(values.multipliedReportingOverflow(by: 4).overflow ? Int.max : values * 4)) as Float)"
        return "\(NumberText.count(rows)) rows × \(NumberText.count(columns)) features is \(size); lrlab loads at most \(NumberText.count(maxValues)) values (\(NumberText.bytes(maxValues * 4))) per dataset"
    }

    /// Refuses a file larger than `maxFileBytes` before it is read; `displayPath` names it.
    static func checkFileSize(_ path: String, displayPath: String) throws(InputError) {
        guard let size = fileSize(path), size > maxFileBytes else { return }
        throw InputError("\(quoted(displayPath)) is \(NumberText.bytes(size)); lrlab reads data files of at most \(NumberText.bytes(maxFileBytes))",
                         at: SourceLocation(file: displayPath, line: 1, column: 1))
    }

    static func fileSize(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.size].flatMap { ($0 as? NSNumber)?.intValue }
    }

    /// Up to `count` bytes from the start of the file (empty when it cannot be read: the full
    /// read then says why).
    static func prefix(_ path: String, count: Int) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: count)) ?? Data())
    }
}
