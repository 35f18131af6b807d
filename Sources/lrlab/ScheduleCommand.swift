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

    /// `-o`'s help for this command.
    enum Output: OutputHelp {
        static let text = "Where to write (default: stdout for csv/json, FILE's name + .png/.svg/.pdf)."
    }

    @Argument(help: "A YAML/JSON file with a top-level 'schedule' mapping, or a pipeline.config.")
    var file: String

    @Option(help: "Steps: a list 0,10,2500 or a range START:STOP[:STEP] (STOP exclusive). Default: the whole schedule (of one over 100,000 steps, about 10,000 steps and its phase boundaries).")
    var steps: String?

    @Option(help: "csv | json | png | svg | pdf (default: from -o's extension, else csv).")
    var format: ChoiceText<ScheduleFormat>?

    @OptionGroup var output: OutputOption<Output>

    @Flag(help: "Explain the schedule phase by phase, with defaults taken and warnings.")
    var explain = false

    @Option(name: .customLong("compare"), help: "Another schedule file to overlay on the chart (repeatable).")
    var compare: [String] = []

    @OptionGroup var rescale: BatchRescaleOptions

    func validate() throws {
        try reportingErrors {
            _ = try steps.map { text throws(InputError) in try StepsSpec.parse(text) }
            _ = try outputFormat()
        }
    }

    func run() throws {
        try reportingErrors {
            if let path = output.path { try refuseForeignFile(path) }
            var sources: [ScheduleSource] = []
            for path in [file] + compare {
                sources.append(try rescale.apply(to: try ScheduleSource.read(path: path)))
            }
            let requested = try steps.map { text throws(InputError) in try StepsSpec.parse(text) }
            let kind = try outputFormat()
            if explain {
                for source in sources { Console.write(ScheduleExplanation(source).text) }
                if format == nil && output.path == nil { return }
            }
            guard let first = sources.first else { return }
            if kind.isTable {
                try writeTable(first, steps: requested, json: kind == .json)
                if let path = output.path { Console.output(path) }
            } else {
                let chartSteps = requested?.chartSteps
                let chart = sources.count == 1 ? ScheduleChart.single(first, steps: chartSteps)
                    : ScheduleChart.compare(sources, steps: chartSteps)
                let path = output.path ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + "." + kind.rawValue
                switch kind {
                case .svg: try render(chart, svg: path)
                case .pdf: try render(chart, pdf: path)
                default: try render(chart, png: path)
                }
                Console.output(path)
            }
        }
    }

    /// `--format`, else `-o`'s extension when it names a format, else csv.
    func outputFormat() throws(InputError) -> ScheduleFormat {
        if let format { return try format.choice(for: "--format") }
        let ext = output.path.map { URL(fileURLWithPath: $0).pathExtension.lowercased() } ?? ""
        return ScheduleFormat(rawValue: ext) ?? .csv
    }

    /// The table of `source` at the requested steps, or by default at steps 0 to the end of the
    /// schedule or `num_steps`, whichever is later: every step up to 100,000 of them, else a
    /// sample (`TableSampling`, said on stderr). Computed and written a piece at a time.
    private func writeTable(_ source: ScheduleSource, steps requested: StepsSpec?, json: Bool) throws(InputError) {
        let schedule = source.spec.makeSchedule()
        let chunks: StepChunks
        if let requested {
            chunks = requested.chunks
        } else {
            let sampling = TableSampling(source, info: schedule.info)
            if let note = sampling.note { Console.progress(note) }
            chunks = sampling.isFull ? StepChunks(count: sampling.count) : StepChunks(sampling.steps)
        }
        let sink = try output.path.map { path throws(InputError) in try TableSink(path: path) } ?? TableSink()
        do {
            if json {
                try ScheduleTable.json(spec: source.spec, schedule: schedule, steps: chunks, to: sink.write)
            } else {
                try ScheduleTable.csv(schedule, steps: chunks, to: sink.write)
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
