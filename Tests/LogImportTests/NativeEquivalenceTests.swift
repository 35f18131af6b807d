import Foundation
import Insights
import LogImport
import Results
import TestSupport
import Testing

/// Imported runs are read like native ones: Keras logs of a hand-made history give the same
/// findings as lrlab runs with that history, written here field by field as the trainer would.
@Suite struct NativeEquivalenceTests {
    static let batchSizes = [64, 256, 1024]
    static let rates = ["0.01", "0.1"]
    static let trainCount = 4096
    static let validationCount = 200

    /// Validation examples right after each of 3 epochs, by (batch, rate): small batches and the
    /// larger rate learn faster; batch 1024 at 0.01 barely moves.
    static func correct(batch: Int, rate: String) -> [Int] {
        switch (batch, rate) {
        case (64, "0.01"): [120, 150, 166]
        case (64, "0.1"): [150, 172, 181]
        case (256, "0.01"): [90, 118, 140]
        case (256, "0.1"): [140, 165, 178]
        case (1024, "0.01"): [60, 71, 80]
        default: [110, 140, 160]
        }
    }

    static func history(batch: Int, rate: String) -> [EpochMetrics] {
        correct(batch: batch, rate: rate).enumerated().map { index, hits in
            let accuracy = Double(Float(Double(hits) / Double(validationCount)))
            let loss = Double(Float(2.3 * (1 - accuracy) + 0.05))
            let trainAccuracy = Double(Float(accuracy * 0.97))
            let trainLoss = Double(Float(loss * 1.1))
            return EpochMetrics(epoch: index + 1, trainLoss: trainLoss, trainAccuracy: trainAccuracy,
                                testLoss: loss, testAccuracy: accuracy, seconds: 0,
                                validationLoss: loss, validationAccuracy: accuracy)
        }
    }

    /// The Keras CSVLogger file of one run.
    static func csv(_ history: [EpochMetrics]) -> String {
        "epoch,accuracy,loss,val_accuracy,val_loss\r\n" + history.map { e in
            "\(e.epoch - 1),\(e.trainAccuracy),\(e.trainLoss),\(e.testAccuracy),\(e.testLoss)\r\n"
        }.joined()
    }

    static func nativeRecords() -> [RunRecord] {
        var records: [RunRecord] = []
        for (rateIndex, rate) in rates.enumerated() {
            for (batchIndex, batch) in batchSizes.enumerated() {
                let grid = [GridValue(key: "train.learning_rate", value: rate, label: rate, number: Double(rate), position: rateIndex,
                                      keyTitle: "learning rate", prefix: "lr"),
                            GridValue(key: "train.batch_size", value: "\(batch)", label: "\(batch)", number: Double(batch),
                                      position: batchIndex, keyTitle: "batch size", prefix: "batch")]
                let stepsPerEpoch = trainCount / batch
                let setup = RunSetup(dataset: "digits", trainCount: trainCount, testCount: validationCount, featureCount: 64,
                                     classCount: 10, hidden: [32], activation: "relu", batchSize: batch,
                                     learningRate: Double(rate) ?? 0, optimizer: "sgd", momentum: 0, schedule: "constant",
                                     epochs: 3, stepsPerEpoch: stepsPerEpoch, validationCount: validationCount, seed: 0,
                                     schedulePoints: [])
                records.append(RunRecord(runId: "native-\(rate)-\(batch)", sweep: SweepInfo(name: "native", title: "native", targetAccuracy: nil),
                                         grid: grid, gridIndex: rateIndex * 3 + batchIndex, repeatIndex: 0, setup: setup,
                                         status: .finished, initialLoss: 2.3, history: history(batch: batch, rate: rate), steps: [],
                                         divergence: nil, totalSteps: 3 * stepsPerEpoch, trainSeconds: 0, wallSeconds: 0))
            }
        }
        return records
    }

    @Test func importedKerasLogsGiveTheNativeFindings() throws {
        let folder = try temporaryFolder("lrlab-equivalence")
        for rate in Self.rates {
            for batch in Self.batchSizes {
                try Self.csv(Self.history(batch: batch, rate: rate))
                    .write(toFile: "\(folder)/bs\(batch)_lr\(rate).csv", atomically: true, encoding: .utf8)
            }
        }
        let (format, runs) = try LogImporter().read([folder])
        let sweep = try RunConversion.records(runs, format: format,
                                              grid: GridSource(pattern: try NamePattern("bs{train.batch_size}_lr{train.learning_rate}")),
                                              sizes: DataSizes(train: Self.trainCount), sweepName: "imported")
        let imported = sweep.records
        // The validation set's size is read from the accuracies (k / 200).
        #expect(imported.allSatisfy { $0.setup.validationCount == Self.validationCount })
        let native = Self.nativeRecords()
        #expect(imported.map(\.history) == native.map(\.history))
        let importedFindings = Analysis.findings(imported)
        let nativeFindings = Analysis.findings(native)
        #expect(importedFindings.count >= 5)
        #expect(importedFindings.map(\.kind) == nativeFindings.map(\.kind))
        #expect(importedFindings.map(\.text) == nativeFindings.map(\.text))
        #expect(importedFindings.first?.text.contains("lr 0.1, batch 64") == true)
    }
}
