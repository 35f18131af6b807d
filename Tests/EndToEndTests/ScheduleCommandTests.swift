import Foundation
import Testing

/// `lrlab schedule` run as a user runs it.
@Suite struct ScheduleCommandTests {
    static var sample: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Samples/od-cosine.config").path
    }

    @Test func csvValuesOfTheLectureNotesConfig() throws {
        let r = try CLI.run(["schedule", Self.sample, "--steps", "0,1250,2500,151250,300000,300001"], in: try temporaryFolder())
        #expect(r.status == 0)
        let rows = r.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first == "step,learning_rate")
        let values = rows.dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(values.map { $0[0] } == ["0", "1250", "2500", "151250", "300000", "300001"])
        let rates = values.map { Double($0[1]) ?? .nan }
        let expected = [0.001, 0.0405, 0.08, 0.04, 0, 0]
        for (a, b) in zip(rates, expected) { #expect(abs(a - b) <= 2e-6 * b + 2e-7 * 0.08) }
    }

    @Test func rangeAndJSON() throws {
        let r = try CLI.run(["schedule", Self.sample, "--steps", "0:5000:2500", "--format", "json"], in: try temporaryFolder())
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"steps\": [0, 2500]"))
        #expect(r.stdout.contains("\"name\": \"cosine_decay_learning_rate\""))
    }

    @Test func pngIsWritten() throws {
        let folder = try temporaryFolder()
        let r = try CLI.run(["schedule", Self.sample, "--format", "png", "-o", "cosine.png"], in: folder)
        #expect(r.status == 0)
        #expect(r.stdout == "cosine.png\n")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/cosine.png"))
        #expect(pngSize(data)?.0 == 1600)
    }

    @Test func explainPrintsPhases() throws {
        let r = try CLI.run(["schedule", Self.sample, "--explain"], in: try temporaryFolder())
        #expect(r.status == 0)
        #expect(r.stdout.contains("steps 0–2,500: linear warmup from 0.001 to 0.08\n"))
        #expect(r.stdout.contains("after step 300,000: 0\n"))
    }

    @Test func badFileIsOneLocatedErrorLine() throws {
        let folder = try temporaryFolder()
        try "train_config {\n  optimizer { momentum_optimizer { learning_rate { cosine_decay_learning_rate {\n    total_steps: 100 warmup_steps: 500 } } } }\n}\n"
            .write(toFile: folder + "/bad.config", atomically: true, encoding: .utf8)
        let r = try CLI.run(["schedule", "bad.config"], in: folder)
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("error: bad.config:3:") == true)
    }

    @Test func badStepsAndYAMLErrors() throws {
        let folder = try temporaryFolder()
        try "schedule:\n  library: keras\n  name: CosineDecy\n  params: {initial_learning_rate: 0.1, decay_steps: 10}\n"
            .write(toFile: folder + "/s.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["schedule", "s.yaml"], in: folder)
        #expect(r.status != 0)
        #expect(r.stderr.hasPrefix("error: s.yaml:3:9: unknown keras schedule 'CosineDecy' (did you mean 'CosineDecay'?)"))
        let s = try CLI.run(["schedule", Self.sample, "--steps", "9:3"], in: folder)
        #expect(s.status != 0)
        #expect(s.stderr.hasPrefix("error: --steps:"))
    }
}
