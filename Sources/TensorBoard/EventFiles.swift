public import Diagnostics
import Foundation
import SwiftProtobuf

/// Reads TensorBoard event files (`events.out.tfevents.*`) into `EventLog`s.
///
/// A file is TFRecord framing (`TFRecord`) around `tensorflow.Event` protocol buffers, decoded
/// with swift-protobuf from the types generated in `Generated/` (see `Proto/README.md`).
public enum EventFiles {
    /// Scalar-only event files are kilobytes; 1 GiB is far above any and keeps a wrong path
    /// (a device, a huge unrelated file) from filling memory.
    public static let sizeLimit = 1 << 30

    /// Whether a file name is an event file's, as TensorBoard decides it: the name holds
    /// `tfevents` (`events.out.tfevents.1732612345.host.123.0`, tensorboardX's and Keras's too).
    public static func isEventFileName(_ name: String) -> Bool {
        name.contains("tfevents")
    }

    /// One event file.
    ///
    /// Throws an `InputError` located at the file for a missing or unreadable file, a record
    /// whose checksum is wrong, or a record that is not an `Event`; a last record cut short is
    /// a warning.
    public static func read(file path: String) throws(InputError) -> EventLog {
        var reader = Reader()
        try reader.read(path: path, prefix: "")
        return reader.log
    }

    /// A run folder: its event files and those of its sub-folders (at any depth), merged into
    /// one log, series of sub-folders named with their path (see `EventLog.scalars`).
    ///
    /// Throws one `InputError` listing every file that could not be read (see `read(file:)`),
    /// or saying the folder holds no event file.
    public static func read(folder path: String) throws(InputError) -> EventLog {
        let files = try eventFiles(under: path)
        guard !files.isEmpty else {
            throw InputError("no TensorBoard event files (events.out.tfevents.*) in \(quoted(path)) or its sub-folders")
        }
        var reader = Reader()
        var problems = InputErrorCollector()
        for relative in files {
            let folder = (relative as NSString).deletingLastPathComponent
            let full = (path as NSString).appendingPathComponent(relative)
            problems.attempt { () throws(InputError) in
                try reader.read(path: full, prefix: folder.isEmpty ? "" : folder + "/")
            }
        }
        try problems.check()
        return reader.log
    }

    /// The event files in `folder` and its sub-folders, as paths relative to it: the folder's
    /// own first, then each sub-folder's, sorted by name (event file names begin with the time
    /// they were started, so a folder's files come in the order they were written).
    /// Symbolic links to folders are followed once; hidden entries are skipped.
    public static func eventFiles(under folder: String) throws(InputError) -> [String] {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: folder, isDirectory: &isFolder) else {
            throw InputError("cannot read \(quoted(folder)): no such folder")
        }
        guard isFolder.boolValue else { throw InputError("cannot read \(quoted(folder)): it is a file, not a folder") }
        var found: [String] = []
        var visited: Set<String> = []
        var pending: [String] = [""]
        while !pending.isEmpty {
            let relative = pending.removeFirst()
            let full = relative.isEmpty ? folder : (folder as NSString).appendingPathComponent(relative)
            let real = (full as NSString).resolvingSymlinksInPath
            guard visited.insert(real).inserted else { continue }
            let names: [String]
            do {
                names = try manager.contentsOfDirectory(atPath: full).sorted()
            } catch {
                throw InputError("cannot read the folder \(quoted(full)): \(systemErrorText(error) ?? "read error")")
            }
            var subfolders: [String] = []
            for name in names where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : relative + "/" + name
                var entryIsFolder: ObjCBool = false
                guard manager.fileExists(atPath: (full as NSString).appendingPathComponent(name), isDirectory: &entryIsFolder) else {
                    continue  // a dangling link
                }
                if entryIsFolder.boolValue {
                    subfolders.append(path)
                } else if isEventFileName(name) {
                    found.append(path)
                }
            }
            pending += subfolders
        }
        return found
    }

    /// The log of one file's bytes (`file` names it in messages); what `read(file:)` does
    /// after reading the file.
    public static func decode(_ bytes: [UInt8], file: String) throws(InputError) -> EventLog {
        var reader = Reader()
        try reader.decode(bytes, file: file, prefix: "")
        return reader.log
    }
}

/// Decodes event files one after another into one log, remembering across them which plugin
/// each series belongs to (TensorBoard writes a tag's metadata on its first value only).
struct Reader {
    var log = EventLog()
    /// The plugin named by each series' first metadata ("scalars", "hparams", …).
    var plugins: [String: String] = [:]
    /// Series already warned about, so that each is warned about once.
    var warned: Set<String> = []
    /// Which file each hyperparameter came from, for the disagreement warning.
    var hparamSources: [String: String] = [:]

    mutating func read(path: String, prefix: String) throws(InputError) {
        let data: Data
        do {
            data = try UserFile.read(path, limit: EventFiles.sizeLimit)
        } catch {
            var located = error
            located.location = located.location ?? SourceLocation(file: path, line: 1, column: 1)
            throw located
        }
        try decode([UInt8](data), file: path, prefix: prefix)
    }

    mutating func decode(_ bytes: [UInt8], file: String, prefix: String) throws(InputError) {
        log.files.append(file)
        let (records, truncation) = try TFRecord.records(in: bytes, file: file)
        if records.isEmpty && truncation == nil {
            log.warnings.append("\(quoted(file)) holds no records (an event file just created?)")
        }
        for record in records {
            let event: Tensorflow_Event
            do {
                event = try Tensorflow_Event(serializedBytes: record.data)
            } catch {
                throw InputError("the record at byte \(record.offset) is not a TensorFlow Event message "
                                 + "(its checksums match, so this is not a TensorBoard event file)",
                                 at: SourceLocation(file: file, line: 1, column: 1))
            }
            switch event.what {
            case .fileVersion(let version)?:
                if !version.hasPrefix("brain.Event:") {
                    log.warnings.append("\(quoted(file)) says it is \(quoted(version)), not a \"brain.Event:\" file; read it all the same")
                }
            case .summary(let summary)?:
                for value in summary.value { take(value, event: event, file: file, prefix: prefix) }
            case nil:
                break
            }
        }
        if let truncation { log.warnings.append(truncation) }
    }

    mutating func take(_ value: Tensorflow_Summary.Value, event: Tensorflow_Event, file: String, prefix: String) {
        let key = prefix + value.tag
        if value.hasMetadata, value.metadata.hasPluginData {
            let plugin = value.metadata.pluginData.pluginName
            plugins[key] = plugin
            if plugin == "hparams" { takeHParams(value.metadata.pluginData.content, file: file) }
        }
        let point: Double
        switch value.value {
        case .simpleValue(let simple)?:
            point = Double(simple)
        case .tensor(let tensor)?:
            let plugin = plugins[key] ?? ""
            guard plugin == "scalars" || plugin.isEmpty else { return }  // histograms, text, hparams…
            guard let scalar = TensorScalar.value(of: tensor) else {
                if plugin == "scalars" && warned.insert(key).inserted {
                    log.warnings.append("\(quoted(file)): the scalar series \(quoted(key)) has a value that is not "
                                        + "a single number (\(TensorScalar.describe(tensor))); skipped such values")
                }
                return
            }
            point = scalar
        case nil:
            return  // images, histograms, audio: not read here
        }
        log.scalars[key, default: []].append(
            EventLog.Scalar(step: Int(clamping: event.step), wallTime: event.wallTime, value: point))
    }

    mutating func takeHParams(_ content: Data, file: String) {
        let data: Tensorboard_Hparams_HParamsPluginData
        do {
            data = try Tensorboard_Hparams_HParamsPluginData(serializedBytes: content)
        } catch {
            log.warnings.append("\(quoted(file)): hparams plugin data that does not decode; skipped")
            return
        }
        guard case .sessionStartInfo(let start)? = data.data else { return }
        for name in start.hparams.keys.sorted() {
            guard let value = start.hparams[name], let text = Self.text(of: value) else { continue }
            if let known = log.hparams[name] {
                if known != text {
                    let source = hparamSources[name] ?? "an earlier file"
                    log.warnings.append("hparam \(quoted(name)) is \(quoted(known)) in \(quoted(source)) but "
                                        + "\(quoted(text)) in \(quoted(file)); kept \(quoted(known))")
                }
            } else {
                log.hparams[name] = text
                hparamSources[name] = file
            }
        }
    }

    /// A hyperparameter's value as text; nil for a null (torch skips `None` values anyway).
    static func text(of value: Google_Protobuf_Value) -> String? {
        switch value.kind {
        case .numberValue(let number)?:
            if number.rounded() == number, abs(number) < 9.0e15 { return String(Int64(number)) }
            return String(number)
        case .stringValue(let string)?:
            return string
        case .boolValue(let flag)?:
            return flag ? "true" : "false"
        case .nullValue?, nil:
            return nil
        case .listValue, .structValue:
            return (try? value.jsonString()) ?? nil
        }
    }
}
