import Foundation
import Yams

/// A YAML file parsed into nodes that remember where they came from.
public struct YAMLDocument: Sendable {
    public let path: String
    public let root: ConfigNode
    /// Lines in the text (a final line without a line break counts).
    public let lineCount: Int

    /// Parses `text`; syntax errors become `InputError`s at the offending line and column.
    public init(text: String, path: String) throws(InputError) {
        self.path = path
        lineCount = text.reduce(1) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.inputError(error, path: path)
        } catch {
            throw InputError("cannot parse YAML: \(quoted(String(describing: error)))", at: SourceLocation(file: path, line: 1, column: 1))
        }
        guard let node else {
            throw InputError("the file is empty", at: SourceLocation(file: path, line: 1, column: 1))
        }
        try Self.checkSize(node, path: path)
        root = ConfigNode(node: node, file: path, keyPath: "")
    }

    /// Most values (scalars, lists, mappings and keys) a file may hold with its aliases expanded:
    /// far more than any sweep or schedule, far fewer than a "billion laughs" of nested aliases,
    /// which would make every reader walk 10⁹ values.
    public static let maxValues = 1_000_000

    /// Counts the values of `root` as readers see them (an alias counts as often as it is used),
    /// without recursion, stopping at the first value past `maxValues`.
    static func checkSize(_ root: Node, path: String) throws(InputError) {
        var pending = [root]
        var count = 0
        while let node = pending.popLast() {
            count += 1
            guard count <= maxValues else {
                let mark = node.mark
                throw InputError("the file holds more than 1,000,000 values once its aliases are expanded; lrlab reads at most 1,000,000",
                                 at: SourceLocation(file: path, line: mark?.line ?? 1, column: mark?.column ?? 1))
            }
            switch node {
            case .sequence(let s): pending.append(contentsOf: s)
            case .mapping(let m): for (k, v) in m { pending.append(k); pending.append(v) }
            default: break
            }
        }
    }

    /// Reads and parses the file at `path`.
    public init(contentsOf path: String) throws(InputError) {
        try self.init(text: UserFile.text(path), path: path)
    }

    static func inputError(_ error: YamlError, path: String) -> InputError {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: path, line: mark.line, column: mark.column) }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { " (\(escaped($0.text)))" } ?? ""
            if problem.hasPrefix("Maximum nesting level reached") {
                // libyaml's own limit (1,000 levels), which keeps the readers' recursion shallow.
                return InputError("lists and mappings are nested too deeply (libyaml reads at most 1,000 levels)", at: at(mark))
            }
            return InputError("invalid YAML: \(escaped(problem))\(detail)", at: at(mark))
        case let .duplicatedKeysInMapping(duplicates, context):
            return InputError("duplicate key \(duplicates.map(quoted).joined(separator: ", ")) in a mapping",
                              at: at(context.mark))
        case let .reader(problem, _, _, _):
            return InputError("cannot read YAML: \(escaped(problem))", at: SourceLocation(file: path, line: 1, column: 1))
        default:
            return InputError("invalid YAML: \(escaped(String(describing: error)))", at: SourceLocation(file: path, line: 1, column: 1))
        }
    }
}
