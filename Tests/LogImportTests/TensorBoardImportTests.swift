import Diagnostics
import Foundation
import LogImport
import Results
import TensorBoard
import TestSupport
import Testing

/// TensorBoard run folders: the committed fixtures (torch's `SummaryWriter`, TF2-style tensors)
/// and event files written here, scalar by scalar.
@Suite struct TensorBoardImportTests {
    static let folder = PackagePaths.fixtures + "/tensorboard"

    @Test func readsEveryRunFolder() throws {
        let (format, runs) = try LogImporter().read([Self.folder])
        #expect(format == .tensorboard)
        #expect(runs.map(\.name) == ["bs16_lr0.1", "bs64_lr0.05", "tf2_style"])
        let run = runs[0]
        #expect(run.hparams == ["batch_size": "16", "lr": "0.1", "optimizer": "sgd"])
        #expect(run.epochs.map(\.epoch) == [1, 2, 3])
        // 64 examples in batches of 16: 4 updates an epoch, train/loss at each; val/acc after each epoch.
        #expect(run.totalSteps == 12)
        #expect(run.steps.count == 12)
        #expect(run.steps.allSatisfy { $0.loss != nil })
        let losses = run.steps.compactMap(\.loss)
        let firstEpoch = losses.prefix(4).reduce(0, +) / 4
        #expect(abs((run.epochs[0].trainLoss ?? .nan) - firstEpoch) < 1e-12, "the mean of the epoch's step losses")
        #expect(run.epochs.allSatisfy { $0.trainAccuracy != nil && $0.validationAccuracy != nil && $0.validationLoss != nil })
        // expected.json: val/acc 0.625, 0.625, 0.71875 and train/acc 0.578125, 0.796875, 0.859375.
        #expect(run.epochs.map(\.validationAccuracy) == [0.625, 0.625, 0.71875])
        #expect(run.epochs.map(\.trainAccuracy) == [0.578125, 0.796875, 0.859375])
        #expect(run.unmapped.isEmpty, "hparam/val_acc is left out: \(run.unmapped)")
        // One update an epoch: train/loss has as many points as epochs, so it is per epoch.
        #expect(runs[1].steps.isEmpty)
        #expect(runs[1].totalSteps == 3)
        #expect(runs[1].epochs.allSatisfy { $0.trainLoss != nil })
        #expect(runs[2].hparams == ["batch_size": "32", "learning_rate": "0.05", "optimizer": "sgd"])
        #expect(runs[2].totalSteps == 6)
    }

    @Test func gridPointsFromHparams() throws {
        let (format, runs) = try LogImporter().read([Self.folder])
        let sweep = try RunConversion.records(runs, format: format, grid: GridSource(), sweepName: "tensorboard")
        let points = sweep.records.map { $0.grid.map(\.phrase).joined(separator: ", ") }
        #expect(points.count == 3)
        #expect(points.contains { $0.contains("lr 0.1") && $0.contains("batch 16") }, "\(points)")
        #expect(points.contains { $0.contains("lr 0.05") && $0.contains("batch 64") }, "\(points)")
        #expect(points.contains { $0.contains("lr 0.05") && $0.contains("batch 32") }, "\(points)")
        #expect(sweep.records.allSatisfy { $0.history.count == 3 })
        #expect(sweep.records.first { $0.setup.batchSize == 16 }?.setup.stepsPerEpoch == 4)
        #expect(sweep.notes.contains { $0.hasPrefix("training-set size taken as 64 examples") }, "\(sweep.notes)")
    }

    @Test func aFileCutShortIsANote() throws {
        let run = try temporaryFolder("lrlab-tb") + "/bs16_lr0.1"
        try FileManager.default.copyItem(atPath: Self.folder + "/bs16_lr0.1", toPath: run)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: run).first { $0.contains("tfevents") })
        let handle = try #require(FileHandle(forWritingAtPath: run + "/" + name))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0x20, 0, 0]))
        try handle.close()
        let (format, runs) = try LogImporter().read([run])
        #expect(runs.first?.epochs.count == 3)
        #expect(runs.first?.warnings.count == 1)
        let sweep = try RunConversion.records(runs, format: format, grid: GridSource(), sweepName: "cut")
        let warning = try #require(runs.first?.warnings.first)
        #expect(sweep.notes.contains(warning))
    }

    @Test func tagNamesAreNormalised() {
        #expect(TensorBoardLog.normalisedTag("Loss/train") == "train/loss")
        #expect(TensorBoardLog.normalisedTag("validation/epoch_accuracy") == "val/accuracy")
        #expect(TensorBoardLog.normalisedTag("train/epoch_loss") == "train/loss")
        #expect(TensorBoardLog.normalisedTag("train/batch_loss") == "train/loss_step")
        #expect(TensorBoardLog.normalisedTag("train_loss_epoch") == "train_loss")
        #expect(TensorBoardLog.normalisedTag("Accuracy/Validation") == "val/accuracy")
        #expect(TensorBoardLog.normalisedTag("1732612345.123/hparam/val_acc") == nil)
        #expect(TensorBoardLog.normalisedTag("1732612345.123/val_acc") == "val_acc")
        #expect(TensorBoardLog.normalisedTag("hp_metric") == nil)
        #expect(TensorBoardLog.normalisedTag("epoch") == "epoch")
    }

    @Test func kerasLayoutWithSubfolders() throws {
        let run = try temporaryFolder("lrlab-tb") + "/keras_run"
        try writeEvents(run + "/train", [("epoch_loss", [(0, 0.9), (1, 0.6)]), ("epoch_accuracy", [(0, 0.5), (1, 0.7)])])
        try writeEvents(run + "/validation", [("epoch_loss", [(0, 1.0), (1, 0.8)]), ("epoch_accuracy", [(0, 0.4), (1, 0.6)]),
                                              ("evaluation_loss_vs_iterations", [(4, 1.0), (8, 0.8)])])
        #expect(LogFormat.tensorboard.matches(run))
        let imported = try TensorBoardLog.read(run)
        #expect(imported.epochs == [
            ImportedEpoch(epoch: 1, trainLoss: 0.9, trainAccuracy: 0.5, validationLoss: 1.0, validationAccuracy: 0.4),
            ImportedEpoch(epoch: 2, trainLoss: 0.6, trainAccuracy: 0.7, validationLoss: 0.8, validationAccuracy: 0.6),
        ].map { epoch in
            var epoch = epoch
            for metric in [Metric.trainLoss, .trainAccuracy, .validationLoss, .validationAccuracy] {
                epoch[metric] = epoch[metric].map { Double(Float($0)) }
            }
            return epoch
        })
        #expect(imported.totalSteps == nil, "Keras counts epochs, not updates, in the per-epoch step")
        #expect(imported.unmapped == ["validation/evaluation_loss_vs_iterations"])
    }

    @Test func aStepLoggedAgainKeepsItsLastValue() throws {
        // A training resumed from its epoch-1 checkpoint logs epoch 2 (step 1) again.
        let run = try temporaryFolder("lrlab-tb") + "/resumed"
        try writeEvents(run, [("train/loss", [(0, 0.5), (1, 0.25), (1, 0.375)]), ("train/acc", [(0, 0.5), (1, 0.5), (1, 0.75)]),
                              ("val/loss", [(0, 0.5), (1, 0.5), (1, 0.25)]), ("val/acc", [(0, 0.5), (1, 0.5), (1, 0.625)])])
        let imported = try TensorBoardLog.read(run)
        #expect(imported.epochs.map(\.validationAccuracy) == [0.5, 0.625])
        #expect(imported.epochs.map(\.trainLoss) == [0.5, 0.375])
        #expect(imported.epochs.map(\.trainAccuracy) == [0.5, 0.75])
    }

    @Test func lightningEpochTagAndHparamsYAML() throws {
        let run = try temporaryFolder("lrlab-tb") + "/version_0"
        // 4 updates an epoch: train_loss_step every 2nd, val and train_*_epoch at each epoch's last step.
        try writeEvents(run, [
            ("epoch", [(1, 0), (3, 0), (3, 0), (5, 1), (7, 1), (7, 1)]),
            ("train_loss_step", [(1, 1.5), (3, 1.25), (5, 1.0), (7, 0.75)]),
            ("train_loss_epoch", [(3, 1.375), (7, 0.875)]),
            ("train_acc_epoch", [(3, 0.375), (7, 0.625)]),
            ("val_acc", [(3, 0.5), (7, 0.75)]),
            ("val_loss", [(3, 1.25), (7, 0.875)]),
            ("hp_metric", [(0, -1)]),
        ])
        try "batch_size: 64\nlr: 0.01\n".write(toFile: run + "/hparams.yaml", atomically: true, encoding: .utf8)
        let imported = try TensorBoardLog.read(run)
        #expect(imported.hparams == ["batch_size": "64", "lr": "0.01"])
        #expect(imported.epochs.map(\.trainAccuracy) == [0.375, 0.625])
        #expect(imported.epochs.map(\.trainLoss) == [1.375, 0.875])
        #expect(imported.steps.map(\.loss) == [1.5, 1.25, 1.0, 0.75])
        #expect(imported.totalSteps == 8)
        #expect(imported.unmapped.isEmpty)
        // Without train_loss_epoch, the step losses of each logged epoch are averaged (here to the same values).
        let bare = try temporaryFolder("lrlab-tb") + "/version_1"
        try writeEvents(bare, [
            ("epoch", [(1, 0), (3, 0), (5, 1), (7, 1)]),
            ("train_loss_step", [(1, 1.5), (3, 1.25), (5, 1.0), (7, 0.75)]),
            ("train_acc_epoch", [(3, 0.375), (7, 0.625)]),
            ("val_acc", [(3, 0.5), (7, 0.75)]),
            ("val_loss", [(3, 1.25), (7, 0.875)]),
        ])
        #expect(try TensorBoardLog.read(bare).epochs.map(\.trainLoss) == [1.375, 0.875])
    }

    @Test func noTrainAccuracyIsOneLocatedError() throws {
        let base = try temporaryFolder("lrlab-tb")
        try writeEvents(base + "/run_a", [("Loss/train", [(0, 0.9), (1, 0.8), (2, 0.7), (3, 0.6)]),
                                          ("Accuracy/val", [(2, 0.5), (4, 0.6)]), ("Loss/val", [(2, 0.9), (4, 0.8)])])
        #expect(LogFormat.allCases.filter { !$0.find(in: base).isEmpty } == [.tensorboard])
        do {
            _ = try LogImporter().read([base])
            Issue.record("no train accuracy: an error expected")
        } catch {
            #expect(error.location?.file.hasPrefix(base + "/run_a/events.out.tfevents.") == true, "\(error)")
            #expect(error.message.contains("train_accuracy"))
            #expect(error.message.contains("Accuracy/val, Loss/train, Loss/val"), "\(error.message)")
            #expect(error.message.contains("--metric train_accuracy=TAG"))
        }
        // Naming a tag fixes it.
        try writeEvents(base + "/run_a/extra", [("fraction_right", [(2, 0.5), (4, 0.75)])])
        let run = try LogImporter(names: MetricNames(options: ["train_accuracy=extra/fraction_right"])).read([base]).runs[0]
        #expect(run.epochs.map(\.trainAccuracy) == [0.5, 0.75])
        #expect(run.epochs.map(\.epoch) == [1, 2])
        #expect(run.epochs.map(\.trainLoss) == [(Double(Float(0.9)) + Double(Float(0.8))) / 2, (Double(Float(0.7)) + Double(Float(0.6))) / 2])
    }

    /// Writes one event file into `folder` (made if need be): each tag's (step, value) points as
    /// TF1 `simple_value` summaries, one event each, wall times counting up.
    private func writeEvents(_ folder: String, _ series: [(String, [(Int, Double)])]) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var bytes: [UInt8] = []
        var wall = 1_700_000_000.0
        for (tag, points) in series {
            for (step, value) in points {
                wall += 1
                let tagBytes = Array(tag.utf8)
                var summaryValue: [UInt8] = [0x0A] + varint(UInt64(tagBytes.count)) + tagBytes
                summaryValue += [0x15] + withUnsafeBytes(of: Float(value).bitPattern.littleEndian, Array.init)
                let summary: [UInt8] = [0x0A] + varint(UInt64(summaryValue.count)) + summaryValue
                var event: [UInt8] = [0x09] + withUnsafeBytes(of: wall.bitPattern.littleEndian, Array.init)
                event += [0x10] + varint(UInt64(step))
                event += [0x2A] + varint(UInt64(summary.count)) + summary
                bytes += TFRecord.frame(event)
            }
        }
        let path = folder + "/events.out.tfevents.1700000000.test.1.0"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    }

    private func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        repeat {
            bytes.append(UInt8(value & 0x7F) | (value >= 0x80 ? 0x80 : 0))
            value >>= 7
        } while value != 0
        return bytes
    }
}
