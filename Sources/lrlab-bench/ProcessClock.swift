import Foundation

/// Seconds since this process started, from `/proc/self/stat` (start time in clock ticks
/// since boot, 10 ms resolution) and `CLOCK_BOOTTIME`; falls back to the time since `main`.
enum ProcessClock {
    private static let mainStarted = Date()

    static func secondsSinceStart() -> Double {
        var now = timespec()
        guard clock_gettime(CLOCK_BOOTTIME, &now) == 0,
              let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return Date().timeIntervalSince(mainStarted) }
        // Fields after the command name start at field 3 (state); the start time is field 22.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard fields.count > 19, let ticks = Double(fields[19]), ticksPerSecond > 0 else {
            return Date().timeIntervalSince(mainStarted)
        }
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9 - ticks / ticksPerSecond
    }

    /// CPU seconds this process has used (all threads, `CLOCK_PROCESS_CPUTIME_ID`); 0 when unavailable.
    static func cpuSeconds() -> Double {
        var now = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now) == 0 else { return 0 }
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Touch the fallback clock early so it measures from `main`.
    static func start() { _ = mainStarted }
}
