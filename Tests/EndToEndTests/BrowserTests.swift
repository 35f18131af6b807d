import Charts
import Foundation
@testable import Reports
import Results
import TestSupport
import Testing

/// Opens the real report in headless Chromium, as a reader would, and checks what it shows.
@Suite struct BrowserTests {
    static var chromium: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    static func browse(_ arguments: [String]) throws -> String {
        let binary = try #require(chromium, "Chromium is needed for this test: `make test` installs it")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                             "--allow-file-access-from-files"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func reportShowsChartsTableAndFindings() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try smallSweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        let run = try CLI.run(["run", "sweep.yaml", "-o", "out", "--quiet", "--set", "train.epochs=2"], in: folder)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let page = "file://\(folder)/out/index.html"

        let dom = try Self.browse(["--dump-dom", page])
        #expect(dom.contains("<h1>End-to-end &lt;check&gt;</h1>"))
        #expect(dom.components(separatedBy: "<figure>").count - 1 >= 4)
        #expect(dom.components(separatedBy: "<tr class=").count - 1 == 4)
        #expect(dom.contains("What this shows"))

        let shot = folder + "/shot.png"
        _ = try Self.browse(["--screenshot=\(shot)", "--window-size=1280,6000", page])
        let image = try RasterImage(contentsOfPNG: shot)
        #expect(image.width == 1280)
        // The charts' lines are Okabe–Ito blue (#0072B2) and vermillion (#D55E00). The page's own
        // styling uses them for a few borders and words (under 1,000 px each); with the chart images
        // loaded there are over 3,000 of each, so this proves the PNGs loaded and were laid out.
        #expect(image.count(color: 0x0072B2, tolerance: 12) > 2_000)
        #expect(image.count(color: 0xD55E00, tolerance: 12) > 2_000)
        // Nothing overflows the page sideways: the right 40 px column stays background white.
        let rightEdge = (0..<image.height).allSatisfy { y in
            ((image.width - 40)..<image.width).allSatisfy { image.pixels[y * image.width + $0] == 0xFFFFFF }
        }
        #expect(rightEdge)
    }

    /// `html` with the page's own scripts blocked by a Content-Security-Policy, as with JavaScript
    /// off (headless Chromium takes no screenshot with `--blink-settings=scriptEnabled=false`).
    static func withoutScripts(_ html: String) -> String {
        html.replacingOccurrences(of: "<head>", with: "<head>\n<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'\">")
    }

    /// Pixels that differ between two screenshots of the same size.
    static func differingPixels(_ a: RasterImage, _ b: RasterImage) -> Int {
        guard a.width == b.width, a.height == b.height else { return Int.max }
        return zip(a.pixels, b.pixels).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) }
    }

    /// The x-axis switch with scripts off: the page as written shows the first chart of the group;
    /// the same page with the second radio input checked shows the other one (CSS alone). The
    /// results table with scripts off stays in grid order; with scripts on, a click on a column's
    /// title sorts by it.
    @Test func theSwitchWorksWithoutScriptsAndTheTableSortsWithThem() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try smallSweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        let run = try CLI.run(["run", "sweep.yaml", "-o", "out", "--quiet", "--set", "train.epochs=2"], in: folder)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let out = folder + "/out"

        // A page whose lead chart is a group of two charts the report drew, as two x-axes.
        let runs = try RunStore(directory: out).loadAll().sorted(by: RunRecord.gridOrder)
        let entries = ReportCharts(runs: runs, setup: SetupText(runs)).all()
        let accuracy = try #require(entries.first { $0.name.hasPrefix("test-accuracy") })
        let loss = try #require(entries.first { $0.name.hasPrefix("train-loss") })
        let group = zip([accuracy, loss], ["epoch", "examples"]).map { entry, variant -> ReportCharts.Entry in
            var copy = entry
            copy.group = "demo"
            copy.variant = variant
            return copy
        }
        let writer = ReportWriter()
        let model = ReportModel(runs: runs, findings: [], charts: group, sources: .init(directory: out), css: try writer.template("style.css"))
        #expect(model.lead.first?.isSwitch == true)
        let page = Self.withoutScripts(try writer.page(model))
        let first = "<input type=\"radio\" name=\"x-demo\" id=\"x-demo-epoch\" checked>"
        #expect(page.contains(first))
        let second = page.replacingOccurrences(of: first, with: "<input type=\"radio\" name=\"x-demo\" id=\"x-demo-epoch\">")
            .replacingOccurrences(of: "id=\"x-demo-examples\">", with: "id=\"x-demo-examples\" checked>")
        #expect(second != page)
        try page.write(toFile: out + "/switch-a.html", atomically: true, encoding: .utf8)
        try second.write(toFile: out + "/switch-b.html", atomically: true, encoding: .utf8)
        var shots: [RasterImage] = []
        for name in ["a", "b"] {
            let shot = "\(folder)/switch-\(name).png"
            _ = try Self.browse(["--screenshot=\(shot)", "--window-size=1280,1400", "file://\(out)/switch-\(name).html"])
            shots.append(try RasterImage(contentsOfPNG: shot))
        }
        try #require(shots.count == 2)
        // A whole chart changed, not a few pixels of a label.
        #expect(Self.differingPixels(shots[0], shots[1]) > 20_000)
        // The second page shows the loss chart's faint minibatch lines; the first shows accuracy lines.
        #expect(shots[0] != shots[1])

        // Scripts off: no sort buttons, rows in grid order.
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        try Self.withoutScripts(index).write(toFile: out + "/static.html", atomically: true, encoding: .utf8)
        let still = try Self.browse(["--dump-dom", "file://\(out)/static.html"])
        #expect(still.contains("<table>") && !still.contains("<th scope=\"col\"><button"))
        #expect(Self.rowOrder(still) == ["finished", "diverged", "finished", "diverged"])

        // Scripts on: a click on "final test acc." sorts ascending, diverged runs (lowest) first.
        let click = """
            <script>
            var th = Array.prototype.find.call(document.querySelectorAll('.results table th'), function (c) { return c.textContent.trim() === 'final test acc.'; });
            th.querySelector('button').click();
            </script>
            </body>
            """
        try index.replacingOccurrences(of: "</body>", with: click).write(toFile: out + "/sorted.html", atomically: true, encoding: .utf8)
        let sorted = try Self.browse(["--dump-dom", "file://\(out)/sorted.html"])
        #expect(sorted.contains("aria-sort=\"ascending\""))
        #expect(Self.rowOrder(sorted) == ["diverged", "diverged", "finished", "finished"])
        let accuracies = Self.testAccuracies(sorted)
        #expect(accuracies.count == 4 && accuracies == accuracies.sorted())
    }

    /// The status classes of the per-run table's rows, in document order.
    static func rowOrder(_ dom: String) -> [String] {
        dom.components(separatedBy: "<tr class=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map { String($0.split(separator: " ").first ?? "") } }
    }

    /// The per-run table's final test accuracies (`data-sort` of the cell with the run's test accuracy), in row order.
    static func testAccuracies(_ dom: String) -> [Double] {
        dom.components(separatedBy: "<tr class=\"").dropFirst().compactMap { row in
            // Grid cells first (two keys), then the final test accuracy.
            let cells = row.components(separatedBy: "data-sort=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            return cells.count > 2 ? Double(String(cells[2])) : nil
        }
    }
}
