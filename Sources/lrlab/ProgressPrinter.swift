import Formatting
import Foundation
import Results
import Sweeps

/// Progress on stderr: a live bar redrawn in place on a terminal, one plain line per run otherwise.
final class ProgressPrinter: @unchecked Sendable {
    private let total: Int
    private let quiet: Bool
    private let live: Bool
    private let lock = NSLock()
    private var done = 0
    /// Runs reused from earlier invocations (or other processes): done, but no training time.
    private var reused = 0
    private var diverged = 0
    private var failed = 0
    /// Epochs finished per running run id, for the bar's partial progress.
    private var running: [String: (epoch: Int, epochs: Int)] = [:]
    private let clock: () -> Double
    private var started: Double?

    init(total: Int, quiet: Bool, live: Bool = isatty(STDERR_FILENO) != 0,
         clock: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.total = total
        self.quiet = quiet
        self.live = live
        self.clock = clock
    }

    func handle(_ event: RunEvent) {
        guard !quiet else { return }
        lock.withLock {
            switch event {
            case .reused(let spec):
                done += 1
                reused += 1
                line("\(label(spec)): already finished, reused")
            case .started(let spec):
                if started == nil { started = clock() }
                running[spec.id] = (0, spec.setup.train.epochs)
                redraw()
            case .epoch(let spec, let epoch):
                running[spec.id] = (epoch, spec.setup.train.epochs)
                redraw()
            case .finished(let spec, let record):
                done += 1
                if record.divergence != nil { diverged += 1 }
                running[spec.id] = nil
                let accuracy = record.finalTestAccuracy.map { String(format: "%.1f%%", $0 * 100) } ?? "–"
                let status = record.divergence.map { "diverged at step \($0.step) (\($0.cause))" } ?? "test accuracy \(accuracy)"
                line("\(label(spec)): \(status), \(String(format: "%.2f", record.wallSeconds)) s")
            case .failed(let spec, let record):
                done += 1
                failed += 1
                running[spec.id] = nil
                line("\(label(spec)): failed: \(record.failure ?? "unknown reason")")
            case .waiting(let spec, let owner):
                line("\(label(spec)): being trained by \(owner); waiting for it", counted: false)
            case .finishedElsewhere(let spec, _):
                done += 1
                reused += 1
                line("\(label(spec)): finished by another process, reused")
            }
        }
    }

    /// The closing line: "trained 3 runs, reused 1, in 2.5 s", plus runs finished by other
    /// processes sharing the folder and failed runs when there are any.
    func finish(trained: Int, reused: Int, elsewhere: Int = 0, failed: Int = 0, seconds: Double) {
        guard !quiet else { return }
        lock.withLock {
            if live { write("\r\u{1B}[K") }
            var text = "trained \(trained) run\(trained == 1 ? "" : "s"), reused \(reused)"
            if elsewhere > 0 { text += ", \(elsewhere) trained by other processes" }
            if failed > 0 { text += ", \(failed) failed" }
            write(text + ", in \(String(format: "%.1f", seconds)) s\n")
        }
    }

    /// Removes the live bar, so a last message starts on a clean line.
    func clear() {
        lock.withLock { if live && !quiet { write("\r\u{1B}[K") } }
    }

    /// A run's line: numbered in plain mode (`counted`: with the runs done so far), above the bar in live mode.
    private func line(_ text: String, counted: Bool = true) {
        if live {
            write("\r\u{1B}[K\(text)\n")
            redraw()
        } else {
            write(counted ? "[\(done)/\(total)] \(text)\n" : "\(text)\n")
        }
    }

    private func redraw() {
        guard live, total > 0 else { return }
        let partial = running.values.reduce(0.0) { $0 + Double($1.epoch) / Double(max(1, $1.epochs)) }
        let fraction = min(1, (Double(done) + partial) / Double(total))
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        write("\r\u{1B}[K\(bar) " + status(elapsed: started.map { clock() - $0 }))
    }

    /// The bar's words: runs done of all, the epochs of the runs in flight (up to three), runs
    /// diverged and failed so far, and the time left, estimated from the training done so far
    /// (reused runs took none) once there is enough of it to go by.
    func status(elapsed: Double?) -> String {
        var text = "\(done)/\(total) runs"
        if !running.isEmpty {
            let shown = running.values.sorted { ($0.epoch, $0.epochs) > ($1.epoch, $1.epochs) }.prefix(3)
            let epochs = shown.map { "\($0.epoch)/\($0.epochs)" }.joined(separator: ", ")
            text += ", \(running.count) training (epoch \(epochs)\(running.count > 3 ? ", …" : ""))"
        }
        if diverged > 0 { text += ", \(diverged) diverged" }
        if failed > 0 { text += ", \(failed) failed" }
        let toTrain = Double(total - reused)
        let trained = Double(done - reused) + running.values.reduce(0.0) { $0 + Double($1.epoch) / Double(max(1, $1.epochs)) }
        if let elapsed, elapsed >= 2, toTrain > 0, trained / toTrain >= 0.02, trained < toTrain {
            text += ", about \(NumberText.seconds(elapsed * (toTrain - trained) / trained)) left"
        }
        return text
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    private func label(_ spec: RunSpec) -> String {
        spec.grid.isEmpty ? spec.id : spec.grid.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}
