import Foundation
import TestSupport
import Testing

/// "Nothing is lost": an empty -o is refused, a folder with files lrlab did not write is left alone,
/// and a killed or failed report leaves the previous one whole.
@Suite(.serialized) struct OutputSafetyTests {
    static let sweep = """
        name: safety
        title: Output safety
        seed: 2
        train:
          epochs: 2
        grid:
          train.batch_size: [64, 256]
          train.learning_rate: [0.1, 1.0]

        """

    /// A folder with `sweep.yaml` and, when `finished`, its report in `out/`.
    private func workspace(finished: Bool, title: String? = nil) throws -> String {
        let folder = try temporaryFolder("lrlab-safety")
        var text = Self.sweep
        if let title { text = text.replacingOccurrences(of: "title: Output safety", with: "title: \(title)") }
        try text.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        if finished {
            let result = try CLI.run(["run", "sweep.yaml", "-o", "out", "--jobs", "2", "--quiet"], in: folder)
            #expect(result.status == 0, "stderr: \(result.stderr)")
        }
        return folder
    }

    /// Every file under `folder` (recursively, hidden ones too) with its bytes.
    private func snapshot(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = folder + "/" + name
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = FileManager.default.contents(atPath: path)
            }
        }
        return files
    }

    private func expectOneErrorLine(_ result: CLI.Result, status: Int32 = 2, mentioning text: String? = nil,
                                    sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == status, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.count == 1, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(lines.first?.hasPrefix("error: ") == true, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        if let text { #expect(result.stderr.contains(text), "stderr: \(result.stderr)", sourceLocation: sourceLocation) }
    }

    // MARK: -o ''

    @Test func anEmptyOutputPathIsRefusedByEveryCommand() throws {
        let folder = try workspace(finished: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: PackagePaths.root + "/Samples/od-cosine.config", toPath: folder + "/od.config")
        let before = snapshot(folder)
        let commands: [[String]] = [
            ["run", "sweep.yaml", "-o", ""], ["run", "sweep.yaml", "--output", ""], ["run", "sweep.yaml", "-o", " "],
            ["report", "out", "-o", ""], ["report", ""],
            ["lr-find", "sweep.yaml", "-o", ""],
            ["schedule", "od.config", "-o", ""], ["schedule", "od.config", "--format", "png", "-o", ""],
            ["init", ""],
        ]
        for arguments in commands {
            let result = try CLI.run(arguments, in: folder)
            expectOneErrorLine(result, mentioning: "empty")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
        #expect(snapshot(folder) == before, "nothing is written anywhere, the current folder included")
    }

    // MARK: Files lrlab did not write

    @Test func aForeignIndexIsNeverOverwrittenAndNothingTrains() throws {
        let folder = try workspace(finished: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mine = Data("<html><body>my own page</body></html>\n".utf8)
        for name in ["out", "other"] {
            try FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: true)
            try mine.write(to: URL(fileURLWithPath: folder + "/\(name)/index.html"))
        }
        let run = try CLI.run(["run", "sweep.yaml", "-o", "out", "--jobs", "2"], in: folder)
        expectOneErrorLine(run, mentioning: "out/index.html")
        #expect(FileManager.default.contents(atPath: folder + "/out/index.html") == mine)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out") == ["index.html"],
                "nothing trained, nothing written")

        let find = try CLI.run(["lr-find", "sweep.yaml", "-o", "out"], in: folder)
        expectOneErrorLine(find, mentioning: "out/index.html")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out") == ["index.html"])

        // The default folder too (lrlab-out/<name>), and a foreign report.md, results.csv or chart.
        for name in ["report.md", "results.csv", "charts/heatmap.png"] {
            let target = folder + "/lrlab-out/safety/" + name
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try mine.write(to: URL(fileURLWithPath: target))
            let result = try CLI.run(["run", "sweep.yaml"], in: folder)
            expectOneErrorLine(result, mentioning: "lrlab-out/safety/" + name)
            #expect(FileManager.default.contents(atPath: target) == mine)
            #expect(!FileManager.default.fileExists(atPath: folder + "/lrlab-out/safety/runs"))
            try FileManager.default.removeItem(atPath: folder + "/lrlab-out")
        }

        // `report -o` into a foreign folder: refused as well; the source folder is only read.
        let good = try CLI.run(["run", "sweep.yaml", "-o", "good", "--jobs", "2", "--quiet"], in: folder)
        #expect(good.status == 0, "stderr: \(good.stderr)")
        let report = try CLI.run(["report", "good", "-o", "other"], in: folder)
        expectOneErrorLine(report, mentioning: "other/index.html")
        #expect(FileManager.default.contents(atPath: folder + "/other/index.html") == mine)
    }

    @Test func scheduleReplacesOnlyItsOwnFiles() throws {
        let folder = try temporaryFolder("lrlab-safety")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: PackagePaths.root + "/Samples/od-cosine.config", toPath: folder + "/od.config")
        let mine = Data("my own picture".utf8)
        for name in ["mine.png", "mine.svg", "mine.csv", "mine.json"] {
            try mine.write(to: URL(fileURLWithPath: folder + "/" + name))
            let result = try CLI.run(["schedule", "od.config", "--steps", "0,1", "-o", name], in: folder)
            expectOneErrorLine(result, mentioning: name)
            #expect(FileManager.default.contents(atPath: folder + "/" + name) == mine)
        }
        for name in ["chart.png", "chart.svg", "table.csv", "table.json"] {
            for _ in 0..<2 {
                let result = try CLI.run(["schedule", "od.config", "--steps", "0,1", "-o", name], in: folder)
                #expect(result.status == 0, "\(name): \(result.stderr)")
            }
        }
    }

    @Test func outputFoldersOfEarlierVersionsAreStillLrlabs() throws {
        let folder = try workspace(finished: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // An earlier lrlab wrote no marker: runs/ and an index.html with lrlab's generator meta.
        #expect(FileManager.default.fileExists(atPath: folder + "/out/.lrlab"))
        try FileManager.default.removeItem(atPath: folder + "/out/.lrlab")
        let again = try CLI.run(["report", "out"], in: folder)
        #expect(again.status == 0, "stderr: \(again.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/out/.lrlab"), "the folder is marked from now on")

        // Without the marker and without lrlab's meta, the same folder is refused.
        try FileManager.default.removeItem(atPath: folder + "/out/.lrlab")
        let page = try String(contentsOfFile: folder + "/out/index.html", encoding: .utf8)
        let foreign = page.replacingOccurrences(of: "<meta name=\"generator\" content=\"lrlab\">", with: "")
        try foreign.write(toFile: folder + "/out/index.html", atomically: true, encoding: .utf8)
        let refused = try CLI.run(["report", "out"], in: folder)
        expectOneErrorLine(refused, mentioning: "out/index.html")
        #expect(try String(contentsOfFile: folder + "/out/index.html", encoding: .utf8) == foreign)
    }

    // MARK: Killed while writing

    /// Every report file present in `out` is whole: PNGs end with their IEND chunk, SVGs with
    /// `</svg>`, JSON parses, the page ends with `</html>`, the table has every row.
    private func expectWholeReport(_ out: String, rows: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fm = FileManager.default
        let iend: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
        // The report's charts, and each run's own chart in charts/runs/.
        let runCharts = (try? fm.contentsOfDirectory(atPath: out + "/charts/runs")) ?? []
        let charts = try fm.contentsOfDirectory(atPath: out + "/charts").filter { $0 != "runs" } + runCharts.map { "runs/" + $0 }
        for name in charts where !(name as NSString).lastPathComponent.hasPrefix(".") {
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/charts/" + name))
            if name.hasSuffix(".png") {
                #expect(Array(data.suffix(12)) == iend, "\(name): \(data.count) bytes", sourceLocation: sourceLocation)
                #expect(pngSize(data) != nil, "\(name)", sourceLocation: sourceLocation)
            } else if name.hasSuffix(".svg") {
                #expect(String(decoding: data, as: UTF8.self).hasSuffix("</svg>\n"), "\(name): \(data.count) bytes",
                        sourceLocation: sourceLocation)
            }
        }
        for name in ["results.json", "findings.json"] where fm.fileExists(atPath: out + "/" + name) {
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
            #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name): \(data.count) bytes",
                    sourceLocation: sourceLocation)
        }
        if let page = fm.contents(atPath: out + "/index.html") {
            #expect(String(decoding: page, as: UTF8.self).hasSuffix("</html>\n"), sourceLocation: sourceLocation)
        }
        if let table = fm.contents(atPath: out + "/results.csv") {
            let text = String(decoding: table, as: UTF8.self)
            #expect(text.hasSuffix("\n") && text.split(separator: "\n").count == rows + 1, sourceLocation: sourceLocation)
        }
        if let markdown = fm.contents(atPath: out + "/report.md") {
            #expect(String(decoding: markdown, as: UTF8.self).contains("findings.json"), sourceLocation: sourceLocation)
        }
    }

    @Test func aReportKilledAtAnyMomentLeavesEveryFileWhole() throws {
        let folder = try workspace(finished: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = folder + "/out"
        // How long one report takes here, to spread the kills over it.
        let started = Date()
        let timed = try CLI.run(["report", "out"], in: folder)
        #expect(timed.status == 0, "stderr: \(timed.stderr)")
        let duration = max(Date().timeIntervalSince(started), 0.2)
        var generator = SystemRandomNumberGenerator()
        var delays = (0..<8).map { _ in Double.random(in: 0.02...(duration * 1.1), using: &generator) }
        delays += [0.01, duration * 0.5, duration * 0.9]
        for delay in delays {
            let process = try CLI.start(["report", "out"], in: folder)
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try expectWholeReport(out, rows: 4)
        }
        // The next report clears the killed processes' temporaries and is whole.
        let last = try CLI.run(["report", "out"], in: folder)
        #expect(last.status == 0, "stderr: \(last.stderr)")
        try expectWholeReport(out, rows: 4)
        for sub in ["", "/charts", "/charts/runs"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: out + sub)
            #expect(!names.contains { $0.hasPrefix(".lrlab-tmp.") }, "\(sub): \(names)")
        }
    }

    // MARK: A full disk

    @Test func aFullDiskLeavesTheOldReportWhole() throws {
        let folder = try workspace(finished: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mountPoint = folder + "/small"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
        guard Self.shell(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mountPoint]) == 0 else {
            print("OutputSafetyTests: skipping the full-disk test: this machine does not allow mounting a tmpfs")
            return
        }
        defer { _ = Self.shell(["umount", mountPoint]) }
        try FileManager.default.copyItem(atPath: folder + "/out", toPath: mountPoint + "/out")
        let before = snapshot(mountPoint + "/out")
        // Fill the disk to the last block.
        try Self.fill(mountPoint + "/filler")

        let report = try CLI.run(["report", "small/out"], in: folder)
        expectOneErrorLine(report, status: 1, mentioning: "No space left on device")
        #expect(snapshot(mountPoint + "/out") == before, "the previous report is untouched")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: mountPoint + "/out/charts")
            .filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no temporaries left: \(leftovers)")

        // `run` into the full disk: the report fails the same way, the old one stays.
        let run = try CLI.run(["run", "sweep.yaml", "-o", "small/out", "--quiet"], in: folder)
        #expect(run.status != 0)
        #expect(run.stderr.contains("No space left on device"), "stderr: \(run.stderr)")
        #expect(snapshot(mountPoint + "/out") == before)

        // With room again, the report is written.
        try FileManager.default.removeItem(atPath: mountPoint + "/filler")
        let again = try CLI.run(["report", "small/out"], in: folder)
        #expect(again.status == 0, "stderr: \(again.stderr)")
        try expectWholeReport(mountPoint + "/out", rows: 4)
    }

    /// Writes zeros to `path` until the disk is full.
    static func fill(_ path: String) throws {
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        for size in [1 << 16, 4096, 512, 1] {
            let chunk = Data(count: size)
            while (try? handle.write(contentsOf: chunk)) != nil {}
        }
    }

    static func shell(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    // MARK: report.md escaping

    /// The lines of `markdown` outside fenced code blocks (fences of three or more backticks).
    static func outsideFences(_ markdown: String) -> String {
        var fence: String?
        var kept: [Substring] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let ticks = String(line.prefix { $0 == "`" })
            if let open = fence {
                if ticks.count >= open.count, line.trimmingCharacters(in: .whitespaces) == ticks { fence = nil }
            } else if ticks.count >= 3 {
                fence = ticks
            } else {
                kept.append(line)
            }
        }
        return kept.joined(separator: "\n")
    }

    @Test func aHostileTitleIsTextInReportMarkdownAndHTML() throws {
        let title = "'<img src=x onerror=alert(1)> [click](javascript:alert(2)) `code` *x* | y \" onload=\"z'"
        let folder = try workspace(finished: true, title: title)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let markdown = try String(contentsOfFile: folder + "/out/report.md", encoding: .utf8)
        #expect(markdown.hasPrefix("# \\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(2)) \\`code\\` \\*x\\* \\| y \" onload=\"z\n"),
                "\(markdown.prefix(200))")
        // Outside code fences (the reproducibility section quotes the sweep file verbatim, inert in a fence).
        let prose = Self.outsideFences(markdown)
        #expect(!prose.replacingOccurrences(of: "\\<", with: "").contains("<"), "no raw HTML")
        #expect(!prose.contains("[click]"))
        let html = try String(contentsOfFile: folder + "/out/index.html", encoding: .utf8)
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("| y &quot; onload=&quot;z"), "quotes are escaped too (attributes)")
        #expect(!html.contains("\" onload=\"z"))
    }
}
