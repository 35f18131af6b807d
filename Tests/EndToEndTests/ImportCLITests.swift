import Foundation
import TestSupport
import Testing

/// `lrlab import` end to end on the committed Keras and Lightning logs: the runs, the report and
/// findings.json are written; bad logs give one located `error:` line, exit 2 and no output folder.
@Suite struct ImportCLITests {
    static let fixtures = PackagePaths.fixtures + "/import"

    struct Findings: Decodable {
        struct Item: Decodable { var kind: String; var text: String }
        var findings: [Item]
    }

    func runIds(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder + "/runs").filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func kerasLogsWithAPattern() throws {
        let base = try temporaryFolder("lrlab-import")
        let result = try CLI.run(["import", Self.fixtures + "/keras", "-o", "out", "--train-size", "2048",
                                  "--pattern", "bs{train.batch_size}_lr{train.learning_rate}"], in: base)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "out/index.html\n")
        #expect(result.stderr.contains("imported 6 runs (Keras CSVLogger)"))
        #expect(try runIds(base + "/out") == ["lr0.01-batch1024-r0", "lr0.01-batch256-r0", "lr0.01-batch64-r0",
                                              "lr0.1-batch1024-r0", "lr0.1-batch256-r0", "lr0.1-batch64-r0"])
        let data = try #require(FileManager.default.contents(atPath: base + "/out/findings.json"))
        let findings = try JSONDecoder().decode(Findings.self, from: data).findings
        let best = try #require(findings.first { $0.kind == "best" })
        #expect(best.text.contains("highest final validation accuracy"))
        let csv = try String(contentsOfFile: base + "/out/results.csv", encoding: .utf8)
        let header = csv.split(separator: "\n").first.map { $0.split(separator: ",").map(String.init) } ?? []
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let column = try #require(header.firstIndex(of: "final_validation_accuracy"))
        #expect(rows.count == 6)
        #expect(rows.allSatisfy { column < $0.count && Double($0[column]) != nil })
        #expect(FileManager.default.fileExists(atPath: base + "/out/index.html"))
    }

    @Test func lightningLogsWithHparams() throws {
        let base = try temporaryFolder("lrlab-import")
        let result = try CLI.run(["import", Self.fixtures + "/lightning", "-o", "out"], in: base)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("note: training-set size taken as 2048 examples"))
        #expect(result.stderr.components(separatedBy: "no per-epoch test metrics").count == 2, "a note is said once")
        #expect(try runIds(base + "/out").count == 6)
        let data = try #require(FileManager.default.contents(atPath: base + "/out/findings.json"))
        let kinds = try JSONDecoder().decode(Findings.self, from: data).findings.map(\.kind)
        #expect(kinds.contains("best") && kinds.contains("steps-to-target") && kinds.contains("updates"))
        let page = try String(contentsOfFile: base + "/out/index.html", encoding: .utf8)
        #expect(page.contains("Lightning CSVLogger logs by learning rate × batch size"))
    }

    /// The same six Lightning trainings logged by its `TensorBoardLogger` (event files written by
    /// Lightning itself, with `hparams.yaml` beside them) import to the very table its
    /// `CSVLogger` logs give: grid values, update counts, the learning rate from
    /// `LearningRateMonitor`'s `lr-SGD` (per step, even when a run logs it at fewer points than it
    /// has epochs), every figure to the last digit.
    @Test func lightningTensorBoardLoggerMatchesItsCSVLogger() throws {
        let base = try temporaryFolder("lrlab-import")
        let tensorboard = try CLI.run(["import", Self.fixtures + "/lightning-tb", "-o", "tb", "--no-report"], in: base)
        #expect(tensorboard.status == 0, "\(tensorboard.stderr)")
        #expect(tensorboard.stderr.contains("imported 6 runs (TensorBoard)"), "\(tensorboard.stderr)")
        #expect(!tensorboard.stderr.contains("lr-SGD"), "the rate monitor's tag is mapped, not listed as unknown")
        let csv = try CLI.run(["import", Self.fixtures + "/lightning", "-o", "csv", "--no-report"], in: base)
        #expect(csv.status == 0, "\(csv.stderr)")
        let fromEvents = try String(contentsOfFile: base + "/tb/results.csv", encoding: .utf8)
        let fromCSV = try String(contentsOfFile: base + "/csv/results.csv", encoding: .utf8)
        #expect(fromEvents == fromCSV)
        #expect(fromEvents.contains("lr0.1-batch1024-r0,finished,1024,0.1,sgd,constant,0,3,6,"))
    }

    /// The same six Keras trainings logged by its `TensorBoard` callback (Keras 3.15, event files
    /// in `train/` and `validation/` written through tensorflow) import to the figures its
    /// `CSVLogger` gives, every column but the schedule: the event files carry the learning rate
    /// per epoch (`epoch_learning_rate`, so "constant"), the CSV files do not.
    @Test func kerasTensorBoardCallbackMatchesItsCSVLogger() throws {
        let base = try temporaryFolder("lrlab-import")
        let flags = ["--pattern", "bs{train.batch_size}_lr{train.learning_rate}", "--train-size", "2048", "--no-report"]
        let tensorboard = try CLI.run(["import", Self.fixtures + "/keras-tb", "-o", "tb"] + flags, in: base)
        #expect(tensorboard.status == 0, "\(tensorboard.stderr)")
        #expect(tensorboard.stderr.contains("imported 6 runs (TensorBoard)"), "\(tensorboard.stderr)")
        let csv = try CLI.run(["import", Self.fixtures + "/keras", "-o", "csv"] + flags, in: base)
        #expect(csv.status == 0, "\(csv.stderr)")
        func table(_ path: String) throws -> [[String]] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            guard let schedule = rows.first?.firstIndex(of: "schedule") else { return rows }
            return rows.map { row in row.enumerated().filter { $0.offset != schedule }.map(\.element) }
        }
        let fromEvents = try table(base + "/tb/results.csv"), fromCSV = try table(base + "/csv/results.csv")
        #expect(fromEvents.count == 7)
        #expect(fromEvents == fromCSV)
        #expect(try String(contentsOfFile: base + "/tb/results.csv", encoding: .utf8).contains(",64,0.1,not known,constant,"))
    }

    @Test func tensorboardRunFolders() throws {
        let base = try temporaryFolder("lrlab-import")
        let result = try CLI.run(["import", PackagePaths.fixtures + "/tensorboard", "-o", "out"], in: base)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "out/index.html\n")
        #expect(result.stderr.contains("imported 3 runs (TensorBoard)"), "\(result.stderr)")
        #expect(result.stderr.contains("note: training-set size taken as 64 examples"))
        #expect(try runIds(base + "/out") == ["lr0.05-batch32-r0", "lr0.05-batch64-r0", "lr0.1-batch16-r0"])
        let data = try #require(FileManager.default.contents(atPath: base + "/out/findings.json"))
        let kinds = try JSONDecoder().decode(Findings.self, from: data).findings.map(\.kind)
        #expect(kinds.contains("best"))
        let page = try String(contentsOfFile: base + "/out/index.html", encoding: .utf8)
        #expect(page.contains("TensorBoard logs by learning rate × batch size"))
    }

    @Test func noReportWritesRunsAndTablesOnly() throws {
        let base = try temporaryFolder("lrlab-import")
        let result = try CLI.run(["import", Self.fixtures + "/lightning/lightning_logs/version_0",
                                  Self.fixtures + "/lightning/lightning_logs/version_5", "-o", "out", "--no-report"], in: base)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try runIds(base + "/out") == ["lr0.01-batch64-r0", "lr0.1-batch1024-r0"])
        #expect(FileManager.default.fileExists(atPath: base + "/out/results.csv"))
        #expect(!FileManager.default.fileExists(atPath: base + "/out/index.html"))
    }

    /// Runs `arguments` in a folder holding a copy of the fixtures and `files`; expects exit 2,
    /// one `error:` line equal to `expected` (`{dir}` for the folder) and no `out/`.
    func refuses(_ arguments: [String], files: [String: String] = [:], expected: String) throws {
        let base = try temporaryFolder("lrlab-import-bad")
        try FileManager.default.copyItem(atPath: Self.fixtures + "/lightning", toPath: base + "/lightning")
        for (path, text) in files {
            try FileManager.default.createDirectory(atPath: base + "/" + (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: base + "/" + path, atomically: true, encoding: .utf8)
        }
        let result = try CLI.run(["import"] + arguments + ["-o", "out"], in: base)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: " + expected.replacingOccurrences(of: "{dir}", with: base) + "\n")
        #expect(!FileManager.default.fileExists(atPath: base + "/out"))
    }

    @Test func aMetricsFileWithMissingColumns() throws {
        try refuses(["logs"], files: ["logs/version_0/metrics.csv": "epoch,step,train_loss_epoch\n0,31,1.0\n"],
                    expected: "logs/version_0/metrics.csv:1:28: no column for train_accuracy (train_acc, train_accuracy, train/acc…), "
                        + "validation_accuracy (val_acc, val_accuracy, valid_acc…), validation_loss (val_loss, valid_loss, validation_loss…); "
                        + "the header has epoch, step, train_loss_epoch; name one with --metric train_accuracy=COLUMN")
    }

    @Test func aNonNumericCell() throws {
        try refuses(["logs/run.csv"], files: ["logs/run.csv": "epoch,accuracy,loss,val_accuracy,val_loss\n0,0.5,1.0,0.5,1.0\n1,0.6,0.9,n/a,0.8\n"],
                    expected: "logs/run.csv:3:11: 'n/a' in column 'val_accuracy' is not a number")
    }

    @Test func aPatternThatMatchesNothing() throws {
        try refuses(["lightning", "--pattern", "batch{train.batch_size}"],
                    expected: "--pattern batch{train.batch_size}:1:11: the pattern matches no file or folder name in 'lightning/lightning_logs/version_0'")
    }

    @Test func anEmptyFolder() throws {
        try refuses(["empty"], files: ["empty/notes.txt": "nothing logged\n"],
                    expected: "'empty': no Keras CSVLogger, Lightning CSVLogger or TensorBoard logs in it")
    }

    @Test func theWrongFormat() throws {
        try refuses(["lightning", "--format", "keras"], expected: "'lightning': no Keras CSVLogger logs in it")
    }
}
