import ArgumentParser
import Charts
import Diagnostics
import Foundation
import SchedulePlots
import Schedules

/// `lrlab schedule FILE`: evaluates a learning-rate schedule and prints or draws it.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Evaluate a learning-rate schedule (YAML/JSON or a TF OD API pipeline.config) and print or draw it.")

    @Argument(help: "A YAML/JSON file with a top-level 'schedule' mapping, or a pipeline.config.")
    var file: String

    @Option(help: "Steps: a list 0,10,2500 or a range START:STOP[:STEP] (STOP exclusive). Default: the whole schedule.")
    var steps: String?

    @Option(help: "csv | json | png | svg (default: from -o's extension, else csv).")
    var format: String?

    @Option(name: [.short, .customLong("output")], help: "Where to write (default: stdout for csv/json, FILE's name + .png/.svg).")
    var output: String?

    @Flag(help: "Explain the schedule phase by phase, with defaults taken and warnings.")
    var explain = false

    @Option(name: .customLong("compare"), help: "Another schedule file to overlay on the chart (repeatable).")
    var compare: [String] = []

    @Option(name: .customLong("batch-size"), help: "Rescale the schedule for this batch size.")
    var batchSize: String?

    @Option(name: .customLong("from-batch-size"), help: "The batch size the schedule was written for (default: the file's).")
    var fromBatchSize: String?

    @Option(help: "How rates follow the batch size: linear | sqrt | none (default linear).")
    var rule: String?

    func run() throws {
        try reportingErrors {
            let rescale = try batchRescale()
            var sources: [ScheduleSource] = []
            for path in [file] + compare {
                var source = try ScheduleSource.read(path: path)
                if let rescale { source = try rescale.apply(to: source) }
                sources.append(source)
            }
            let requested = try steps.map { text throws(InputError) in try StepsSpec.parse(text).steps }
            let kind = try outputFormat()
            if explain {
                for source in sources { Console.write(ScheduleExplanation(source).text) }
                if format == nil && output == nil { return }
            }
            switch kind {
            case "csv", "json":
                let schedule = sources[0].spec.makeSchedule()
                let list = requested ?? Array(0..<schedule.info.defaultSteps)
                let rates = schedule.learningRates(at: list)
                let text = kind == "csv" ? ScheduleTable.csv(steps: list, rates: rates)
                    : ScheduleTable.json(spec: sources[0].spec, steps: list, rates: rates)
                if let output {
                    try write(text, to: output)
                    Console.output(output)
                } else {
                    Console.write(text)
                }
            default:
                let chart = sources.count == 1 ? ScheduleChart.single(sources[0], steps: requested)
                    : ScheduleChart.compare(sources, steps: requested)
                let path = output ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + "." + kind
                if kind == "png" { try renderPNG(chart, to: path) } else { try renderSVG(chart, to: path) }
                Console.output(path)
            }
        }
    }

    /// `--format`, else `-o`'s extension when it names a format, else csv.
    func outputFormat() throws(InputError) -> String {
        let formats = ["csv", "json", "png", "svg"]
        if let format {
            guard formats.contains(format) else {
                throw InputError("--format must be one of \(formats.joined(separator: ", ")), got '\(format)'",
                                 suggestion: closestMatch(to: format, among: formats))
            }
            return format
        }
        let ext = output.map { URL(fileURLWithPath: $0).pathExtension.lowercased() } ?? ""
        return formats.contains(ext) ? ext : "csv"
    }

    func batchRescale() throws(InputError) -> BatchRescale? {
        func count(_ text: String?, _ option: String) throws(InputError) -> Int? {
            guard let text else { return nil }
            guard let n = Int(text), n >= 1 else { throw InputError("\(option) must be a positive integer, got '\(text)'") }
            return n
        }
        let target = try count(batchSize, "--batch-size")
        let from = try count(fromBatchSize, "--from-batch-size")
        let ruleNames = BatchRescale.Rule.allCases.map(\.rawValue)
        if let rule, BatchRescale.Rule(rawValue: rule) == nil {
            throw InputError("--rule must be one of \(ruleNames.joined(separator: ", ")), got '\(rule)'",
                             suggestion: closestMatch(to: rule, among: ruleNames))
        }
        guard let target else {
            if from != nil || rule != nil { throw InputError("--from-batch-size and --rule need --batch-size") }
            return nil
        }
        return BatchRescale(batchSize: target, fromBatchSize: from, rule: rule.flatMap(BatchRescale.Rule.init) ?? .linear)
    }

    private func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InputError("cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}

extension Console {
    /// Writes `text` to stdout as is (no newline added).
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
