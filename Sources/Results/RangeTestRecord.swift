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
        /// The loss smoothed without lag (a centred local linear fit; `smoothed_loss` in the CSV).
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
    /// Where the smoothed loss exceeded the stop factor × its minimum or the loss stopped being finite
    /// (or the ramp's stopping rule fired); nil when it did not blow up, or in files from before lrlab said so.
    public var blowUpRate: Double?
    /// A safe starting range for the rate: from a decade below the steepest descent to the steepest
    /// descent, capped at half the minimum's rate; nil without a suggestion or in older files.
    public var safeLowRate: Double?
    public var safeHighRate: Double?
    /// The suggestions in words: "steepest descent at 0.42; the loss blew up at 3.1; a safe start is
    /// 0.042–0.42"; nil in older files.
    public var explanation: String?

    public init(batchSize: Int, points: [Point], suggestedRate: Double?, suggestedStep: Int?,
                bestSmoothedLoss: Double, bestRate: Double, stoppedEarly: Bool, blowUpRate: Double? = nil,
                safeLowRate: Double? = nil, safeHighRate: Double? = nil, explanation: String? = nil) {
        self.batchSize = batchSize
        self.points = points
        self.suggestedRate = suggestedRate
        self.suggestedStep = suggestedStep
        self.bestSmoothedLoss = bestSmoothedLoss
        self.bestRate = bestRate
        self.stoppedEarly = stoppedEarly
        self.blowUpRate = blowUpRate
        self.safeLowRate = safeLowRate
        self.safeHighRate = safeHighRate
        self.explanation = explanation
    }

    /// The safe starting range, when the record has both ends.
    public var safeRange: ClosedRange<Double>? {
        guard let low = safeLowRate, let high = safeHighRate, low <= high else { return nil }
        return low...high
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
