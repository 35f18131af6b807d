import ArgumentParser
import Charts
import Diagnostics
import Foundation
import ScheduleCharts
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
                try writeTable(sources[0], steps: requested, json: kind == "json")
                if let output { Console.output(output) }
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

    /// The table of `source` at the requested steps, or by default at steps 0 to the end of the
    /// schedule or `num_steps`, whichever is later (computed and written in chunks).
    private func writeTable(_ source: ScheduleSource, steps requested: [Int]?, json: Bool) throws(InputError) {
        let schedule = source.spec.makeSchedule()
        let sink = try output.map { path throws(InputError) in try TableSink(path: path) } ?? TableSink()
        do {
            if let requested {
                let rates = schedule.learningRates(at: requested)
                try sink.write(json ? ScheduleTable.json(spec: source.spec, steps: requested, rates: rates)
                                    : ScheduleTable.csv(steps: requested, rates: rates))
            } else {
                let count = source.defaultStepCount(schedule.info)
                if json {
                    try ScheduleTable.json(spec: source.spec, schedule: schedule, count: count, to: sink)
                } else {
                    try ScheduleTable.csv(schedule, count: count, to: sink)
                }
            }
            try sink.finish()
        } catch {
            sink.discard()
            throw error
        }
    }
}

extension Console {
    /// Writes `text` to stdout as is (no newline added).
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
