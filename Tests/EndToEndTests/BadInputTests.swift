import Foundation
import TestSupport
import Testing

/// The bad-input suite: every fixture in `Tests/Fixtures/bad-input/cases.json` is a command that
/// lrlab must refuse. Each case runs in a fresh copy of the fixture folder that also holds a real
/// earlier report in `out/`, and must give: exit status 2, nothing on stdout, exactly one line on
/// stderr — `error: ` and the expected text, location included — with no control characters, and
/// every file in the folder byte-for-byte as it was (nothing trained, nothing overwritten).
@Suite struct BadInputTests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        var name: String
        var args: [String]
        /// The whole message after `error: `; `{dir}` stands for the folder the case runs in.
        var error: String
        /// The exit status: 2 (bad input) unless the case says otherwise.
        var status: Int32?
        var testDescription: String { name }
    }

    static let folder = PackagePaths.fixtures + "/bad-input"

    static let cases: [Case] = {
        guard let data = FileManager.default.contents(atPath: folder + "/cases.json"),
              let cases = try? JSONDecoder().decode([Case].self, from: data) else { return [] }
        return cases
    }()

    /// The fixture files with a finished lrlab report in `out/` (one run of one epoch), made once.
    static let prepared: Result<String, any Error> = Result(catching: {
        let base = try temporaryFolder("lrlab-bad-input")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name != "cases.json" {
            try FileManager.default.copyItem(atPath: folder + "/" + name, toPath: base + "/" + name)
        }
        let run = try CLI.run(["run", "ok.yaml", "-o", "out", "--quiet"], in: base)
        guard run.status == 0 else { throw CLIFailure(message: run.stderr) }
        return base
    })

    struct CLIFailure: Error { var message: String }

    @Test func suiteIsLargeAndNamesUnique() {
        #expect(Self.cases.count >= 40)
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count)
    }

    @Test(arguments: cases) func refused(_ testCase: Case) throws {
        let base = try Self.prepared.get()
        let work = temporaryPath("lrlab-bad-input-case")
        try FileManager.default.copyItem(atPath: base, toPath: work)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let before = try snapshot(work)

        let result = try CLI.run(testCase.args, in: work, timeout: 60)

        #expect(result.status == (testCase.status ?? 2), "exit status \(result.status); stderr: \(result.stderr.debugDescription)")
        #expect(result.stdout.isEmpty, "stdout: \(result.stdout.debugDescription)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines.last == "", "not exactly one line: \(result.stderr.debugDescription)")
        let line = String(lines.first ?? "")
        #expect(!line.unicodeScalars.contains { $0.properties.generalCategory == .control },
                "control characters in \(line.debugDescription)")
        #expect(line == "error: " + testCase.error.replacingOccurrences(of: "{dir}", with: work))
        #expect(try snapshot(work) == before, "files changed")
    }

    /// Every file under `folder` (relative path → contents; folders as empty entries).
    func snapshot(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return files }
        while let relative = walker.nextObject() as? String {
            let path = folder + "/" + relative
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            files[relative] = isFolder.boolValue ? Data() : try Data(contentsOf: URL(fileURLWithPath: path))
        }
        return files
    }
}
