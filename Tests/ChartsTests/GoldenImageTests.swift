import Charts
import Foundation
import TestSupport
import Testing

/// Renders fixed charts and compares them with PNGs committed in `Golden/`, within a tolerance that
/// absorbs anti-aliasing differences between Cairo and FreeType versions but not a moved line or label.
/// `LRLAB_UPDATE_GOLDEN=1 swift test --filter GoldenImageTests` rewrites the references.
@Suite struct GoldenImageTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    static func curve(_ n: Int, rate: Double, ceiling: Double) -> [ChartPoint] {
        (1...n).map { ChartPoint(x: Double($0), y: ceiling * (1 - exp(-rate * Double($0)))) }
    }

    static let lines = Chart(
        title: "Test accuracy per epoch, by batch size",
        subtitle: "digits (1,438 train / 359 test) · MLP, 64 ReLU units · SGD, momentum 0.9 · learning rate 0.1",
        xAxis: Axis(title: "epoch", domain: 0...30), yAxis: Axis(title: "test accuracy", format: .percent),
        panels: [Panel(series: [
            Series(label: "batch 64", colorIndex: 0, points: curve(30, rate: 0.9, ceiling: 0.975), valueText: "97.5%"),
            Series(label: "batch 256", colorIndex: 1, points: curve(30, rate: 0.4, ceiling: 0.967), valueText: "96.7%"),
            Series(label: "batch 1024", colorIndex: 2, points: curve(30, rate: 0.12, ceiling: 0.942), valueText: "94.2%"),
        ])])

    static let multiples = Chart(
        title: "Test accuracy per epoch, by learning rate and batch size",
        subtitle: "digits · MLP, 64 ReLU units · SGD, momentum 0.9 · 30 epochs",
        xAxis: Axis(title: "epoch", domain: 0...30), yAxis: Axis(title: "test accuracy", format: .percent),
        panels: [64, 256].map { batch in
            Panel(title: "batch size \(batch)", series: [
                Series(label: "0.1", colorIndex: 0, points: curve(30, rate: batch == 64 ? 0.8 : 0.3, ceiling: 0.96)),
                Series(label: "5", colorIndex: 1, points: [ChartPoint(x: 1, y: 0.3)],
                       divergence: DivergenceMark(x: 1.4, y: 0.1, label: "diverged at step 4")),
            ])
        }, legendTitle: "learning rate")

    /// Mean ± spread over seeds, clamped to 0–100 %: the spread narrows as training converges.
    static let band = Chart(
        title: "Test accuracy per epoch, by batch size",
        subtitle: "digits · MLP, 64 ReLU units · SGD, momentum 0.9 · mean ± std over 5 seeds",
        xAxis: Axis(title: "epoch", domain: 0...30), yAxis: Axis(title: "test accuracy", format: .percent),
        panels: [Panel(series: [(0.9, 0.975, "97.5%"), (0.4, 0.967, "96.7%"), (0.12, 0.942, "94.2%")].enumerated().map { i, c in
            let mean = curve(30, rate: c.0, ceiling: c.1)
            let band = mean.map { p in
                let spread = 0.02 + 0.25 * exp(-c.0 * p.x)
                return BandPoint(x: p.x, low: max(p.y - spread, 0), high: min(p.y + spread, 1))
            }
            return Series(label: ["batch 64", "batch 256", "batch 1024"][i], colorIndex: i, points: mean, valueText: c.2,
                          band: band)
        })])

    @Test(arguments: [("lines", lines), ("multiples", multiples), ("band", band)])
    func matchesReference(name: String, chart: Chart) throws {
        let output = temporaryPath("golden-\(name)") + ".png"
        defer { try? FileManager.default.removeItem(atPath: output) }
        try renderPNG(chart, to: output)
        let reference = Self.folder + "/\(name).png"
        if ProcessInfo.processInfo.environment["LRLAB_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(atPath: reference)
            try FileManager.default.copyItem(atPath: output, toPath: reference)
        }
        let actual = try RasterImage(contentsOfPNG: output)
        let expected = try RasterImage(contentsOfPNG: reference)
        #expect(actual.width == 1600 && actual.height == 1000)
        let difference = try #require(actual.meanAbsoluteDifference(to: expected))
        #expect(difference < 0.5, "mean absolute difference \(difference) per channel against Golden/\(name).png")
    }

    @Test func differenceDetectsAMovedLine() throws {
        var moved = Self.lines
        moved.panels[0].series[2].points = Self.curve(30, rate: 0.5, ceiling: 0.7)
        let a = temporaryPath("golden-a") + ".png"
        let b = temporaryPath("golden-b") + ".png"
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        try renderPNG(Self.lines, to: a)
        try renderPNG(moved, to: b)
        let difference = try #require(try RasterImage(contentsOfPNG: a).meanAbsoluteDifference(to: RasterImage(contentsOfPNG: b)))
        #expect(difference >= 0.5)
    }
}
