import ArgumentParser
import Diagnostics
import Foundation
import LogImport
import Reports
import Results

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn Keras, Lightning or TensorBoard training logs into lrlab runs and write their report.",
        discussion: """
            Reads Keras CSVLogger files (epoch,accuracy,loss,val_accuracy,val_loss) or PyTorch Lightning \
            CSVLogger folders (lightning_logs/version_N with metrics.csv and hparams.yaml), or TensorBoard \
            run folders (events.out.tfevents.* files: SummaryWriter, TensorBoardLogger, Keras' TensorBoard \
            callback), found at or under each PATH, into DIR/runs/, then writes the report into DIR. Grid \
            points come from the logs' hyperparameters (hparams.yaml, add_hparams), from --pattern on file \
            and folder names, or from \
            --grid-file. What the logs do not say is marked as not known and said once as a note.
            """)

    enum Output: OutputHelp {
        static let text = "The folder to write the runs and the report into."
    }

    @Argument(help: "Log files or folders (searched for logs).")
    var paths: [String]

    @OptionGroup var output: OutputOption<Output>

    @Option(help: ArgumentHelp("The logs' kind: \(LogFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: detected).",
                               valueName: "format"))
    var format: String?

    @Option(help: ArgumentHelp("Grid values in file and folder names, e.g. 'bs{train.batch_size}_lr{train.learning_rate}'.",
                               valueName: "pattern"))
    var pattern: String?

    @Option(help: ArgumentHelp("A YAML file giving each run's grid values: RUN-NAME: {train.batch_size: 64, ...}.",
                               valueName: "file"))
    var gridFile: String?

    @Option(name: .customLong("metric"),
            help: ArgumentHelp("Which logged column or tag is which metric, e.g. validation_accuracy=my_val_acc (repeatable).",
                               valueName: "metric=column"))
    var metrics: [String] = []

    @Option(help: ArgumentHelp("Training examples per epoch (Keras logs do not hold it; Lightning's steps bound it).", valueName: "n"))
    var trainSize: Int?

    @Option(help: ArgumentHelp("Validation examples (default: read from the logged accuracies, k / N).", valueName: "n"))
    var validationSize: Int?

    @Option(help: ArgumentHelp("Test examples (default: read from the logged accuracies, k / N).", valueName: "n"))
    var testSize: Int?

    @Flag(help: "Write the runs and results tables only, not the report.")
    var noReport = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one log file or folder") }
        for path in paths { try requireNonEmptyPath(path, what: "a log path") }
        if output.path == nil { throw ValidationError("give the output folder with -o DIR") }
        for (name, value) in [("--train-size", trainSize), ("--validation-size", validationSize), ("--test-size", testSize)] {
            if let value, !(1...1_000_000_000_000).contains(value) {
                throw ValidationError("\(name) must be from 1 to 1,000,000,000,000, got \(value)")
            }
        }
        if let format, LogFormat(rawValue: format) == nil {
            throw ValidationError("--format must be one of \(LogFormat.allCases.map(\.rawValue).joined(separator: ", ")), got \(quoted(format))")
        }
    }

    func run() throws {
        try reportingErrors {
            guard let directory = output.path else { throw InputError("give the output folder with -o DIR") }
            // Everything is read and checked before anything is written.
            let names = try MetricNames(options: metrics)
            let grid = GridSource(pattern: try pattern.map { p throws(InputError) in try NamePattern(p) },
                                  mapping: try gridFile.map { f throws(InputError) in try GridSource.readMapping(f) } ?? [:])
            let importer = LogImporter(format: format.flatMap(LogFormat.init(rawValue:)), names: names)
            let (kind, runs) = try importer.read(paths)
            let sweepName = (directory as NSString).standardizingPath.split(separator: "/").last.map(String.init) ?? "import"
            let imported = try RunConversion.records(runs, format: kind, grid: grid,
                                                      sizes: DataSizes(train: trainSize, validation: validationSize, test: testSize),
                                                      sweepName: sweepName)
            for note in imported.notes { Console.progress("note: \(note)") }
            try checkOutputFolder(directory)
            let store = RunStore(directory: directory)
            let folderLock = try FolderLock.forFolder(directory)
            defer { folderLock.unlock() }
            try claimOutputFolder(directory)
            try store.prepare()
            for record in imported.records { try store.save(record, replace: true) }
            Console.progress("imported \(imported.records.count) run\(imported.records.count == 1 ? "" : "s") (\(kind.title)) into \(quoted(store.runsDirectory))")
            let others = store.finishedIds().subtracting(imported.records.map(\.runId)).count
            if noReport {
                do {
                    for path in try ResultsTable.write(imported.records, to: directory) { Console.output(path) }
                } catch {
                    throw StoreError("cannot write the results tables in \(quoted(directory)): \(plainText(error))")
                }
            } else {
                let paths = try ReportWriter().write(runs: imported.records, to: directory, otherRuns: others)
                if let index = paths.first { Console.output(index) }
            }
        }
    }
}
