import Formatting
import Foundation
import TestSupport
import Testing
@testable import Charts

/// Renders the gallery's charts from gallery/data.json into $LRLAB_GALLERY_OUT, for looking at side by side.
/// Skipped unless that variable is set.
@Suite struct GalleryRenderTests {
    static let outDir = ProcessInfo.processInfo.environment["LRLAB_GALLERY_OUT"]
    static let dataPath = PackagePaths.shared + "/docs/gallery/data.json"
    static let setup = "digits (1,438 train / 359 test) · MLP, 64 ReLU units · SGD, momentum 0.9"

    struct Run {
        var batch: Int
        var lr: Double
        var history: [[String: Double]]
        var stepLoss: [Double]
        var diverged: [String: Double]?
    }

    func runs() throws -> [Run] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.dataPath))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let list = try #require(root["runs"] as? [[String: Any]])
        return list.map { r in
            Run(batch: r["batch_size"] as? Int ?? 0, lr: r["learning_rate"] as? Double ?? 0,
                history: (r["history"] as? [[String: Any]] ?? []).map { $0.compactMapValues { $0 as? Double } },
                stepLoss: (r["step_loss"] as? [Any] ?? []).compactMap { $0 as? Double },
                diverged: (r["diverged"] as? [String: Any])?.compactMapValues { ($0 as? Double) ?? ($0 as? Int).map(Double.init) })
        }
    }

    static func accuracyChart(_ runs: [Run]) -> Chart {
        let series = [64, 256, 1024].enumerated().compactMap { i, b -> Series? in
            guard let r = runs.first(where: { $0.batch == b && $0.lr == 0.1 }) else { return nil }
            let pts = r.history.map { ChartPoint(x: $0["epoch"] ?? .nan, y: $0["test_acc"] ?? .nan) }
            return Series(label: "batch \(b)", colorIndex: i, points: pts,
                          valueText: pts.last.map { NumberText.percent($0.y) })
        }
        return Chart(title: "Test accuracy per epoch, by batch size",
                     subtitle: setup + " · learning rate 0.1 · 30 epochs",
                     xAxis: Axis(title: "epoch"), yAxis: Axis(title: "test accuracy", format: .percent),
                     panels: [Panel(series: series)])
    }

    static func lossChart(_ runs: [Run]) -> Chart {
        let series = [64, 256, 1024].enumerated().compactMap { i, b -> Series? in
            guard let r = runs.first(where: { $0.batch == b && $0.lr == 0.1 }) else { return nil }
            let perEpoch = (1438 + b - 1) / b
            var raw: [ChartPoint] = [], smooth: [ChartPoint] = []
            var ema = 0.0, weight = 0.0
            for (k, loss) in r.stepLoss.enumerated() {
                let epoch = k / perEpoch, j = k % perEpoch
                let inBatch = min((j + 1) * b, 1438) - j * b
                let x = Double(epoch * 1438 + min((j + 1) * b, 1438))
                raw.append(ChartPoint(x: x, y: loss))
                let beta = exp(-Double(inBatch) / 1000)
                ema = beta * ema + (1 - beta) * log10(loss)
                weight = beta * weight + (1 - beta)
                smooth.append(ChartPoint(x: x, y: pow(10, ema / weight)))
            }
            return Series(label: "batch \(b)", colorIndex: i, points: smooth, faintPoints: raw)
        }
        return Chart(title: "Training loss vs. examples seen, by batch size",
                     subtitle: setup + " · learning rate 0.1 · faint: loss of each minibatch; solid: moving average over ~1,000 examples",
                     xAxis: Axis(title: "examples seen", format: .count),
                     yAxis: Axis(title: "training loss (log scale)", scale: .log),
                     panels: [Panel(series: series)])
    }

    static func multiplesChart(_ runs: [Run]) -> Chart {
        let panels = [64, 256, 1024].map { b in
            Panel(title: "batch size \(b)", series: [0.01, 0.1, 1.0, 5.0].enumerated().compactMap { i, lr in
                guard let r = runs.first(where: { $0.batch == b && $0.lr == lr }) else { return nil }
                let pts = r.history.map { ChartPoint(x: $0["epoch"] ?? .nan, y: $0["test_acc"] ?? .nan) }
                let div = r.diverged.map {
                    DivergenceMark(x: $0["epoch"] ?? .nan, y: $0["test_acc"],
                                   label: "diverged at step \(Int($0["step"] ?? 0))")
                }
                return Series(label: NumberText.learningRate(lr), colorIndex: i, points: pts, divergence: div)
            })
        }
        return Chart(title: "Test accuracy per epoch, by learning rate and batch size",
                     subtitle: setup + " · 30 epochs · a run diverges when its minibatch loss exceeds 4× the first one",
                     xAxis: Axis(title: "epoch"), yAxis: Axis(title: "test accuracy", format: .percent),
                     panels: panels, legendTitle: "learning rate")
    }

    static func cosine(_ step: Double) -> Double {
        let base = 0.08, warm = 0.001, ws = 2500.0, total = 300_000.0
        if step < ws { return warm + (base - warm) * step / ws }
        return 0.5 * base * (1 + cos(Double.pi * (step - ws) / (total - ws)))
    }

    static func scheduleChart() -> Chart {
        let pts = stride(from: 0.0, through: 300_000, by: 500).map { ChartPoint(x: $0, y: cosine($0)) }
        return Chart(title: "Cosine decay with linear warmup",
                     subtitle: "TF Object Detection API cosine_decay_with_warmup · learning_rate_base 0.08, warmup_learning_rate 0.001, warmup_steps\u{00A0}2,500, total_steps\u{00A0}300,000",
                     xAxis: Axis(title: "step", format: .count),
                     yAxis: Axis(title: "learning rate", domain: 0...0.09),
                     panels: [Panel(series: [Series(label: "", colorIndex: 0, points: pts)])],
                     annotations: [.phase(from: 0, to: 2500, label: "warmup"),
                                   .rule(x: 2500, label: "← warmup ends, step 2,500"),
                                   .keyPoint(x: 2500, y: 0.08, label: "0.08 at step 2,500"),
                                   .keyPoint(x: 300_000, y: 0, label: "0 at step 300,000")])
    }

    static func compareChart() -> Chart {
        let xs = Array(stride(from: 0.0, through: 300_000, by: 500))
        let stepPts = [0.0, 100_000, 200_000, 300_000].enumerated().map { i, x in
            ChartPoint(x: x, y: 0.08 * pow(0.1, Double(min(i, 2))))
        }
        return Chart(title: "Three ways to decay a learning rate of 0.08 over 300,000 steps",
                     subtitle: "step decay and exponential decay start at 0.08; the cosine warms up from 0.001 over 2,500 steps (TF OD API cosine_decay_with_warmup)",
                     xAxis: Axis(title: "step", format: .count),
                     yAxis: Axis(title: "learning rate", domain: 0...0.09),
                     panels: [Panel(series: [
                        Series(label: "cosine with warmup", colorIndex: 0, points: xs.map { ChartPoint(x: $0, y: cosine($0)) }),
                        Series(label: "step decay, ×0.1 at 100k and 200k", colorIndex: 1, points: stepPts, stepped: true),
                        Series(label: "exponential, ×0.96 every 3,000 steps", colorIndex: 2,
                               points: xs.map { ChartPoint(x: $0, y: 0.08 * pow(0.96, $0 / 3000)) }),
                     ])])
    }

    static func heatmap(_ runs: [Run]) -> Heatmap {
        let rows = [64, 256, 1024], cols = [0.01, 0.1, 1.0, 5.0]
        let final = { (b: Int, lr: Double) -> Double? in
            guard let r = runs.first(where: { $0.batch == b && $0.lr == lr }), r.diverged == nil else { return nil }
            return r.history.last?["test_acc"]
        }
        let best = rows.flatMap { b in cols.compactMap { final(b, $0) } }.filter(\.isFinite).max()
        let cells = rows.map { b in
            cols.map { lr -> HeatmapCell in
                guard let r = runs.first(where: { $0.batch == b && $0.lr == lr }) else { return .missing }
                if let d = r.diverged { return .diverged(step: Int(d["step"] ?? 0)) }
                let v = r.history.last?["test_acc"] ?? .nan
                return .value(v, best: v == best)
            }
        }
        return Heatmap(title: "Final test accuracy by batch size and learning rate",
                       subtitle: setup + " · after 30 epochs · outlined: best · hatched: diverged",
                       rowLabels: rows.map(String.init), columnLabels: cols.map(NumberText.learningRate), cells: cells,
                       rowTitle: "batch size", columnTitle: "learning rate", colorBarTitle: "final test accuracy")
    }

    @Test(.enabled(if: outDir != nil)) func renderGallery() throws {
        let dir = try #require(Self.outDir)
        let r = try runs()
        let charts = [("test-accuracy-by-batch", Self.accuracyChart(r)), ("train-loss-by-examples", Self.lossChart(r)),
                      ("small-multiples", Self.multiplesChart(r)), ("lr-schedule-cosine-warmup", Self.scheduleChart()),
                      ("lr-schedule-compare", Self.compareChart())]
        for (name, chart) in charts {
            try renderPNG(chart, to: dir + "/" + name + ".png")
            try renderSVG(chart, to: dir + "/" + name + ".svg")
        }
        let hm = Self.heatmap(r)
        try renderPNG(hm, to: dir + "/heatmap-bs-lr.png")
        try renderSVG(hm, to: dir + "/heatmap-bs-lr.svg")
        let clock = ContinuousClock()
        let chart = Self.lossChart(r)
        let n = 20
        let t = clock.measure { for _ in 0..<n { try? renderPNG(chart, to: dir + "/timing.png") } }
        print("TIMING loss chart ms per PNG:", Double(t.components.attoseconds) / 1e15 / Double(n) + Double(t.components.seconds) * 1000 / Double(n))
    }
}
