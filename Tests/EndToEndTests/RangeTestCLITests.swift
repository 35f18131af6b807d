import Foundation
import TestSupport
import Testing

@Suite struct RangeTestCLITests {
    @Test func lrFindWritesResultsAndJoinsTheReport() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try smallSweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        let run = try CLI.run(["run", "sweep.yaml", "-o", "out", "--quiet", "--set", "train.epochs=2"], in: folder)
        #expect(run.status == 0, "stderr: \(run.stderr)")

        let find = try CLI.run(["lr-find", "sweep.yaml", "-o", "out", "--quiet", "--set", "train.epochs=2"], in: folder)
        #expect(find.status == 0, "stderr: \(find.stderr)")
        for batch in [64, 256] {
            let csv = try String(contentsOfFile: folder + "/out/lr-find/bs-\(batch).csv", encoding: .utf8)
            #expect(csv.hasPrefix("step,learning_rate,loss,smoothed_loss\n0,0.0000001,"))
            // The suggestions, in words, are kept with the curve.
            let json = try String(contentsOfFile: folder + "/out/lr-find/bs-\(batch).json", encoding: .utf8)
            #expect(json.contains("\"explanation\" : \"steepest descent at ") || json.contains("\"explanation\": \"steepest descent at "))
            #expect(json.contains("a safe start is "))
        }
        #expect(find.stdout.hasSuffix("out/index.html\n"))
        let html = try String(contentsOfFile: folder + "/out/index.html", encoding: .utf8)
        #expect(html.contains("charts/lr-find.png"))
        #expect(html.contains("<strong>Range test.</strong> The range test suggested "))
        // `report` merges range tests from the folders it reads.
        let report = try CLI.run(["report", "out", "-o", "again"], in: folder)
        #expect(report.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/again/charts/lr-find.png"))

        let bad = try CLI.run(["lr-find", "sweep.yaml", "--steps", "50"], in: folder)
        #expect(bad.status == 2 && bad.stderr.hasPrefix("error: --steps must be between 100 and 300"))
    }
}
