import Diagnostics
import Foundation
import LogImport
import Results
import TestSupport
import Testing

/// Keras `CSVLogger` files: the committed fixtures (Keras 3, torch backend) and hand-written ones.
@Suite struct KerasImportTests {
    static let folder = PackagePaths.fixtures + "/import/keras"
    static let pattern = "bs{train.batch_size}_lr{train.learning_rate}"

    @Test func readsEveryFixtureFile() throws {
        let (format, runs) = try LogImporter().read([Self.folder])
        #expect(format == .keras)
        #expect(runs.count == 6)
        #expect(runs.allSatisfy { $0.epochs.map(\.epoch) == [1, 2, 3] })
        let run = try #require(runs.first { $0.name == "bs64_lr0.1" })
        // The file's first row: 0,0.337890625,1.4260226488113403,0.484375,1.1724847555160522
        #expect(run.epochs[0].trainAccuracy == 0.337890625)
        #expect(run.epochs[0].trainLoss == 1.4260226488113403)
        #expect(run.epochs[0].validationAccuracy == 0.484375)
        #expect(run.epochs[0].validationLoss == 1.1724847555160522)
        #expect(run.epochs[0].testAccuracy == nil)
        #expect(run.unmapped.isEmpty)
    }

    @Test func gridPointsFromThePattern() throws {
        let (format, runs) = try LogImporter().read([Self.folder])
        let grid = GridSource(pattern: try NamePattern(Self.pattern))
        let sweep = try RunConversion.records(runs, format: format, grid: grid, sizes: DataSizes(train: 2048), sweepName: "keras")
        #expect(sweep.records.count == 6)
        let points = sweep.records.map { $0.grid.map(\.phrase).joined(separator: ", ") }
        #expect(points == ["lr 0.01, batch 64", "lr 0.01, batch 256", "lr 0.01, batch 1024",
                           "lr 0.1, batch 64", "lr 0.1, batch 256", "lr 0.1, batch 1024"])
        #expect(sweep.records.map(\.gridIndex) == Array(0..<6))
        let first = sweep.records[0]
        #expect(first.setup.batchSize == 64)
        #expect(first.setup.learningRate == 0.01)
        #expect(first.setup.stepsPerEpoch == 32)
        #expect(first.totalSteps == 96)
        // 512 validation examples, read from the accuracies (k / 512).
        #expect(first.setup.validationCount == 512)
        #expect(first.hasValidation)
        #expect(first.selectionAccuracy == first.finalValidationAccuracy)
        for record in sweep.records { #expect(record.implausibility() == nil) }
    }

    @Test func gridPointsFromAMappingFile() throws {
        let folder = try temporaryFolder("lrlab-grid-file")
        var text = ""
        for batch in [64, 256, 1024] {
            for rate in ["0.01", "0.1"] { text += "bs\(batch)_lr\(rate): {train.batch_size: \(batch), train.learning_rate: \(rate)}\n" }
        }
        try text.write(toFile: folder + "/grid.yaml", atomically: true, encoding: .utf8)
        let (format, runs) = try LogImporter().read([Self.folder])
        let grid = GridSource(mapping: try GridSource.readMapping(folder + "/grid.yaml"))
        let sweep = try RunConversion.records(runs, format: format, grid: grid, sizes: DataSizes(train: 2048), sweepName: "k")
        #expect(sweep.records.map { $0.grid.map(\.phrase).joined(separator: ", ") }.first == "lr 0.01, batch 64")
        #expect(Set(sweep.records.map(\.point)).count == 6)
    }

    @Test func aMappingFileWithAnUnknownKeyIsLocated() throws {
        let path = try temporaryFolder("lrlab-grid-file") + "/grid.yaml"
        try "bs64_lr0.01:\n  train.batchsize: 64\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try GridSource.readMapping(path)
            Issue.record("expected an error")
        } catch {
            #expect(error.location?.line == 2)
            #expect(error.suggestion == "train.batch_size")
        }
    }

    @Test func withoutATrainingSetSizeKerasLogsAreRefused() throws {
        let (format, runs) = try LogImporter().read([Self.folder])
        let grid = GridSource(pattern: try NamePattern(Self.pattern))
        #expect(throws: InputError.self) { try RunConversion.records(runs, format: format, grid: grid, sweepName: "k") }
    }

    @Test func aPatternThatMatchesNothingIsLocated() throws {
        let (format, runs) = try LogImporter().read([Self.folder])
        let grid = GridSource(pattern: try NamePattern("batch{train.batch_size}"))
        do {
            _ = try RunConversion.records(runs, format: format, grid: grid, sizes: DataSizes(train: 2048), sweepName: "k")
            Issue.record("expected an error")
        } catch {
            #expect(error.line.hasPrefix("--pattern batch{train.batch_size}:1:11: the pattern matches no file or folder name in"))
        }
    }

    @Test func anUnknownPatternKeyIsLocatedWithASuggestion() {
        do {
            _ = try NamePattern("bs{train.batchsize}")
            Issue.record("expected an error")
        } catch {
            #expect(error.location == SourceLocation(file: "--pattern bs{train.batchsize}", line: 1, column: 14))
            #expect(error.suggestion == "train.batch_size")
        }
    }

    @Test func columnsInAnyOrderAndTheOldLrName() throws {
        let path = try write("epoch,val_loss,lr,loss,val_acc,acc\r\n0,1.5,0.05,1.9,0.25,0.2\r\n1,1.2,0.05,1.4,0.5,0.4\r\n")
        let run = try KerasCSVLog.read(path)
        #expect(run.epochs.map(\.validationAccuracy) == [0.25, 0.5])
        #expect(run.epochs.map(\.trainAccuracy) == [0.2, 0.4])
        #expect(run.epochs.map(\.learningRate) == [0.05, 0.05])
        #expect(run.hparams["learning_rate"] == "0.05")
    }

    @Test func keras3LearningRateColumnWidenedFromFloat32() throws {
        let path = try write("epoch,accuracy,learning_rate,loss,val_accuracy,val_loss\n0,0.5,0.009999999776482582,1.0,0.5,1.0\n")
        let run = try KerasCSVLog.read(path)
        #expect(run.hparams["learning_rate"] == "0.01")
    }

    @Test func aLoggedRatePerEpochBecomesTheSchedule() throws {
        let path = try write("epoch,accuracy,learning_rate,loss,val_accuracy,val_loss\n0,0.5,0.1,1.0,0.25,1.0\n1,0.6,0.05,0.9,0.5,0.9\n2,0.7,0.025,0.8,0.75,0.8\n")
        let run = try KerasCSVLog.read(path)
        let sweep = try RunConversion.records([run], format: .keras, grid: GridSource(), sizes: DataSizes(train: 100, validation: 4), sweepName: "k")
        let record = try #require(sweep.records.first)
        #expect(record.grid.map(\.phrase) == ["lr 0.1"])
        // No batch size known: 1 in the record (said in a note), so 100 updates an epoch.
        #expect(record.setup.stepsPerEpoch == 100)
        #expect(record.setup.schedule == "as logged")
        #expect(record.setup.schedulePoints == [SchedulePoint(step: 0, learningRate: 0.1), SchedulePoint(step: 100, learningRate: 0.05),
                                                SchedulePoint(step: 200, learningRate: 0.025)])
        #expect(sweep.notes.contains { $0.hasPrefix("batch size not known") })
        #expect(record.implausibility() == nil)
    }

    @Test func aMissingColumnIsLocatedAtTheHeader() throws {
        let path = try write("epoch,accuracy,loss\n0,0.5,1.0\n")
        do {
            _ = try KerasCSVLog.read(path)
            Issue.record("expected an error")
        } catch {
            #expect(error.location == SourceLocation(file: path, line: 1, column: 20))
            #expect(error.message.contains("validation_accuracy"))
            #expect(error.message.contains("--metric validation_accuracy=COLUMN"))
        }
    }

    @Test func aNonNumericCellIsLocated() throws {
        let path = try write("epoch,accuracy,loss,val_accuracy,val_loss\n0,0.5,1.0,0.5,1.0\n1,0.6,oops,0.5,1.0\n")
        do {
            _ = try KerasCSVLog.read(path)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == "\(path):3:7: 'oops' in column 'loss' is not a number")
        }
    }

    @Test func overridesNameUnconventionalColumns() throws {
        let path = try write("epoch,hit_rate,xent,holdout_hits,holdout_xent,grad_norm\n0,0.5,1.0,0.25,1.1,3.0\n")
        #expect(throws: InputError.self) { try KerasCSVLog.read(path) }
        let names = try MetricNames(options: ["train_accuracy=hit_rate", "train_loss=xent",
                                              "val_accuracy=holdout_hits", "validation_loss=holdout_xent"])
        let run = try KerasCSVLog.read(path, names: names)
        #expect(run.epochs[0].validationAccuracy == 0.25)
        #expect(run.epochs[0].trainLoss == 1.0)
        #expect(run.unmapped == ["grad_norm"])
    }

    @Test func aBadMetricOptionIsRefused() {
        #expect(throws: InputError.self) { try MetricNames(options: ["val_accuracy"]) }
        do {
            _ = try MetricNames(options: ["validation_acuracy=x"])
            Issue.record("expected an error")
        } catch {
            #expect(error.suggestion == "validation_accuracy")
        }
    }

    @Test func heldOutSizeFromAccuracies() {
        #expect(RunConversion.inferSetSize([133.0 / 512, 200.0 / 512, 311.0 / 512]) == 512)
        // Keras' float32 k / N widened to a double: 171 / 359 = 0.47632312774658203.
        #expect(RunConversion.inferSetSize([0.47632312774658203, Double(Float(200.0 / 359)), Double(Float(17.0 / 359))]) == 359)
        // Means over batches that are not whole examples of any set up to 100,000.
        #expect(RunConversion.inferSetSize([0.41234123, 0.5512398761, 0.6698123471, 0.7123987123]) == nil)
        // Too few values to tell.
        #expect(RunConversion.inferSetSize([0.25, 0.5]) == nil)
        #expect(RunConversion.inferSetSize([1, 0, 1]) == nil)
    }

    private func write(_ text: String) throws -> String {
        let path = try temporaryFolder("lrlab-keras") + "/training.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
