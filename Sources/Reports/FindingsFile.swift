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
}
