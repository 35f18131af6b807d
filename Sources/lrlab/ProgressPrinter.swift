import Foundation
import Results
import Sweeps

/// Progress lines on stderr: one line per run started and finished.
final class ProgressPrinter: @unchecked Sendable {
    private let total: Int
    private let quiet: Bool
    private let lock = NSLock()
    private var done = 0

    init(total: Int, quiet: Bool) {
        self.total = total
        self.quiet = quiet
    }

    func handle(_ event: RunEvent) {
        guard !quiet else { return }
        lock.withLock {
            switch event {
            case .reused(let spec):
                done += 1
                Console.progress("[\(done)/\(total)] \(label(spec)): already finished, reused")
            case .started, .epoch:
                break
            case .finished(let spec, let record):
                done += 1
                let accuracy = record.finalTestAccuracy.map { String(format: "%.1f%%", $0 * 100) } ?? "–"
                let status = record.divergence.map { "diverged at step \($0.step) (\($0.cause))" } ?? "test accuracy \(accuracy)"
                Console.progress("[\(done)/\(total)] \(label(spec)): \(status), \(String(format: "%.2f", record.wallSeconds)) s")
            }
        }
    }

    func finish(trained: Int, reused: Int, seconds: Double) {
        guard !quiet else { return }
        Console.progress("trained \(trained) run\(trained == 1 ? "" : "s"), reused \(reused), in \(String(format: "%.1f", seconds)) s")
    }

    private func label(_ spec: RunSpec) -> String {
        spec.grid.isEmpty ? spec.id : spec.grid.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}
