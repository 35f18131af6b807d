public import AtomicFiles
import Diagnostics
import Foundation

/// One batch size's learning-rate range test (`lrlab lr-find`), as stored in
/// `DIR/lr-find/bs-<B>.json` next to a sweep's runs so its report can show it.
public struct RangeTestRecord: Codable, Sendable, Equatable {
    public struct Point: Codable, Sendable, Equatable {
        public var step: Int
        public var learningRate: Double
        public var loss: Double
        public var smoothedLoss: Double

        public init(step: Int, learningRate: Double, loss: Double, smoothedLoss: Double) {
            self.step = step
            self.learningRate = learningRate
            self.loss = loss
            self.smoothedLoss = smoothedLoss
        }
    }

    public var batchSize: Int
    public var points: [Point]
    /// Where the smoothed loss falls fastest per decade of rate; nil when it never fell.
    public var suggestedRate: Double?
    public var suggestedStep: Int?
    public var bestSmoothedLoss: Double
    public var bestRate: Double
    public var stoppedEarly: Bool

    public init(batchSize: Int, points: [Point], suggestedRate: Double?, suggestedStep: Int?,
                bestSmoothedLoss: Double, bestRate: Double, stoppedEarly: Bool) {
        self.batchSize = batchSize
        self.points = points
        self.suggestedRate = suggestedRate
        self.suggestedStep = suggestedStep
        self.bestSmoothedLoss = bestSmoothedLoss
        self.bestRate = bestRate
        self.stoppedEarly = stoppedEarly
    }

    /// The folder of range tests inside a sweep's output directory.
    public static func folder(in directory: String) -> String {
        (directory as NSString).appendingPathComponent("lr-find")
    }

    /// Writes `bs-<B>.json` and `bs-<B>.csv` (`step,learning_rate,loss,smoothed_loss`) into `folder`,
    /// together (`FileBatch`: both or neither).
    public func write(to folder: String) throws -> [String] {
        let batch = FileBatch()
        let paths = try stage(in: folder, into: batch)
        try batch.commit()
        return paths
    }

    /// Stages `bs-<B>.json` and `bs-<B>.csv` for `folder` into `batch` (creating the folder); returns their paths.
    public func stage(in folder: String, into batch: FileBatch) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let base = (folder as NSString).appendingPathComponent("bs-\(batchSize)")
        try batch.stage(try RunStore.encoder.encode(self), to: base + ".json")
        var csv = "step,learning_rate,loss,smoothed_loss\n"
        for p in points {
            csv += "\(p.step),\(plainDecimal(p.learningRate)),\(plainDecimal(p.loss)),\(plainDecimal(p.smoothedLoss))\n"
        }
        try batch.stage(Data(csv.utf8), to: base + ".csv")
        return [base + ".json", base + ".csv"]
    }

    /// Every range test stored in `folder`, by batch size; none when the folder does not exist.
    public static func loadAll(from folder: String) throws(StoreError) -> [RangeTestRecord] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var records: [RangeTestRecord] = []
        for name in names where name.hasPrefix("bs-") && name.hasSuffix(".json") {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else { throw StoreError("cannot read \(quoted(path))") }
            do {
                records.append(try RunStore.decoder.decode(RangeTestRecord.self, from: data))
            } catch {
                throw StoreError("\(quoted(path)) is not a range test lrlab can read: \(decodingErrorText(error))")
            }
        }
        return records.sorted { $0.batchSize < $1.batchSize }
    }
}
