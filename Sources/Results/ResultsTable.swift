public import AtomicFiles
public import Foundation

/// `results.csv` and `results.json`: one row per run, in a stable order.
public enum ResultsTable {
    /// The contract's required columns, in order; one column per grid key follows.
    public static let requiredColumns = [
        "run_id", "status", "batch_size", "learning_rate", "optimizer", "schedule", "seed", "epochs", "steps",
        "final_train_loss", "final_train_accuracy", "final_test_loss", "final_test_accuracy",
        "best_test_accuracy", "diverged_at_step", "wall_seconds",
    ]

    /// Columns after the required ones and before the grid keys: the validation figures (empty
    /// without a validation set) and the epoch of the peak test accuracy (`best_test_accuracy`
    /// is that peak; the report's "best" is chosen on final values, see `RunRecord.selectionAccuracy`),
    /// then the trainer's working memory in bytes (`RunRecord.memory`), empty for runs stored
    /// before lrlab measured it. (Throughput is a timing, like `wall_seconds`, and stays in
    /// results.json and the report: every other column is the same on every machine.)
    public static let extraColumns = ["final_validation_loss", "final_validation_accuracy", "peak_test_epoch",
                                      "memory_bytes"]

    /// Grid keys over all runs, in first-seen order.
    public static func gridKeys(_ runs: [RunRecord]) -> [String] {
        var keys: [String] = []
        for run in runs { for value in run.grid where !keys.contains(value.key) { keys.append(value.key) } }
        return keys
    }

    /// One row per run, in grid order (`RunRecord.gridOrder`).
    public static func csv(_ runs: [RunRecord]) -> String {
        let keys = gridKeys(runs)
        var lines = [(requiredColumns + extraColumns + keys).map(escape).joined(separator: ",")]
        for run in runs.sorted(by: RunRecord.gridOrder) {
            let s = run.setup
            let cells: [String] = [
                run.runId, run.status.rawValue, "\(s.batchSize)", plainDecimal(s.learningRate), s.optimizer,
                s.schedule, "\(s.seed)", "\(s.epochs)", "\(run.totalSteps)",
                number(run.finalTrainLoss), number(run.finalTrainAccuracy), number(run.finalTestLoss),
                number(run.finalTestAccuracy), number(run.bestTestAccuracy),
                run.divergence.map { "\($0.step)" } ?? "", plainDecimal(run.wallSeconds),
                number(run.finalValidationLoss), number(run.finalValidationAccuracy),
                run.peakTestEpoch.map(String.init) ?? "",
                run.memory.map { "\($0.total)" } ?? "",
            ] + keys.map { run.gridValue($0) ?? "" }
            lines.append(cells.map(escape).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The runs with their summaries and per-epoch history, as compact JSON (no indentation):
    /// `{"runs": [{"run": {…}, "finalTestAccuracy": …}, …]}` in grid order. Each `run` is the run's
    /// record without its per-step log and with `setup.schedulePoints` empty; both stay in
    /// `runs/<id>/run.json`: with them a 1,000-run sweep made a 110 MB file. Rows are encoded in parallel, each with
    /// its own encoder, and joined in order, so the file is the same whatever the core count.
    public static func json(_ runs: [RunRecord]) throws -> Data {
        let ordered = runs.sorted(by: RunRecord.gridOrder)
        var pieces = [Result<Data, any Error>](repeating: .success(Data()), count: ordered.count)
        pieces.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            nonisolated(unsafe) let out = base
            DispatchQueue.concurrentPerform(iterations: ordered.count) { index in
                let run = ordered[index]
                let row = Row(run: History(run), finalTrainLoss: run.finalTrainLoss, finalTrainAccuracy: run.finalTrainAccuracy,
                              finalTestLoss: run.finalTestLoss, finalTestAccuracy: run.finalTestAccuracy,
                              bestTestAccuracy: run.bestTestAccuracy)
                out[index] = Result { try compactEncoder().encode(row) }
            }
        }
        var data = Data("{\"runs\":[".utf8)
        for (index, piece) in pieces.enumerated() {
            if index > 0 { data.append(UInt8(ascii: ",")) }
            data.append(try piece.get())
        }
        data.append(contentsOf: Array("]}\n".utf8))
        return data
    }

    private struct Row: Encodable {
        let run: History
        let finalTrainLoss, finalTrainAccuracy, finalTestLoss, finalTestAccuracy, bestTestAccuracy: Double?
    }

    /// A run record as `results.json` holds it: every field but the per-step log.
    private struct History: Encodable {
        let format: Int
        let runId: String
        let sweep: SweepInfo
        let grid: [GridValue]
        let gridIndex, repeatIndex: Int
        let setup: RunSetup
        let status: RunStatus
        let initialLoss: Double
        let history: [EpochMetrics]
        let divergence: DivergenceInfo?
        let totalSteps: Int
        let trainSeconds, wallSeconds: Double
        let failure: String?
        /// The throughput and memory measurements; the noise samples stay in run.json with the step log.
        let examplesSeen: Int?
        let memory: WorkingMemory?

        init(_ r: RunRecord) {
            format = r.format; runId = r.runId; sweep = r.sweep; grid = r.grid; gridIndex = r.gridIndex
            repeatIndex = r.repeatIndex; status = r.status; initialLoss = r.initialLoss
            history = r.history; divergence = r.divergence; totalSteps = r.totalSteps
            trainSeconds = r.trainSeconds; wallSeconds = r.wallSeconds; failure = r.failure
            examplesSeen = r.examplesSeen; memory = r.memory
            // The sampled schedule (about 1,000 points) stays in run.json with the step log.
            var setup = r.setup
            setup.schedulePoints = []
            self.setup = setup
        }
    }

    private static func compactEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// Writes `results.csv` and `results.json` into `directory`, together: both are written to
    /// temporary names first and renamed only when both were written (`FileBatch`), so a failure
    /// (a full disk) leaves the previous pair as it was. Returns their paths.
    public static func write(_ runs: [RunRecord], to directory: String) throws -> [String] {
        let batch = FileBatch()
        try stage(runs, in: directory, into: batch)
        try batch.commit()
        return paths(in: directory)
    }

    /// Stages `results.csv` and `results.json` for `directory` into `batch` (see `FileBatch`).
    public static func stage(_ runs: [RunRecord], in directory: String, into batch: FileBatch) throws {
        let paths = paths(in: directory)
        try batch.stage(Data(csv(runs).utf8), to: paths[0])
        try batch.stage(try json(runs), to: paths[1])
    }

    /// `results.csv` and `results.json` in `directory`.
    public static func paths(in directory: String) -> [String] {
        ["results.csv", "results.json"].map { (directory as NSString).appendingPathComponent($0) }
    }

    private static func number(_ value: Double?) -> String { value.map(plainDecimal) ?? "" }

    /// RFC 4180 quoting when a cell holds a comma, quote or line break.
    static func escape(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
