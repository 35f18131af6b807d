public import Diagnostics
import Foundation

/// Where imported runs get their grid points: hyperparameters the logs carry, a `--pattern` on
/// file and folder names, or a mapping file (`--grid-file`), in that order of precedence (later wins).
public struct GridSource: Sendable {
    /// Grid keys an import may set, with the hyperparameter names (Lightning's `hparams.yaml`,
    /// Keras' logged rate) that mean them; `seed` orders repeats instead.
    public static let hparamNames: [(key: String, names: [String])] = [
        ("train.optimizer", ["optimizer", "optimizer_name", "optim", "opt"]),
        ("train.learning_rate", ["learning_rate", "lr", "base_lr"]),
        ("train.batch_size", ["batch_size", "batch", "bs", "train_batch_size"]),
        ("train.momentum", ["momentum"]),
        ("train.weight_decay", ["weight_decay", "wd"]),
        ("model.hidden", ["hidden", "hidden_size", "hidden_dim"]),
        ("model.activation", ["activation"]),
        ("seed", ["seed", "random_seed"]),
    ]

    /// Every key a pattern or mapping file may name.
    public static var keys: [String] { hparamNames.map(\.key) }

    /// `--pattern`: values in file and folder names.
    public var pattern: NamePattern?
    /// Grid values by run name or path (`--grid-file`).
    public var mapping: [String: [String: String]]

    public init(pattern: NamePattern? = nil, mapping: [String: [String: String]] = [:]) {
        self.pattern = pattern
        self.mapping = mapping
    }

    /// The grid keys and values of `run` (`seed` included), and the hparams no key means.
    public func values(for run: ImportedRun) throws(InputError) -> (values: [String: String], unused: [String]) {
        var values: [String: String] = [:]
        var used: Set<String> = []
        for (key, names) in Self.hparamNames {
            guard let name = names.first(where: { run.hparams[$0] != nil }), let value = run.hparams[name] else { continue }
            values[key] = value
            used.insert(name)
        }
        if let pattern {
            for (key, value) in try pattern.values(in: run.source) { values[key] = value }
        }
        if let mapped = mapping[run.source] ?? mapping[run.name] {
            for (key, value) in mapped { values[key] = value }
        }
        return (values, run.hparams.keys.filter { !used.contains($0) }.sorted())
    }

    /// Reads a grid mapping file: run name (or path) → `{train.batch_size: 64, train.learning_rate: 0.01}`.
    public static func readMapping(_ path: String) throws(InputError) -> [String: [String: String]] {
        let document = try YAMLDocument(contentsOf: path)
        var mapping: [String: [String: String]] = [:]
        for entry in try document.root.mapping() {
            var values: [String: String] = [:]
            for item in try entry.value.mapping(allowedKeys: keys) {
                values[item.key] = try item.value.string()
            }
            mapping[entry.key] = values
        }
        return mapping
    }
}

/// `--pattern 'bs{train.batch_size}_lr{train.learning_rate}'`: literal text and `{key}`
/// placeholders, matched against whole file and folder names (a file's extension left out);
/// a pattern with `/` spans as many trailing path components.
public struct NamePattern: Sendable {
    /// The pattern as the user wrote it.
    public let text: String
    let keys: [String]
    let expression: NSRegularExpression
    let componentCount: Int

    /// Parses `text`; an unknown key or an unclosed brace is an error located in the pattern.
    public init(_ text: String) throws(InputError) {
        self.text = text
        let file = "--pattern \(text)"
        func at(_ offset: Int) -> SourceLocation { SourceLocation(file: file, line: 1, column: offset + 1 + "--pattern ".count) }
        var regex = "^"
        var keys: [String] = []
        var literal = ""
        var chars = Array(text)
        var i = 0
        while i < chars.count {
            if chars[i] == "{" {
                guard let close = chars[i...].firstIndex(of: "}") else { throw InputError("'{' is not closed by '}'", at: at(i)) }
                let key = String(chars[(i + 1)..<close])
                guard GridSource.keys.contains(key) else {
                    throw InputError("unknown key \(quoted(key)) in the pattern; keys: \(GridSource.keys.joined(separator: ", "))",
                                     at: at(i + 1), suggestion: closestMatch(to: key, among: GridSource.keys))
                }
                guard !keys.contains(key) else { throw InputError("\(quoted(key)) appears twice in the pattern", at: at(i + 1)) }
                regex += NSRegularExpression.escapedPattern(for: literal) + "(.+?)"
                literal = ""
                keys.append(key)
                i = close + 1
            } else {
                literal.append(chars[i])
                i += 1
            }
        }
        chars = []
        regex += NSRegularExpression.escapedPattern(for: literal) + "$"
        guard !keys.isEmpty else { throw InputError("the pattern names no key; write keys in braces, e.g. 'bs{train.batch_size}'", at: at(0)) }
        do {
            expression = try NSRegularExpression(pattern: regex)
        } catch {
            throw InputError("cannot use the pattern: \(error)", at: at(0))
        }
        self.keys = keys
        componentCount = text.filter { $0 == "/" }.count + 1
    }

    /// The values the pattern finds in `path`'s last components (the innermost match wins);
    /// an error when it matches none.
    public func values(in path: String) throws(InputError) -> [String: String] {
        var components = (path as NSString).pathComponents.filter { $0 != "/" }
        if let last = components.last, last.hasSuffix(".csv") || last.contains(".tfevents.") || last.hasSuffix(".yaml") {
            components[components.count - 1] = (last as NSString).deletingPathExtension
        }
        var end = components.count
        while end >= componentCount {
            let text = components[(end - componentCount)..<end].joined(separator: "/")
            let range = NSRange(text.startIndex..., in: text)
            if let match = expression.firstMatch(in: text, range: range) {
                var values: [String: String] = [:]
                for (index, key) in keys.enumerated() {
                    guard let found = Range(match.range(at: index + 1), in: text) else { continue }
                    values[key] = String(text[found])
                }
                return values
            }
            end -= 1
        }
        throw InputError("the pattern matches no file or folder name in \(quoted(path))",
                         at: SourceLocation(file: "--pattern \(text)", line: 1, column: 1 + "--pattern ".count))
    }
}
