import Foundation
@testable import Reports
import Results
import TestSupport
import Testing

/// The rendered page of a fixed results folder (`Tests/Fixtures/report-golden/runs`, a tiny real
/// sweep) against committed golden files, with times and versions scrubbed. Record them again
/// after an intended change with `LRLAB_RECORD_GOLDEN=1 swift test --filter ReportGoldenTests`
/// and read the diff. `make test` runs the Nu HTML checker on the golden pages.
@Suite struct ReportGoldenTests {
    static let folder = PackagePaths.fixtures + "/report-golden"
    static var recording: Bool { ProcessInfo.processInfo.environment["LRLAB_RECORD_GOLDEN"] == "1" }

    /// The fixture's runs, copied into a fresh folder (so that the page links their run.json).
    static func results() throws -> (directory: String, runs: [RunRecord]) {
        let directory = try temporaryFolder("lrlab-golden")
        try FileManager.default.copyItem(atPath: folder + "/runs", toPath: directory + "/runs")
        let store = RunStore(directory: directory)
        return (directory, try store.loadAll() + store.loadAllFailed())
    }

    /// Durations ("1.25 s", "843 ms", "2 min 5 s", "< 1 ms") become "T", versions ("0.1.0") "V".
    static func scrub(_ text: String) -> String {
        var text = text
        let patterns = [
            (#"\d+ min \d+ s\b"#, "T"), (#"(<|&lt;) 1 ms\b"#, "T"), (#"\b\d+(\.\d+)? (ms|s)\b"#, "T"),
            (#"\b\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?\b"#, "V"),
        ]
        for (pattern, template) in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            text = regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
        return text
    }

    /// Compares `text` with the golden file `name` (or writes it when recording).
    static func compare(_ text: String, golden name: String) throws {
        let path = folder + "/" + name
        if recording {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        guard text != expected else { return }
        let got = text.components(separatedBy: "\n"), want = expected.components(separatedBy: "\n")
        let line = Array(zip(got, want)).firstIndex { $0 != $1 } ?? min(got.count, want.count)
        let gotLine = line < got.count ? got[line] : "(end)"
        let wantLine = line < want.count ? want[line] : "(end)"
        Issue.record("\(name) differs at line \(line + 1):\n  got:  \(gotLine)\n  want: \(wantLine)\nRecord again with LRLAB_RECORD_GOLDEN=1 if the change is intended.")
    }

    @Test func thePageOfTheFixedFolderMatchesItsGoldenFile() throws {
        let (directory, runs) = try Self.results()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(runs.count == 12)
        _ = try ReportWriter().write(runs: runs, to: directory)
        let html = try String(contentsOfFile: directory + "/index.html", encoding: .utf8)
        #expect(html.contains("<a href=\"runs/"), "the run details link each run.json")
        try Self.compare(Self.scrub(html), golden: "index.golden.html")
        try Self.compare(Self.scrub(String(contentsOfFile: directory + "/report.md", encoding: .utf8)), golden: "report.golden.md")
    }

    /// The same runs with the training-loss chart given four times as one group, as the page shows
    /// a chart over several x-axes (the switch), and the dark theme.
    @Test func aPageWithAChartSwitchMatchesItsGoldenFile() throws {
        let (directory, runs) = try Self.results()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var themed = runs.filter { $0.status != .failed }
        for i in themed.indices { themed[i].sweep.report = ReportSettings(theme: .dark) }
        let entries = try PageModelTests.withSwitch(PageModelTests.entries(themed))
        let model = ReportModel(runs: themed, findings: [], charts: entries, sources: .init(directory: directory), css: "")
        let html = try ReportWriter().page(model)
        #expect(html.contains("data-theme=\"dark\""))
        try Self.compare(Self.scrub(html), golden: "switch.golden.html")
    }

    @Test func scrubbingRemovesTimesAndVersions() {
        #expect(Self.scrub("took 1.25 s, 843 ms, 2 min 5 s and < 1 ms; 12 runs") == "took T, T, T and T; 12 runs")
        #expect(Self.scrub("<dt>lrlab version</dt>\n    <dd>0.1.0</dd>, lrlab 1.2.3-beta.1") == "<dt>lrlab version</dt>\n    <dd>V</dd>, lrlab V")
        #expect(Self.scrub("&lt; 1 ms; 97.8%; lr 0.01") == "T; 97.8%; lr 0.01")
    }
}
