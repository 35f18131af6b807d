import Formatting
public import Diagnostics
import Foundation

/// Reads a CSV file of numbers plus one label column into a `Dataset`.
///
/// Every cell except the label must be a finite decimal number (read as `Float`); labels may
/// be any text or integers. Classes are the distinct labels in sorted order (numerically
/// when every label is an integer, else by text), numbered from 0. `.gz` files are
/// decompressed. Problems are `InputError`s at `FILE:LINE:COLUMN`.
public enum CSVDataset {
    /// Loads `options.path` as given (the caller resolves relative paths); `displayPath`
    /// names the file in errors (defaults to the path).
    public static func load(_ options: CSVOptions, displayPath: String? = nil) throws(InputError) -> Dataset {
        let shown = displayPath ?? options.path
        try DataLimits.checkFileSize(options.path, displayPath: shown)
        let bytes = try FileBytes.read(options.path, displayPath: shown, limit: DataLimits.maxFileBytes, inspect: { (prefix: [UInt8]) throws(InputError) in
            try textCheck(prefix, path: shown)
        })
        return try parse(bytes, options: options, path: shown)
    }

    /// Bytes of a compressed CSV file looked at before the rest is inflated.
    static let inspectedBytes = 1 << 16

    /// For `Gzip.decompress`: CSV is text, so a NUL byte in the first 64 KB means binary data
    /// (a bomb of zeros, an IDX file): stop before inflating the rest.
    static func textCheck(_ prefix: [UInt8], path: String) throws(InputError) -> Gzip.Expectation {
        let head = prefix.prefix(inspectedBytes)
        if let nul = head.firstIndex(of: 0) {
            var line = 1, lineStart = 0
            for (i, byte) in head[..<nul].enumerated() where byte == 0x0A { line += 1; lineStart = i + 1 }
            throw InputError("\(quoted(path)) is not CSV text: it holds a NUL byte (binary data)",
                             at: SourceLocation(file: path, line: line, column: nul - lineStart + 1))
        }
        return prefix.count >= inspectedBytes ? .any : .needMore
    }

    /// Parses CSV bytes; `path` names the file in errors and the dataset's name.
    static func parse(_ bytes: [UInt8], options: CSVOptions, path: String,
                      maxValues: Int = DataLimits.maxValues) throws(InputError) -> Dataset {
        let scanner = CSVScanner(bytes: bytes, path: path)
        var names: [String]?
        var width = 0, labelColumn = 0
        var features: [Float] = []
        var labelTexts: [String] = []
        var labelOfText: [String: Int] = [:]
        var rowLabels: [Int32] = []  // 4 bytes a row: a one-feature table holds as many labels as values
        var first = true

        try scanner.forEachRecord { (fields: [CSVField]) throws(InputError) in
            if first {
                first = false
                width = fields.count
                if options.header { names = fields.map { scanner.text($0).trimmingCharacters(in: .whitespaces) } }
                labelColumn = try resolveLabel(options.label, names: names, width: width,
                                               at: SourceLocation(file: path, line: fields[0].line, column: 1))
                if options.header { return }
            }
            guard fields.count == width else {
                let place = fields.count > width ? fields[width] : fields[fields.count - 1]
                var location = scanner.location(place)
                if fields.count < width { location.column = scanner.column(of: place.range.upperBound, lineStart: place.lineStart) + (place.quoted ? 1 : 0) }
                throw InputError("this row has \(fields.count) field\(fields.count == 1 ? "" : "s"), the first row has \(width)", at: location)
            }
            if rowLabels.count >= DataLimits.maxRows {
                throw InputError("the table passes \(NumberText.count(DataLimits.maxRows)) rows at this row; lrlab loads at most that many per dataset",
                                 at: SourceLocation(file: path, line: fields[0].line, column: 1))
            }
            if features.count + width - 1 > maxValues {
                throw InputError("the table passes \(NumberText.count(maxValues)) feature values (\(NumberText.bytes(maxValues * 4)) as Float) at this row; lrlab loads at most that many per dataset",
                                 at: SourceLocation(file: path, line: fields[0].line, column: 1))
            }
            for (index, field) in fields.enumerated() {
                if index == labelColumn {
                    let text = scanner.text(field).trimmingCharacters(in: .whitespaces)
                    guard !text.isEmpty else { throw InputError("empty label in \(describe(index, names))", at: scanner.location(field)) }
                    if let known = labelOfText[text] { rowLabels.append(Int32(known)) } else {
                        labelOfText[text] = labelTexts.count
                        rowLabels.append(Int32(labelTexts.count))
                        labelTexts.append(text)
                    }
                } else {
                    guard let value = number(bytes, field) else {
                        let text = scanner.text(field)
                        let what = text.trimmingCharacters(in: .whitespaces).isEmpty ? "an empty cell" : "\(quoted(text.prefix(40)))"
                        throw InputError("\(what) in \(describe(index, names)) is not a number (every column except the label must be numeric)",
                                         at: scanner.location(field))
                    }
                    features.append(value)
                }
            }
        }
        let start = SourceLocation(file: path, line: 1, column: 1)
        guard !first else { throw InputError("the file is empty", at: start) }
        guard !rowLabels.isEmpty else { throw InputError("the file has a header but no data rows", at: start) }
        guard width >= 2 else { throw InputError("the file needs at least one feature column besides the label", at: start) }
        guard labelTexts.count >= 2 else {
            throw InputError("\(describe(labelColumn, names)) has only one class (\(quoted(labelTexts.first ?? ""))); at least 2 are needed", at: start)
        }
        // Classes in sorted order: numerically when every label is an integer.
        let integers = labelTexts.compactMap { Int($0) }
        let sorted: [Int] = integers.count == labelTexts.count
            ? labelTexts.indices.sorted { integers[$0] < integers[$1] }
            : labelTexts.indices.sorted { labelTexts[$0] < labelTexts[$1] }
        var classOf = [Int32](repeating: 0, count: labelTexts.count)
        for (rank, index) in sorted.enumerated() { classOf[index] = Int32(rank) }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return Dataset(name: name.isEmpty ? "csv" : name, features: features, labels: rowLabels.map { classOf[Int($0)] },
                       featureCount: width - 1, classCount: labelTexts.count)
    }

    /// The 0-based label column.
    static func resolveLabel(_ label: CSVOptions.LabelColumn?, names: [String]?, width: Int,
                             at location: SourceLocation) throws(InputError) -> Int {
        switch label {
        case nil:
            return names?.firstIndex(of: "label") ?? width - 1
        case .index(let index):
            guard index >= 0, index < width else {
                throw InputError("label column \(index) does not exist: the file has \(width) columns (0…\(width - 1))", at: location)
            }
            return index
        case .name(let name):
            guard let names else {
                throw InputError("label column \(quoted(name)) needs a header row (header: true), or give its 0-based index", at: location)
            }
            guard let index = names.firstIndex(of: name) else {
                let suggestion = closestMatch(to: name, among: names)
                throw InputError("no column is named \(quoted(name)); the header has \(names.prefix(8).map { "\(quoted($0))" }.joined(separator: ", "))\(names.count > 8 ? ", …" : "")",
                                 at: location, suggestion: suggestion)
            }
            return index
        }
    }

    static func describe(_ column: Int, _ names: [String]?) -> String {
        if let names, column < names.count, !names[column].isEmpty { return "column \(column + 1) (\(quoted(names[column])))" }
        return "column \(column + 1)"
    }

    /// A finite `Float` from the field's bytes (spaces around it allowed), or nil.
    static func number(_ bytes: [UInt8], _ field: CSVField) -> Float? {
        var lower = field.range.lowerBound, upper = field.range.upperBound
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        guard lower < upper, upper - lower <= 64 else { return nil }
        for byte in bytes[lower..<upper] {
            // Digits, sign, point and exponent only: no "nan", "inf" or hexadecimal.
            guard (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2D || byte == 0x2B || byte == 0x65 || byte == 0x45 else { return nil }
        }
        guard let value = Float(String(decoding: bytes[lower..<upper], as: UTF8.self)), value.isFinite else { return nil }
        return value
    }
}
