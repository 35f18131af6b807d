import AtomicFiles
import Diagnostics
import Foundation
import Results

/// Which folders lrlab may write its report into, so that it never overwrites a file it did not write.
///
/// An output folder holds a marker, `.lrlab`, written the first time lrlab writes there. With the
/// marker, the report's files (`index.html`, `report.md`, `findings.json`, `results.csv`,
/// `results.json`, `charts/*.png|svg`, `lr-find/…`) are lrlab's and are replaced. Without it, the
/// folder is taken when none of those files exists (a new or empty folder, or one with only `runs/`),
/// or when it is an output folder of an earlier lrlab (which wrote no marker): it has a `runs/`
/// folder and its `index.html` carries lrlab's `<meta name="generator" content="lrlab">`, or, with no
/// `index.html` (`--no-report`), its `results.csv` starts with lrlab's header; a folder holding only
/// range tests is recognised by its `lr-find/bs-*.json` records. Anything else is refused, naming
/// the first such file, before anything is trained or written.
public enum OutputFolder {
    public static let markerName = ".lrlab"
    static let markerText = """
        lrlab output folder
        lrlab wrote this folder's index.html, report.md, findings.json, results.csv, results.json, charts/ and
        lr-find/, and replaces them when it writes the report again. Delete this file and lrlab will no
        longer write here unless those files are gone.

        """

    /// The report files at the top of an output folder, in the order a refusal names them.
    public static let topLevelFiles = ["index.html", "report.md", "results.csv", "results.json", "findings.json"]

    /// Throws when lrlab must not write its report into `directory` (see the type's comment). Reads only.
    public static func check(_ directory: String) throws(OutputFolderError) {
        guard !directory.isEmpty else { throw OutputFolderError("the output path is empty; give a folder name") }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw OutputFolderError("\(quoted(directory)) is a file, not a folder; give a folder for the output")
        }
        let marker = path(directory, markerName)
        if fm.fileExists(atPath: marker) {
            guard hasMarker(directory) else {
                throw OutputFolderError("\(quoted(marker)) was not written by lrlab; lrlab never overwrites files it did not write (move it away or choose another folder with -o)")
            }
            return
        }
        let present = reportFiles(in: directory)
        guard let first = present.first else { return }
        if isEarlierOutput(directory) { return }
        let file = path(directory, first)
        throw OutputFolderError("\(quoted(file)) was not written by lrlab; lrlab never overwrites files it did not write (move it away or choose another folder with -o)")
    }

    /// `check`, then creates the folder, writes the marker when it is missing and removes temporary
    /// files left by killed lrlab processes (see `AtomicFile.removeStaleTemporaries`).
    public static func claim(_ directory: String) throws(OutputFolderError) {
        try check(directory)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputFolderError("cannot create \(quoted(directory)): \(systemErrorText(error) ?? "\(error)")")
        }
        if !hasMarker(directory) {
            do {
                try AtomicFile.write(Data(markerText.utf8), to: path(directory, markerName))
            } catch {
                throw OutputFolderError(error.description)
            }
        }
        for folder in [directory, path(directory, "charts"), RangeTestRecord.folder(in: directory)] {
            AtomicFile.removeStaleTemporaries(in: folder)
        }
    }

    static func hasMarker(_ directory: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path(directory, markerName)) else { return false }
        return String(decoding: data.prefix(64), as: UTF8.self).hasPrefix("lrlab output folder")
    }

    /// The report files present in `directory`, relative to it, in the order a refusal names them.
    static func reportFiles(in directory: String) -> [String] {
        let fm = FileManager.default
        var found = topLevelFiles.filter { fm.fileExists(atPath: path(directory, $0)) }
        let charts = (try? fm.contentsOfDirectory(atPath: path(directory, "charts"))) ?? []
        found += charts.filter { $0.hasSuffix(".png") || $0.hasSuffix(".svg") }.sorted().map { "charts/" + $0 }
        let tests = (try? fm.contentsOfDirectory(atPath: RangeTestRecord.folder(in: directory))) ?? []
        found += tests.filter(isRangeTestFile).sorted().map { "lr-find/" + $0 }
        return found
    }

    static func isRangeTestFile(_ name: String) -> Bool {
        name == "lr-find.png" || name == "lr-find.svg"
            || (name.hasPrefix("bs-") && (name.hasSuffix(".json") || name.hasSuffix(".csv")))
    }

    /// An output folder of an lrlab from before the marker (see the type's comment).
    static func isEarlierOutput(_ directory: String) -> Bool {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let hasRuns = fm.fileExists(atPath: path(directory, "runs"), isDirectory: &isDirectory) && isDirectory.boolValue
        if hasRuns {
            if let page = fm.contents(atPath: path(directory, "index.html")) {
                return String(decoding: page.prefix(4096), as: UTF8.self).contains(generatorTag)
            }
            if let table = fm.contents(atPath: path(directory, "results.csv")) {
                return String(decoding: table.prefix(200), as: UTF8.self)
                    .hasPrefix(ResultsTable.requiredColumns.prefix(8).joined(separator: ","))
            }
        }
        // Only range tests (`lrlab lr-find` before any run): every bs-*.json must be one.
        let present = reportFiles(in: directory)
        guard present.allSatisfy({ $0.hasPrefix("lr-find/") }) else { return false }
        let records = (try? RangeTestRecord.loadAll(from: RangeTestRecord.folder(in: directory))) ?? []
        return !records.isEmpty
            && present.filter { $0.hasSuffix(".json") }.count == records.count
    }

    /// What every lrlab `index.html` carries (the built-in template's `<meta name="generator">`).
    static let generatorTag = "<meta name=\"generator\" content=\"lrlab"

    static func path(_ directory: String, _ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }
}

/// lrlab may not write into a folder: it holds files lrlab did not write, or is not a folder.
public struct OutputFolderError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
