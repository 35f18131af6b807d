import Foundation
import TestSupport
import Testing

/// Extreme numbers, edited records, deep files and gzip bombs, run as a user runs them: a
/// one-line error or a finished command, never a trap (a trap exits with a signal, status ≥ 128
/// or a "Fatal error" backtrace).
@Suite(.serialized) struct HardeningTests {
    func expectNoTrap(_ r: CLI.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status < 128 && r.status >= 0, "\(what): status \(r.status)", sourceLocation: sourceLocation)
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Backtrace"), "\(what): \(r.stderr.prefix(600))",
                sourceLocation: sourceLocation)
    }

    /// The error line of a failed command: exactly one line, "error: …".
    func errorLine(_ r: CLI.Result, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let lines = r.stderr.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("  ") && !$0.hasPrefix("hint") }
        #expect(r.status != 0, sourceLocation: sourceLocation)
        #expect(lines.count == 1, "\(r.stderr)", sourceLocation: sourceLocation)
        return lines.first ?? ""
    }

    static let tinyRateSweep = """
    name: tiny
    title: Tiny rate
    seed: 3
    train:
      epochs: 1
      learning_rate: 1e-323

    """

    @Test func subnormalLearningRateTrainsAndChartsAndReportsSurviveEditedRecords() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.tinyRateSweep.write(toFile: folder + "/tiny.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", "tiny.yaml", "-o", "out"], in: folder)
        expectNoTrap(r, "run with learning_rate 1e-323")
        #expect(r.status == 0, "\(r.stderr)")
        let charts = try FileManager.default.contentsOfDirectory(atPath: folder + "/out/charts").filter { $0.hasSuffix(".png") }
        #expect(charts.contains("lr-schedule.png"))
        let html = try String(contentsOfFile: folder + "/out/index.html", encoding: .utf8)
        #expect(!html.contains("NaN") && !html.contains("nan"))

        let runs = folder + "/out/runs"
        let id = try #require(try FileManager.default.contentsOfDirectory(atPath: runs).first { !$0.hasPrefix(".") })
        let recordPath = "\(runs)/\(id)/run.json"
        let original = try Data(contentsOf: URL(fileURLWithPath: recordPath))
        func edit(_ change: (inout [String: Any]) -> Void) throws {
            var json = try #require(try JSONSerialization.jsonObject(with: original) as? [String: Any])
            change(&json)
            try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: recordPath))
        }

        // A plausible but absurd wall time (Int(1e19) trapped in NumberText): the report is written.
        try edit { $0["wallSeconds"] = 1e19 }
        let huge = try CLI.run(["report", "out"], in: folder)
        expectNoTrap(huge, "report with wallSeconds 1e19")
        #expect(huge.status == 0, "\(huge.stderr)")

        // Implausible records: one line naming the file and the field.
        for (field, change): (String, (inout [String: Any]) -> Void) in [
            ("setup.epochs", { json in var s = json["setup"] as? [String: Any] ?? [:]; s["epochs"] = -1; json["setup"] = s }),
            ("wallSeconds", { $0["wallSeconds"] = -5.0 }),
            ("totalSteps", { $0["totalSteps"] = -1 }),
            ("history", { json in
                var s = json["setup"] as? [String: Any] ?? [:]
                s["epochs"] = 1
                json["setup"] = s
                let history = json["history"] as? [Any] ?? []
                json["history"] = history + history
            }),
        ] {
            try edit(change)
            let r = try CLI.run(["report", "out"], in: folder)
            expectNoTrap(r, "report with a bad \(field)")
            let line = errorLine(r)
            #expect(line.hasPrefix("error: 'out/runs/\(id)/run.json' is not a plausible run record: '\(field)'"), "\(line)")
        }
    }

    @Test func subnormalScheduleChart() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
        schedule:
          library: keras
          name: ExponentialDecay
          params: {initial_learning_rate: 4.9e-324, decay_steps: 100, decay_rate: 0.5}

        """.write(toFile: folder + "/s.yaml", atomically: true, encoding: .utf8)
        for format in ["png", "svg"] {
            let r = try CLI.run(["schedule", "s.yaml", "--format", format, "-o", "s.\(format)"], in: folder)
            expectNoTrap(r, "schedule --format \(format)")
            #expect(r.status == 0, "\(r.stderr)")
        }
        let svg = try String(contentsOfFile: folder + "/s.svg", encoding: .utf8)
        #expect(svg.contains("10⁻³²⁴"))
        #expect(!svg.contains("NaN"))
    }

    @Test func hugeBatchRescaleAndStepCounts() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
        schedule:
          library: pytorch
          name: StepLR
          params: {step_size: 1000, gamma: 0.5, optimizer_lr: 0.1}

        """.write(toFile: folder + "/s.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["schedule", "s.yaml", "--steps", "0,1,2", "--batch-size", "1", "--from-batch-size", "100000000000000"], in: folder)
        expectNoTrap(r, "--from-batch-size 1e14")
        #expect(r.status == 0, "\(r.stderr)")

        try """
        name: big
        train:
          epochs: 2
          schedule:
            library: pytorch
            name: StepLR
            params: {step_size: 9223372036854775807, gamma: 0.5}
            unit: epoch

        """.write(toFile: folder + "/big.yaml", atomically: true, encoding: .utf8)
        let v = try CLI.run(["validate", "big.yaml"], in: folder)
        expectNoTrap(v, "validate step_size Int.max")
        #expect(errorLine(v) == "error: big.yaml:7:25: parameter 'step_size' of StepLR is 9223372036854775807 steps; step counts must be at most 4,294,967,295 (2³² − 1)")
    }

    @Test func deeplyNestedConfigAndYAML() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let deep = "model { ssd { num_classes: 1 } }\ntrain_config {\n" + String(repeating: "a { ", count: 5_000)
            + String(repeating: "}", count: 5_000) + "\n}\n"
        try deep.write(toFile: folder + "/deep.config", atomically: true, encoding: .utf8)
        let schedule = try CLI.run(["schedule", "deep.config"], in: folder)
        expectNoTrap(schedule, "schedule deep.config")
        #expect(errorLine(schedule).hasPrefix("error: deep.config:3:399: messages and lists are nested more than 100 levels deep"))

        try "name: d\ntrain:\n  schedule: {from: deep.config}\n".write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        let validate = try CLI.run(["validate", "sweep.yaml"], in: folder)
        expectNoTrap(validate, "validate with schedule from deep.config")
        #expect(errorLine(validate).contains("deep.config:3:399:"))

        let yaml = "name: d\ntrain: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "\n"
        try yaml.write(toFile: folder + "/deep.yaml", atomically: true, encoding: .utf8)
        let y = try CLI.run(["validate", "deep.yaml"], in: folder)
        expectNoTrap(y, "validate deep.yaml")
        #expect(errorLine(y).hasPrefix("error: deep.yaml:2:"))

        var laughs = ["name: d", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1..<10 { laughs.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        try laughs.joined(separator: "\n").write(toFile: folder + "/laughs.yaml", atomically: true, encoding: .utf8)
        let clock = ContinuousClock()
        var l: CLI.Result?
        let elapsed = try clock.measure { l = try CLI.run(["validate", "laughs.yaml"], in: folder) }
        let result = try #require(l)
        expectNoTrap(result, "validate laughs.yaml")
        #expect(errorLine(result).contains("more than 1,000,000 values once its aliases are expanded"))
        #expect(elapsed < .seconds(20))
    }

    @Test func gzipBombsFailFast() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // An IDX file whose header declares 10 × 28 × 28 images, followed by 100 MB of zeros (~630 KB compressed).
        let header: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 10, 0, 0, 0, 28, 0, 0, 0, 28]
        try Data(gzipWithZeros(prefix: header, zeros: 100_000_000)).write(to: URL(fileURLWithPath: folder + "/images.gz"))
        try Data(gzipWithZeros(prefix: [0, 0, 8, 1, 0, 0, 0, 10], zeros: 10)).write(to: URL(fileURLWithPath: folder + "/labels.gz"))
        try Data(gzipWithZeros(zeros: 100_000_000)).write(to: URL(fileURLWithPath: folder + "/bomb.csv.gz"))
        try "name: b\ndata: {dataset: idx, images: images.gz, labels: labels.gz}\n".write(toFile: folder + "/idx.yaml", atomically: true, encoding: .utf8)
        try "name: b\ndata: {dataset: csv, path: bomb.csv.gz}\n".write(toFile: folder + "/csv.yaml", atomically: true, encoding: .utf8)
        let clock = ContinuousClock()
        for (sweep, expected) in [("idx.yaml", "images.gz:1:1: cannot decompress '"),
                                  ("csv.yaml", "bomb.csv.gz:1:1: '")] {
            var r: CLI.Result?
            let elapsed = try clock.measure { r = try CLI.run(["run", sweep, "-o", "out"], in: folder) }
            let result = try #require(r)
            expectNoTrap(result, sweep)
            let line = errorLine(result)
            #expect(line.contains(expected), "\(line)")
            #expect(line.contains("holds more than the 7856 bytes its header declares") || line.contains("is not CSV text"), "\(line)")
            #expect(elapsed < .seconds(20), "\(sweep) took \(elapsed)")
        }
    }
}
