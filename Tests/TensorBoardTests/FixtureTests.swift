import Diagnostics
import Foundation
import Testing
@testable import TensorBoard

/// The event files torch.utils.tensorboard and the tensorboard package wrote decode to the
/// values the fixture script logged.
@Suite struct FixtureTests {
    func points(_ rows: [[Double]]) -> [EventLog.Scalar] {
        rows.map { EventLog.Scalar(step: Int($0[0]), wallTime: $0[1], value: $0[2]) }
    }

    @Test(arguments: ["bs16_lr0.1", "bs64_lr0.05"])
    func torchRunWithAddHParams(run: String) throws {
        let expected = try #require(try expectedRuns()[run])
        let log = try EventFiles.read(folder: fixtureRoot + "/" + run)
        #expect(log.warnings == [])
        #expect(log.files.count == 2)  // the run's file, then add_hparams' sub-folder's
        for tag in ["train/loss", "val/loss", "val/acc"] {
            #expect(log.scalars[tag] == points(try #require(expected.scalars[tag])), "\(tag)")
        }
        // 64 samples: 4 steps an epoch at batch 16, 1 at batch 64; 3 epochs.
        #expect(log.scalars["train/loss"]?.count == (run == "bs16_lr0.1" ? 12 : 3))
        #expect(log.hparams == expected.hparams)
        #expect(log.hparams["optimizer"] == "sgd")

        // add_hparams' metric, in its sub-folder: named with the sub-folder's path.
        let subfolder = try #require(expected.subfolder)
        guard case .text(let metric)? = expected.hparamMetric?.first,
              case .number(let value)? = expected.hparamMetric?.last else {
            Issue.record("expected.json has no hparam_metric")
            return
        }
        let series = try #require(log.scalars[subfolder + "/" + metric])
        #expect(series.map(\.step) == [0])
        #expect(series.map(\.value) == [value])
        #expect(Set(log.scalars.keys) == ["train/loss", "train/acc", "val/loss", "val/acc", subfolder + "/" + metric])
    }

    @Test func torchRunScalarsAreTF1SimpleValues() throws {
        let (path, bytes) = try fixtureEventFile("bs16_lr0.1")
        let (records, warning) = try TFRecord.records(in: bytes, file: path)
        #expect(warning == nil)
        let events = try records.map { try Tensorflow_Event(serializedBytes: $0.data) }
        #expect(events.first?.fileVersion == "brain.Event:2")
        let values = events.flatMap(\.summary.value)
        #expect(!values.isEmpty)
        #expect(values.allSatisfy { if case .simpleValue? = $0.value { true } else { false } })
    }

    @Test func tf2TensorSummaries() throws {
        let expected = try #require(try expectedRuns()["tf2_style"])
        let log = try EventFiles.read(folder: fixtureRoot + "/tf2_style")
        #expect(log.warnings == [])
        #expect(Set(log.scalars.keys) == ["train/loss", "train/acc", "val/loss", "val/acc"])
        for tag in ["train/loss", "train/acc", "val/loss", "val/acc"] {
            #expect(log.scalars[tag] == points(try #require(expected.scalars[tag])), "\(tag)")
        }
        // The hparams summary_v2 writes in the run folder itself; batch_size an int, lr a float, optimizer a string.
        #expect(log.hparams == ["batch_size": "32", "learning_rate": "0.05", "optimizer": "sgd"])
        #expect(log.hparams == expected.hparams)

        // The three kinds of tensor summary are really there.
        let (path, bytes) = try fixtureEventFile("tf2_style")
        let events = try TFRecord.records(in: bytes, file: path).records.map { try Tensorflow_Event(serializedBytes: $0.data) }
        let tensors = events.flatMap(\.summary.value).compactMap { value -> (String, Tensorflow_TensorProto)? in
            if case .tensor(let tensor)? = value.value { (value.tag, tensor) } else { nil }
        }
        #expect(tensors.contains { $0.0 == "train/loss" && $0.1.dtype == .dtFloat && $0.1.floatVal.count == 1 })
        #expect(tensors.contains { $0.0 == "val/loss" && $0.1.dtype == .dtDouble && $0.1.doubleVal.count == 1 })
        #expect(tensors.contains { $0.0 == "val/acc" && $0.1.dtype == .dtFloat && $0.1.tensorContent.count == 4 })
        #expect(!events.flatMap(\.summary.value).contains { $0.tag.hasPrefix("val/acc") && $0.value == nil })
    }

    @Test func oneFileAlone() throws {
        let (path, _) = try fixtureEventFile("bs64_lr0.05")
        let log = try EventFiles.read(file: path)
        #expect(log.files == [path])
        #expect(log.hparams.isEmpty)  // they are in add_hparams' sub-folder
        #expect(log.scalars["val/acc"]?.count == 3)
    }

    @Test func aFolderOfRunsListsEveryEventFile() throws {
        let files = try EventFiles.eventFiles(under: fixtureRoot)
        #expect(files.count == 5)
        #expect(files.allSatisfy { !$0.hasPrefix("/") && $0.contains("tfevents") })
        // A folder's own files before its sub-folders'.
        let bs16 = files.filter { $0.hasPrefix("bs16_lr0.1/") }
        #expect(bs16.count == 2 && bs16[0].split(separator: "/").count == 2)
    }
}
