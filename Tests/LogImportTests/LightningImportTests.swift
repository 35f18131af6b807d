import Diagnostics
import Foundation
import LogImport
import Results
import TestSupport
import Testing

/// PyTorch Lightning `CSVLogger` folders: the committed fixtures and hand-written metrics.csv files.
@Suite struct LightningImportTests {
    static let folder = PackagePaths.fixtures + "/import/lightning"

    @Test func readsEveryVersionFolder() throws {
        let (format, runs) = try LogImporter().read([Self.folder])
        #expect(format == .lightning)
        #expect(runs.map(\.name) == (0..<6).map { "version_\($0)" })
        let run = runs[0]
        #expect(run.hparams == ["batch_size": "64", "lr": "0.01", "optimizer": "sgd"])
        #expect(run.epochs.map(\.epoch) == [1, 2, 3])
        // Epoch 0's rows at step 31: val_acc 0.306640625, then train_acc 0.30859375, train_loss_epoch 1.3726006746292114.
        #expect(run.epochs[0].validationAccuracy == 0.306640625)
        #expect(run.epochs[0].trainAccuracy == 0.30859375)
        #expect(run.epochs[0].trainLoss == 1.3726006746292114)
        // 2,048 examples in batches of 64: 32 updates an epoch; train_loss_step every 4th step.
        #expect(run.totalSteps == 96)
        #expect(run.steps.first == ImportedStep(step: 3, loss: 1.3888204097747803, learningRate: 0.01))
        #expect(run.steps.count == 24)
        #expect(run.unmapped.isEmpty)
    }

    @Test func gridPointsFromHparams() throws {
        let (format, runs) = try LogImporter().read([Self.folder])
        let sweep = try RunConversion.records(runs, format: format, grid: GridSource(), sweepName: "lightning")
        #expect(sweep.records.map { $0.grid.map(\.phrase).joined(separator: ", ") }
                == ["lr 0.01, batch 64", "lr 0.01, batch 256", "lr 0.01, batch 1024",
                    "lr 0.1, batch 64", "lr 0.1, batch 256", "lr 0.1, batch 1024"])
        let first = sweep.records[0]
        #expect(first.setup.trainCount == 2048)
        #expect(first.setup.stepsPerEpoch == 32)
        #expect(first.setup.optimizer == "sgd")
        #expect(first.setup.validationCount == 512)
        #expect(first.steps.first?.examplesSeen == 4 * 64)
        #expect(first.setup.schedule == "constant")
        #expect(sweep.notes.contains { $0.hasPrefix("training-set size taken as 2048 examples") })
        for record in sweep.records { #expect(record.implausibility() == nil) }
    }

    @Test func aPatternOverridesHparams() throws {
        let base = try temporaryFolder("lrlab-lightning")
        try FileManager.default.copyItem(atPath: Self.folder + "/lightning_logs/version_0", toPath: base + "/bs128_lr0.5")
        let (format, runs) = try LogImporter().read([base])
        let grid = GridSource(pattern: try NamePattern("bs{train.batch_size}_lr{train.learning_rate}"))
        let sweep = try RunConversion.records(runs, format: format, grid: grid, sizes: DataSizes(train: 4096), sweepName: "x")
        // One run: no key varies, so every known one is its grid point; the pattern's values win.
        #expect(sweep.records.first?.grid.map(\.phrase) == ["sgd", "lr 0.5", "batch 128"])
        #expect(sweep.records.first?.setup.batchSize == 128)
    }

    @Test func stepAndEpochRowsOfAnotherLayout() throws {
        // on_step and on_epoch for both train metrics, no LearningRateMonitor, validation rows
        // apart, a final test row: the header depends on what was logged.
        let csv = """
            epoch,step,test_acc,test_loss,train_acc_epoch,train_acc_step,train_loss_epoch,train_loss_step,val_acc,val_loss
            0,1,,,,0.25,,1.5,,
            0,3,,,,0.5,,1.25,,
            0,3,,,,,,,0.5,1.2
            0,3,,,0.375,,1.375,,,
            1,5,,,,0.5,,1.0,,
            1,7,,,,0.75,,0.75,,
            1,7,,,,,,,0.75,0.9
            1,7,,,0.625,,0.875,,,
            1,8,0.7,0.95,,,,,,

            """
        let folder = try write(csv)
        let run = try LightningCSVLog.read(folder)
        #expect(run.epochs.map(\.trainAccuracy) == [0.375, 0.625])
        #expect(run.epochs.map(\.validationLoss) == [1.2, 0.9])
        #expect(run.epochs.map(\.testAccuracy) == [nil, 0.7])
        #expect(run.steps.map(\.loss) == [1.5, 1.25, 1.0, 0.75])
        #expect(run.totalSteps == 9)
        #expect(run.unmapped == ["train_acc_step"])
        let sweep = try RunConversion.records([run], format: .lightning, grid: GridSource(),
                                              sizes: DataSizes(train: 16, validation: 4), sweepName: "x")
        #expect(sweep.notes.contains { $0.contains("test metrics logged for only some epochs") })
        #expect(sweep.notes.contains { $0.contains("train_acc_step") })
        #expect(sweep.records[0].history.map(\.testAccuracy) == [0.5, 0.75])
    }

    @Test func aMissingValidationColumnIsLocated() throws {
        let folder = try write("epoch,step,train_acc,train_loss\n0,3,0.5,1.0\n")
        do {
            _ = try LightningCSVLog.read(folder)
            Issue.record("expected an error")
        } catch {
            #expect(error.location == SourceLocation(file: folder + "/metrics.csv", line: 1, column: 32))
            #expect(error.message.hasPrefix("no column for validation_accuracy (val_acc, val_accuracy, valid_acc…), validation_loss"))
        }
    }

    @Test func aNonNumericCellIsLocated() throws {
        let folder = try write("epoch,step,train_acc,train_loss,val_acc,val_loss\n0,3,0.5,1.0,0.5,1.0\n0,4,0.5,tensor(1.0),0.5,1.0\n")
        do {
            _ = try LightningCSVLog.read(folder)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == "\(folder)/metrics.csv:3:9: 'tensor(1.0)' in column 'train_loss' is not a number")
        }
    }

    @Test func aShortRowWithoutAStepIsLocatedAtItsEnd() throws {
        let folder = try write("lr-SGD,epoch,train_acc,train_loss,val_acc,val_loss,step\n0.1,0,0.5,1.0,0.5,1.0,3\n0.1\n")
        do {
            _ = try LightningCSVLog.read(folder)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == "\(folder)/metrics.csv:3:4: 'lr-SGD' is logged in a row without a step")
        }
    }

    @Test func anEmptyFolderIsAnError() throws {
        let folder = try temporaryFolder("lrlab-empty")
        do {
            _ = try LogImporter().read([folder])
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("no Keras CSVLogger, Lightning CSVLogger or TensorBoard logs in it"))
        }
    }

    @Test func nestedHparamsAreFlattened() throws {
        let folder = try write("epoch,step,train_acc,train_loss,val_acc,val_loss\n0,3,0.5,1.0,0.5,1.0\n")
        try "optimizer:\n  name: adam\nbatch_size: 32\n".write(toFile: folder + "/hparams.yaml", atomically: true, encoding: .utf8)
        let run = try LightningCSVLog.read(folder)
        #expect(run.hparams == ["optimizer.name": "adam", "batch_size": "32"])
    }

    private func write(_ metrics: String) throws -> String {
        let folder = try temporaryFolder("lrlab-lightning") + "/version_0"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try metrics.write(toFile: folder + "/metrics.csv", atomically: true, encoding: .utf8)
        return folder
    }
}
