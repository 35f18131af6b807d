import Diagnostics
import Foundation
import Sweeps
import TestSupport
import Testing

@Suite struct DataFingerprintTests {
    @Test func editingTheDataFileChangesRunIds() throws {
        let folder = try temporaryFolder("lrlab-fp")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sweepPath = folder + "/sweep.yaml"
        try "name: x\ndata: {dataset: csv, path: d.csv}\n".write(toFile: sweepPath, atomically: true, encoding: .utf8)
        let original = "a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n"
        func ids() throws -> [String] { try Sweep(path: sweepPath).runs.map(\.id) }

        try original.write(toFile: folder + "/d.csv", atomically: true, encoding: .utf8)
        let first = try ids()
        try original.replacingOccurrences(of: "7,8", with: "7,9").write(toFile: folder + "/d.csv", atomically: true, encoding: .utf8)
        let edited = try ids()
        try original.write(toFile: folder + "/d.csv", atomically: true, encoding: .utf8)
        let restored = try ids()
        #expect(first != edited)
        #expect(first == restored)
        // Built-in data has no file to hash: its ids do not depend on any file.
        let digits = try Sweep(document: YAMLDocument(text: "name: x\n", path: "s.yaml")).runs
        #expect(digits.first?.setup.data.contentHash == nil)
    }
}
