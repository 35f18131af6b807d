import Foundation
import TestSupport
import Testing

/// What a report holds: exactly the sweep as expanded now, in grid order, with files that stand alone.
@Suite struct ReportScopeTests {
    static let sweep = """
    name: scope
    seed: 2
    train: {epochs: 2}
    grid:
      train.batch_size: [1024, 256, 64]
      train.learning_rate: [0.1, 3e-4]
    """

    func rows(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func changedSweepReportsOnlyItsRunsInGridOrder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.sweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        var run = try CLI.run(["run", "sweep.yaml", "-o", "out", "--quiet"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        // Edit the sweep: other rates; the folder keeps the old runs.
        let edited = Self.sweep.replacingOccurrences(of: "[0.1, 3e-4]", with: "[0.01, 0.1]")
        try edited.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        run = try CLI.run(["run", "sweep.yaml", "-o", "out", "--quiet"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let table = try rows(folder + "/out/results.csv")
        let header = try #require(table.first)
        let batch = try #require(header.firstIndex(of: "train.batch_size"))
        let rate = try #require(header.firstIndex(of: "train.learning_rate"))
        // Exactly the 6 runs of the sweep as it is now, in the sweep's order (1024 first, as written).
        #expect(table.dropFirst().map { "\($0[batch]) \($0[rate])" }
            == ["1024 0.01", "1024 0.1", "256 0.01", "256 0.1", "64 0.01", "64 0.1"])
        let html = try String(contentsOfFile: folder + "/out/index.html", encoding: .utf8)
        #expect(html.contains("3 runs in this folder are not part of this sweep"))
        #expect(!html.contains("`lrlab report"), "no Markdown code marks in the page's prose")
        let markdown = try String(contentsOfFile: folder + "/out/report.md", encoding: .utf8)
        #expect(markdown.contains("not part of this sweep; run 'lrlab report out' to see them all."))
        #expect(html.contains("href=\"charts/heatmap.svg\""))
        // `lrlab report` shows everything in the folder.
        let all = try CLI.run(["report", "out", "-o", "all"], in: folder)
        #expect(all.status == 0, "\(all.stderr)")
        #expect(try rows(folder + "/all/results.csv").count == 1 + 9)
    }

    @Test func runsOfOnePointWithOtherSettingsAreNotRepeats() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.sweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        for epochs in [1, 2] {
            let run = try CLI.run(["run", "sweep.yaml", "-o", "out", "--quiet", "--set", "train.epochs=\(epochs)"], in: folder)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let report = try CLI.run(["report", "out"], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try rows(folder + "/out/results.csv").count == 1 + 12)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/findings.json")))
        let findings = try #require((json as? [String: Any])?["findings"] as? [[String: Any]])
        let best = try #require(findings.first { $0["kind"] as? String == "best" })
        #expect((best["runs"] as? [String])?.count == 1)
        #expect((best["text"] as? String)?.contains("epochs ") == true)
        #expect(findings.contains { $0["kind"] as? String == "settings" })
    }

    @Test func learningRatesSortNumericallyEverywhere() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sweep = Self.sweep.replacingOccurrences(of: "[0.1, 3e-4]", with: "[0.1, 3e-4, 0.01]")
            .replacingOccurrences(of: "[1024, 256, 64]", with: "[64]")
        try sweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        let run = try CLI.run(["run", "sweep.yaml", "-o", "out", "--quiet"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let markdown = try String(contentsOfFile: folder + "/out/report.md", encoding: .utf8)
        // The table follows the sweep's order; chart legends and heatmap columns ascend.
        let svg = try String(contentsOfFile: folder + "/out/charts/heatmap.svg", encoding: .utf8)
        let positions = ["3e-4", "0.01", "0.1"].compactMap { svg.range(of: ">\($0)<")?.lowerBound }
        #expect(positions.count == 3 && positions == positions.sorted(), "heatmap columns ascend")
        #expect(markdown.contains("| 0.1 |") && markdown.contains("| 3e-4 |"))
    }

    @Test func noReportStillWritesTheTables() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.sweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        let run = try CLI.run(["run", "sweep.yaml", "-o", "out", "--quiet", "--no-report", "--set", "train.epochs=1"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/out/results.csv"))
        #expect(FileManager.default.fileExists(atPath: folder + "/out/results.json"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/index.html"))
    }

    @Test func singleFileLinksNothingOutsideItself() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.sweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        var run = try CLI.run(["run", "sweep.yaml", "-o", "out", "--quiet", "--set", "train.epochs=1"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        run = try CLI.run(["report", "out", "-o", "page", "--single-file"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: folder + "/page/index.html", encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"(?:src|href)="([^"]*)""#)
        let links = pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
            Range($0.range(at: 1), in: html).map { String(html[$0]) }
        }
        #expect(!links.isEmpty)
        for link in links { #expect(link.hasPrefix("data:") || link.hasPrefix("#"), "links outside: \(link.prefix(60))") }
    }
}
