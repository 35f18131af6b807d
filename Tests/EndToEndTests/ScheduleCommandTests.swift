import Diagnostics
import Foundation
@testable import lrlab
import ScheduleCharts
import TestSupport
import Testing

/// `lrlab schedule` run as a user runs it.
@Suite struct ScheduleCommandTests {
    static var sample: String {
        PackagePaths.root + "/Samples/od-cosine.config"
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

    @Test func pdfIsWrittenAndReplacedOnTheNextRun() throws {
        let folder = try temporaryFolder()
        let r = try CLI.run(["schedule", Self.sample, "--format", "pdf"], in: folder)
        #expect(r.status == 0)
        #expect(r.stdout == "od-cosine.pdf\n")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/od-cosine.pdf"))
        #expect(data.starts(with: Array("%PDF-".utf8)))
        #expect(String(decoding: data, as: UTF8.self).contains("/MediaBox [ 0 0 800 500 ]"))
        // -o's extension chooses PDF too, and lrlab replaces the PDF it wrote (the same bytes again).
        let again = try CLI.run(["schedule", Self.sample, "-o", "od-cosine.pdf"], in: folder)
        #expect(again.status == 0 && again.stdout == "od-cosine.pdf\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/od-cosine.pdf")) == data)
        // A PDF lrlab did not write is refused.
        try Data("%PDF-1.4\n% someone else's\n%%EOF\n".utf8).write(to: URL(fileURLWithPath: folder + "/theirs.pdf"))
        let refused = try CLI.run(["schedule", Self.sample, "-o", "theirs.pdf"], in: folder)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("was not written by lrlab"))
    }

    @Test func explainPrintsPhases() throws {
        let r = try CLI.run(["schedule", Self.sample, "--explain"], in: try temporaryFolder())
        #expect(r.status == 0)
        #expect(r.stdout.contains("steps 0–2,500: linear warmup from 0.001 to 0.08\n"))
        #expect(r.stdout.contains("after step 300,000: 0\n"))
    }

    /// The rows of a CSV table as (step, rate), after checking its header.
    func table(_ csv: String) -> [(step: Int, rate: Double)] {
        let rows = csv.split(separator: "\n")
        #expect(rows.first == "step,learning_rate")
        return rows.dropFirst().map { row in
            let cells = row.split(separator: ",")
            return (Int(cells.first ?? "") ?? -1, Double(cells.last ?? "") ?? .nan)
        }
    }

    @Test func aLongDefaultRangeIsSampledAndSaysSo() throws {
        // The lecture notes' config at batch 1: 307,200,000 training steps (337,920,000 drawn).
        let r = try CLI.run(["schedule", Self.sample, "--batch-size", "1"], in: try temporaryFolder())
        #expect(r.status == 0)
        let rows = table(r.stdout)
        #expect(rows.count > 10_000 && rows.count <= 10_020)
        #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.step < $1.step })
        #expect(rows.first?.step == 0 && rows.last?.step == 337_919_999)
        let steps = Set(rows.map(\.step))
        for s in [33_792, 2_559_999, 2_560_000, 307_199_999] { #expect(steps.contains(s), "step \(s)") }
        #expect(rows.first { $0.step == 2_560_000 }?.rate == 0.08 / 1024)
        let note = r.stderr.split(separator: "\n")
        #expect(note.count == 1)
        #expect(note.first?.hasPrefix("note: 337,920,000 steps; printing 10,0") == true)
        #expect(note.first?.contains(" of them (every 33,792nd step, ") == true)
        #expect(note.first?.hasSuffix("; use --steps START:STOP to print a range in full") == true)
        // JSON samples the same steps.
        let j = try CLI.run(["schedule", Self.sample, "--batch-size", "1", "--format", "json"], in: try temporaryFolder())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
        #expect((object["steps"] as? [Int]) == rows.map(\.step))
        #expect((object["learning_rates"] as? [Double])?.count == rows.count)
        #expect(j.stderr == r.stderr)
    }

    @Test func aShortDefaultRangeIsPrintedInFullWithoutANote() throws {
        let r = try CLI.run(["schedule", Self.sample, "--batch-size", "8192"], in: try temporaryFolder())
        #expect(r.status == 0 && r.stderr.isEmpty)
        // 300,000 × 1024/8192 = 37,500 training steps; the schedule drawn a little past its end.
        let rows = table(r.stdout)
        #expect(rows.map(\.step) == Array(0..<41_250))
    }

    @Test func anExplicitRangeIsPrintedInFullPieceByPiece() throws {
        let folder = try temporaryFolder()
        // More rows than one piece (ScheduleTable.chunkSize), and past the old 10-million-step limit with a STEP.
        let r = try CLI.run(["schedule", Self.sample, "--batch-size", "1", "--steps", "2500000:2700000"], in: folder)
        #expect(r.status == 0 && r.stderr.isEmpty)
        let rows = table(r.stdout)
        #expect(rows.map(\.step) == Array(2_500_000..<2_700_000))
        #expect(rows.first { $0.step == 2_560_000 }?.rate == 0.08 / 1024)
        let wide = try CLI.run(["schedule", Self.sample, "--batch-size", "1", "--steps", "0:400000000:4000", "--format", "json", "-o", "wide.json"], in: folder)
        #expect(wide.status == 0 && wide.stdout == "wide.json\n")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/wide.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((object["steps"] as? [Int]) == Array(stride(from: 0, to: 400_000_000, by: 4000)))
        let rates = try #require(object["learning_rates"] as? [Double])
        #expect(rates.count == 100_000 && rates.last == 0)
    }

    @Test func chartsOfHugeSchedulesAndRanges() throws {
        let folder = try temporaryFolder()
        try "schedule: {library: pytorch, name: OneCycleLR, params: {max_lr: 0.1, total_steps: 4000000000}}\n"
            .write(toFile: folder + "/one.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["schedule", "one.yaml", "--compare", Self.sample, "-o", "c.svg"], in: folder)
        #expect(r.status == 0 && r.stdout == "c.svg\n")
        let s = try CLI.run(["schedule", Self.sample, "--steps", "0:4000000000", "-o", "s.png"], in: folder)
        #expect(s.status == 0 && s.stdout == "s.png\n")
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

    /// exponential_decay_learning_rate with decay_steps 800 (staircase by proto default) and num_steps 60,000.
    static let expDecayConfig = """
    train_config {
      batch_size: 32
      num_steps: 60000
      optimizer {
        momentum_optimizer {
          learning_rate {
            exponential_decay_learning_rate {
              initial_learning_rate: 0.004
              decay_steps: 800
              decay_factor: 0.95
            }
          }
          momentum_optimizer_value: 0.9
        }
        use_moving_average: false
      }
    }

    """

    @Test func defaultCSVRunsToNumSteps() throws {
        let folder = try temporaryFolder()
        try Self.expDecayConfig.write(toFile: folder + "/exp.config", atomically: true, encoding: .utf8)
        let r = try CLI.run(["schedule", "exp.config"], in: folder)
        #expect(r.status == 0)
        let rows = r.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 60_001)
        #expect(Array(rows.prefix(3)) == ["step,learning_rate", "0,0.004", "1,0.004"])
        #expect(rows.last == "59999,8.986828e-05")
        // float32 0.004 · 0.95^⌊s/800⌋ (SCHEDULES.md §4.1, staircase true).
        for s in [799, 800, 7999, 8000, 30_000, 59_999] {
            let value = Float(rows[s + 1].split(separator: ",")[1]) ?? .nan
            #expect(value == Float(0.004) * pow(Float(0.95), Float(s / 800)))
        }
        let o = try CLI.run(["schedule", "exp.config", "-o", "exp.csv"], in: folder)
        #expect(o.stdout == "exp.csv\n")
        #expect(try String(contentsOfFile: folder + "/exp.csv", encoding: .utf8) == r.stdout)
        #expect(!FileManager.default.fileExists(atPath: folder + "/exp.csv.partial"))
    }

    @Test func defaultJSONRunsToNumSteps() throws {
        let folder = try temporaryFolder()
        try Self.expDecayConfig.write(toFile: folder + "/exp.config", atomically: true, encoding: .utf8)
        let r = try CLI.run(["schedule", "exp.config", "--format", "json"], in: folder)
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let steps = try #require(object["steps"] as? [Int])
        #expect(steps.count == 60_000 && steps.last == 59_999)
    }

    @Test func explainNamesTheStaircaseAndTheTail() throws {
        let folder = try temporaryFolder()
        try Self.expDecayConfig.write(toFile: folder + "/exp.config", atomically: true, encoding: .utf8)
        let r = try CLI.run(["schedule", "exp.config", "--explain"], in: folder)
        #expect(r.status == 0)
        #expect(r.stdout.contains("  steps 0–8,000: exponential decay from 0.004 to 0.00239495; a staircase: the rate drops ×0.95 once every 800 steps (first at step 800), not smoothly\n"))
        #expect(r.stdout.contains("  after step 8,000, to num_steps (60,000): goes from 0.00239495 down to 8.98683e-5, still dropping once every 800 steps\n"))
    }

    @Test func svgIsWrittenForALongNumSteps() throws {
        let folder = try temporaryFolder()
        try Self.expDecayConfig.write(toFile: folder + "/exp.config", atomically: true, encoding: .utf8)
        let r = try CLI.run(["schedule", "exp.config", "--format", "svg"], in: folder)
        #expect(r.status == 0 && r.stdout == "exp.svg\n")
        let svg = try String(contentsOfFile: folder + "/exp.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") && svg.contains("<svg"))
    }

    @Test func goldenManualStepConfigRunsToNumSteps() throws {
        let config = PackagePaths.shared + "/golden/od-configs/faster_rcnn_resnet50_v1_640x640_manual_step.config"
        let r = try CLI.run(["schedule", config], in: try temporaryFolder())
        #expect(r.status == 0)
        let rows = r.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 90_001)
        #expect(rows.last == "89999,2e-05")
        let e = try CLI.run(["schedule", config, "--explain"], in: try temporaryFolder())
        #expect(e.stdout.contains("  from step 80,000 to num_steps (90,000): constant at 2e-5\n"))
        #expect(e.stdout.contains("warning: num_steps (90,000) runs past the last schedule step (80,000)"))
    }
}

/// `lrlab schedule`'s options as the command line gives them, and the one `error:` line a wrong one gets.
@Suite struct ScheduleOptionTests {
    @Test func stepsListAndRange() throws {
        func steps(_ text: String) throws -> [Int] { Array(try StepsSpec.parse(text).chunks.joined()) }
        #expect(try steps("0,10,2500") == [0, 10, 2500])
        #expect(try steps("0:10:3") == [0, 3, 6, 9])
        #expect(try steps("5:8") == [5, 6, 7])
        #expect(try steps(" 300000 ") == [300_000])
        // A range longer than any list may be: counted, drawn from about 8,000 of its steps.
        let long = try StepsSpec.parse("0:4294967295")
        #expect(long.count == 4_294_967_295)
        #expect(long.chartSteps.count == 4 * ScheduleCurve.sampleLimit + 1)
        #expect(long.chartSteps.first == 0 && long.chartSteps.last == 4_294_967_294)
        #expect(try StepsSpec.parse("3:20:4").chartSteps == [3, 7, 11, 15, 19])
    }

    @Test(arguments: ["", "1,,2", "a", "-1", "5:5", "5:1", "0:10:0", "1:2:3:4", "0:1e9", "0:99999999999"])
    func stepsRejects(_ text: String) {
        #expect(throws: InputError.self) { try StepsSpec.parse(text) }
    }

    @Test func stepsErrorsSayWhatIsWrong() {
        #expect(throws: InputError("--steps: STOP (5) must be larger than START (10); STOP is exclusive")) {
            try StepsSpec.parse("10:5")
        }
    }

    @Test func formatFromTheOptionElseTheOutputsExtension() throws {
        #expect(try ScheduleCommand.parse(["s.yaml"]).outputFormat() == .csv)
        #expect(try ScheduleCommand.parse(["s.yaml", "-o", "a.SVG"]).outputFormat() == .svg)
        #expect(try ScheduleCommand.parse(["s.yaml", "--output", "a.txt"]).outputFormat() == .csv)
        #expect(try ScheduleCommand.parse(["s.yaml", "--format", "png", "-o", "a.svg"]).outputFormat() == .png)
        #expect(try ScheduleCommand.parse(["s.yaml", "-o", "a.pdf"]).outputFormat() == .pdf)
    }

    @Test func choicesAreCheckedInLrlabsWords() throws {
        #expect(try ChoiceText<BatchRescale.Rule>(argument: "sqrt")?.choice(for: "--rule") == .sqrt)
        #expect(throws: InputError("--format must be one of csv, json, png, svg, pdf, got 'jsn'", suggestion: "json")) {
            try ChoiceText<ScheduleFormat>(argument: "jsn")?.choice(for: "--format")
        }
    }

    @Test func batchRescaleOptions() throws {
        #expect(try BatchRescaleOptions.parse([]).rescale() == nil)
        #expect(try BatchRescaleOptions.parse(["--batch-size", "64"]).rescale() == BatchRescale(batchSize: 64))
        let sqrt = try BatchRescaleOptions.parse(["--batch-size", "64", "--from-batch-size", "256", "--rule", "sqrt"])
        #expect(try sqrt.rescale() == BatchRescale(batchSize: 64, rule: .sqrt))
    }

    @Test(arguments: [
        (["--format", "jsn"], "--format must be one of csv, json, png, svg, pdf, got 'jsn' (did you mean 'json'?)"),
        (["--rule", "sqr"], "--rule must be one of linear, sqrt, none, got 'sqr' (did you mean 'sqrt'?)"),
        (["--rule", "sqrt"], "--from-batch-size and --rule need --batch-size"),
        (["--batch-size", "0"], "--batch-size must be a positive integer, got '0'"),
        (["--batch-size", "64", "--rule", "bogus", "--from-batch-size", "x"], "--from-batch-size must be a positive integer, got 'x'"),
        (["--steps", "9:3"], "--steps: STOP (3) must be larger than START (9); STOP is exclusive"),
        (["--steps", "x", "--format", "pdf"], "--steps: 'x' is not a whole number"),
    ])
    func badOptionsGetOneErrorLine(_ options: [String], _ message: String) throws {
        let r = try CLI.run(["schedule", ScheduleCommandTests.sample] + options, in: try temporaryFolder())
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "error: " + message + "\n")
    }

    @Test func aFileWithoutABatchSizeNeedsFromBatchSize() throws {
        let folder = try temporaryFolder()
        try "schedule: {library: pytorch, name: StepLR, params: {step_size: 10}}\n"
            .write(toFile: folder + "/s.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["schedule", "s.yaml", "--batch-size", "64"], in: folder)
        #expect(r.status == 2)
        #expect(r.stderr == "error: --batch-size needs --from-batch-size: 's.yaml' does not say which batch size its schedule was written for\n")
        let ok = try CLI.run(["schedule", "s.yaml", "--batch-size", "64", "--from-batch-size", "256", "--steps", "0,39,40"], in: folder)
        #expect(ok.stdout == "step,learning_rate\n0,0.25\n39,0.25\n40,0.025\n")
    }
}
