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
    /// Epochs finished per running run id, for the bar's partial progress.
    private var running: [String: (epoch: Int, epochs: Int)] = [:]

    init(total: Int, quiet: Bool, live: Bool = isatty(STDERR_FILENO) != 0) {
        self.total = total
        self.quiet = quiet
        self.live = live
    }

    func handle(_ event: RunEvent) {
        guard !quiet else { return }
        lock.withLock {
            switch event {
            case .reused(let spec):
                done += 1
                line("\(label(spec)): already finished, reused")
            case .started(let spec):
                running[spec.id] = (0, spec.setup.train.epochs)
                redraw()
            case .epoch(let spec, let epoch):
                running[spec.id] = (epoch, spec.setup.train.epochs)
                redraw()
            case .finished(let spec, let record):
                done += 1
                running[spec.id] = nil
                let accuracy = record.finalTestAccuracy.map { String(format: "%.1f%%", $0 * 100) } ?? "–"
                let status = record.divergence.map { "diverged at step \($0.step) (\($0.cause))" } ?? "test accuracy \(accuracy)"
                line("\(label(spec)): \(status), \(String(format: "%.2f", record.wallSeconds)) s")
            }
        }
    }

    func finish(trained: Int, reused: Int, seconds: Double) {
        guard !quiet else { return }
        lock.withLock {
            if live { write("\r\u{1B}[K") }
            write("trained \(trained) run\(trained == 1 ? "" : "s"), reused \(reused), in \(String(format: "%.1f", seconds)) s\n")
        }
    }

    /// A finished run's line: numbered in plain mode, above the bar in live mode.
    private func line(_ text: String) {
        if live {
            write("\r\u{1B}[K\(text)\n")
            redraw()
        } else {
            write("[\(done)/\(total)] \(text)\n")
        }
    }

    private func redraw() {
        guard live, total > 0 else { return }
        let partial = running.values.reduce(0.0) { $0 + Double($1.epoch) / Double(max(1, $1.epochs)) }
        let fraction = min(1, (Double(done) + partial) / Double(total))
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        write("\r\u{1B}[K\(bar) \(done)/\(total) runs, \(running.count) training")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    private func label(_ spec: RunSpec) -> String {
        spec.grid.isEmpty ? spec.id : spec.grid.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}
