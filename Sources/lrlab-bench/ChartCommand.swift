import ArgumentParser
import Charts
import Datasets
import Foundation

/// `lrlab-bench chart`: the figures of `../shared/bench/chart_bench.py`, rendered by `Charts`.
struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Render the benchmark figure N times as 1600×1000 PNG and print a JSON line.")

    enum Kind: String, ExpressibleByArgument { case line, multiples }

    @Option(help: "Figures to render in this process.")
    var figures = 20
    @Option(help: "line: 3 lines × 300 points; multiples: 6 panels of 3 lines × 300 points.")
    var kind: Kind = .line
    @Option(name: .shortAndLong, help: "Folder for the PNG (overwritten each figure).")
    var output = "bench-out"

    func validate() throws {
        guard figures >= 1 else { throw ValidationError("--figures must be at least 1") }
    }

    func run() throws {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let path = (output as NSString).appendingPathComponent("bench-\(kind.rawValue).png")
        let clock = ContinuousClock()
        var milliseconds: [Double] = []
        var coldSeconds = 0.0
        for figure in 0..<figures {
            let started = clock.now
            try render(BenchFigures.chart(kind == .line ? .line : .multiples, seed: UInt64(figure)), png: path)
            let elapsed = started.duration(to: clock.now)
            if figure == 0 { coldSeconds = ProcessClock.secondsSinceStart() }
            milliseconds.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        let sorted = milliseconds.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
        print("{\"impl\": \"lrlab\", \"chart\": \"\(kind.rawValue)\", \"figures\": \(figures), "
              + "\"ms_per_figure\": \(json(median, places: 2)), \"cold_seconds\": \(json(coldSeconds, places: 4)), "
              + "\"png_bytes\": \(bytes)}")
    }
}
