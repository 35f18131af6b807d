import Foundation
import Insights

/// `findings.json`: `{"findings": [{"kind": …, "text": …, "runs": [run ids]}]}`, kinds from `Finding.Kind`.
enum FindingsFile {
    struct Entry: Encodable { let kind: String; let text: String; let runs: [String] }
    struct File: Encodable { let findings: [Entry] }

    static func data(_ findings: [Finding]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let entries = findings.map { Entry(kind: $0.kind.rawValue, text: "\($0.headline). \($0.text)", runs: $0.runs) }
        return try encoder.encode(File(findings: entries))
    }

    /// Writes `findings.json` into `directory` atomically; returns its path.
    static func write(_ findings: [Finding], to directory: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent("findings.json")
        try data(findings).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }
}
