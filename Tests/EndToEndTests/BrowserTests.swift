import Charts
import Foundation
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
}
