import ArgumentParser
import Foundation
import Reports
import Results

/// `lrlab-bench report`: times `lrlab report` on a folder of N synthesised run records (made
/// once per folder with a fixed seed: a 10 × 10 grid of batch size and learning rate, N / 100
/// seeds each, 20 epochs, step logs and schedule samples as large as the trainer's), reading
/// them the way `lrlab report` does. Prints one JSON line.
struct ReportBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Time the report of N synthesised runs (generated once into the folder) and print a JSON line.")

    @Option(help: "Runs in the folder (a multiple of 100).")
    var runs = 1000
    @Option(name: .shortAndLong, help: "The folder (its runs are made when it has none).")
    var output = "bench-out/report"
    @Flag(help: "Only make the runs; time nothing.")
    var generateOnly = false

    func validate() throws {
        guard runs >= 100, runs % 100 == 0 else { throw ValidationError("--runs must be a multiple of 100") }
    }

    func run() throws {
        let store = RunStore(directory: output)
        if store.finishedIds().count != runs {
            try? FileManager.default.removeItem(atPath: output)
            try SyntheticRuns.write(runs, to: store)
        }
        if generateOnly { return }
        let clock = ContinuousClock()
        let started = clock.now
        // As `lrlab report`: every record without its logs, then the logs the charts draw.
        var records = try store.loadAllWithoutLogs()
        let read = started.duration(to: clock.now)
        let charted = ReportWriter.runsWithChartedLogs(records)
        let index = Dictionary(uniqueKeysWithValues: records.enumerated().map { ($1.runId, $0) })
        for id in Set(charted.steps + charted.schedules) {
            guard let i = index[id] else { continue }
            let full = try store.load(id)
            records[i].steps = full.steps
            records[i].setup.schedulePoints = full.setup.schedulePoints
        }
        _ = try ReportWriter().write(runs: records, to: output)
        let total = started.duration(to: clock.now)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let indexBytes = ((try? FileManager.default.attributesOfItem(atPath: output + "/index.html"))?[.size] as? Int) ?? 0
        let jsonBytes = ((try? FileManager.default.attributesOfItem(atPath: output + "/results.json"))?[.size] as? Int) ?? 0
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        print("{\"impl\": \"lrlab\", \"case\": \"report\", \"runs\": \(runs), \"seconds\": \(json(seconds(total), places: 3)), "
              + "\"read_seconds\": \(json(seconds(read), places: 3)), \"max_rss_mb\": \(json(Double(usage.ru_maxrss) / 1024, places: 1)), "
              + "\"index_html_bytes\": \(indexBytes), \"results_json_bytes\": \(jsonBytes)}")
    }
}

/// Plausible run records with a fixed seed, for timing reports without training.
enum SyntheticRuns {
    static let batchSizes = [8, 16, 32, 64, 128, 256, 512, 1024, 1200, 1438]
    static let rates = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30]

    /// Saves `count` records (`count / 100` seeds of each of 100 grid points) into `store`,
    /// several at a time.
    static func write(_ count: Int, to store: RunStore) throws {
        try store.prepare()
        let seeds = count / 100
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let point = i / seeds
            do {
                try store.save(record(batchIndex: point / rates.count, rateIndex: point % rates.count, repeatIndex: i % seeds, gridIndex: point))
            } catch {
                failures.add("\(error)")
            }
        }
        if let first = failures.first { throw ValidationError(first) }
    }

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [String] = []
        func add(_ message: String) { lock.lock(); messages.append(message); lock.unlock() }
        var first: String? { lock.lock(); defer { lock.unlock() }; return messages.first }
    }

    /// SplitMix64: the same numbers on every machine.
    struct Random {
        var state: UInt64
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
    }

    static func record(batchIndex: Int, rateIndex: Int, repeatIndex: Int, gridIndex: Int) -> RunRecord {
        let batch = batchSizes[batchIndex], rate = rates[rateIndex]
        var random = Random(state: UInt64(gridIndex * 1000 + repeatIndex) &* 0x2545_F491_4F6C_DD1D)
        let epochs = 20, trainCount = 1438, testCount = 359
        let perEpoch = (trainCount + batch - 1) / batch
        // Larger rates learn faster until, past a limit that grows with the batch, they diverge.
        let speed = rate * Double(perEpoch) / 10
        let limit = 0.4 * (Double(batch) / 8).squareRoot()
        let diverges = rate > limit * (0.8 + 0.4 * random.next())
        let ceiling = 0.975 - 0.02 * Double(batchIndex) / 9 - 0.03 * random.next() * (rate > limit / 3 ? 4 : 1)
        let divergedAt = diverges ? Int(Double(perEpoch * epochs) * 0.05 * random.next()) : nil
        let lastEpoch = divergedAt.map { $0 / perEpoch } ?? epochs
        let history = (0..<lastEpoch).map { e -> EpochMetrics in
            let progress = 1 - exp(-speed * Double(e + 1))
            let acc = min(1, max(0.05, 0.1 + (ceiling - 0.1) * progress + 0.01 * (random.next() - 0.5)))
            let train = min(1, acc + 0.02 * progress)
            return EpochMetrics(epoch: e + 1, trainLoss: -log(train) + 0.05, trainAccuracy: train, testLoss: -log(acc) + 0.08,
                                testAccuracy: (acc * Double(testCount)).rounded() / Double(testCount), seconds: 0.01 + 0.001 * random.next(),
                                fullTrainLoss: -log(train), fullTrainAccuracy: train)
        }
        let totalSteps = (divergedAt.map { $0 + 1 }) ?? perEpoch * epochs
        let logged = min(2000, totalSteps)
        let steps = (0..<logged).map { k -> StepMetrics in
            let step = k * totalSteps / logged
            let loss = divergedAt == step ? Double.infinity : 2.3 * exp(-speed * Double(step) / Double(perEpoch)) + 0.05 + 0.1 * random.next()
            return StepMetrics(step: step, examplesSeen: min((step + 1) * batch, trainCount * epochs), loss: loss,
                               learningRate: rate, gradientNorm: 1 + random.next())
        }
        let points = min(1000, perEpoch * epochs + 1)
        let schedule = (0..<points).map { SchedulePoint(step: $0 * perEpoch * epochs / max(1, points - 1), learningRate: rate) }
        let setup = RunSetup(dataset: "digits", trainCount: trainCount, testCount: testCount, featureCount: 64, classCount: 10,
                             hidden: [32], activation: "relu", batchSize: batch, learningRate: rate, optimizer: "momentum",
                             momentum: 0.9, schedule: "constant", epochs: epochs, stepsPerEpoch: perEpoch,
                             seed: UInt64(repeatIndex + 1), schedulePoints: schedule)
        let divergence = divergedAt.map {
            DivergenceInfo(step: $0, loss: .infinity, cause: "non-finite", epochsSeen: Double($0 + 1) / Double(perEpoch),
                           trainLoss: .infinity, trainAccuracy: 0.1, testLoss: .infinity, testAccuracy: 0.1)
        }
        let id = "\(batch)-\(plainDecimal(rate))-" + String(format: "%04d", repeatIndex)
        return RunRecord(runId: id, sweep: SweepInfo(name: "synthetic", title: "Synthesised sweep", targetAccuracy: 0.9),
                         grid: [GridValue(key: "train.batch_size", value: "\(batch)", position: batchIndex),
                                GridValue(key: "train.learning_rate", value: plainDecimal(rate), position: rateIndex)],
                         gridIndex: gridIndex, repeatIndex: repeatIndex, setup: setup, status: diverges ? .diverged : .finished,
                         initialLoss: 2.3, history: history, steps: steps, divergence: divergence, totalSteps: totalSteps,
                         trainSeconds: 0.2, wallSeconds: 0.25)
    }
}
