import ArgumentParser
import AtomicFiles
import Charts
import Diagnostics
import Foundation
import Reports

/// The help text of `-o/--output` for one command: what it writes there and the default.
protocol OutputHelp {
    static var text: String { get }
}

/// `-o/--output PATH`, shared by the commands that write files; `Help` words it for each.
/// An empty path (`-o ''`, `-o "$OUT"` with OUT unset) is refused: it is never the current folder.
struct OutputOption<Help: OutputHelp>: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp(Help.text, valueName: "output"))
    var path: String?

    func validate() throws {
        if let path { try requireNonEmptyPath(path, what: "-o/--output") }
    }
}

/// Refuses an empty (or all-blank) path given for `what`: lrlab never takes it for the current folder.
func requireNonEmptyPath(_ path: String, what: String) throws {
    if path.allSatisfy(\.isWhitespace) {
        throw ValidationError("\(what) is empty; give a path (an empty path is never taken for the current folder)")
    }
}

/// `OutputFolder.check` as an input error: a folder with files lrlab did not write is refused
/// before anything is trained or written.
func checkOutputFolder(_ directory: String) throws(InputError) {
    do {
        try OutputFolder.check(directory)
    } catch {
        throw InputError(error.description)
    }
}

/// `OutputFolder.claim` (check, create, mark) as an input error.
func claimOutputFolder(_ directory: String) throws(InputError) {
    do {
        try OutputFolder.claim(directory)
    } catch {
        throw InputError(error.description)
    }
}

/// Refuses to replace `path` when it exists and lrlab did not write it (`lrlab schedule -o`): only a
/// chart lrlab drew (`ChartSignature`) or a schedule table it printed (a `step,learning_rate` CSV,
/// a JSON object starting with `"library"`) is replaced; a folder is refused too.
func refuseForeignFile(_ path: String) throws(InputError) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
    guard !isDirectory.boolValue else { throw InputError("\(quoted(path)) is a folder; give a file name for -o") }
    let handle = try? FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    let data = ((try? handle?.read(upToCount: 512)) ?? nil) ?? Data()
    var tail = Data()
    if data.starts(with: Array("%PDF-".utf8)), let handle, let end = try? handle.seekToEnd() {
        try? handle.seek(toOffset: end - min(end, UInt64(ChartSignature.pdfTailLength)))
        tail = ((try? handle.readToEnd()) ?? nil) ?? Data()
    }
    try? handle?.close()
    let text = String(decoding: data, as: UTF8.self)
    if ChartSignature.isLrlabChart(data, tail: tail) || text.hasPrefix("step,learning_rate\n") || text.hasPrefix("{\"library\": ") {
        return
    }
    throw InputError("\(quoted(path)) exists and was not written by lrlab; lrlab never overwrites files it did not write (move it away or choose another -o)")
}
