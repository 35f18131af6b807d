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
        root = ConfigNode(node: node, file: path, keyPath: "")
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
