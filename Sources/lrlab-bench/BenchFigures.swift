import Charts
import Datasets
import Foundation

/// The two figures of `chart_bench.py` as `Chart` values: loss curves of three batch sizes
/// over 300 epochs (`2.3·e^(−r·epoch) + 0.05 + 0.02·u`, u uniform in [0, 1)).
enum BenchFigures {
    enum Kind { case line, multiples }

    static func curves(seed: UInt64) -> [(batch: Int, values: [Double])] {
        var random = SeededRandom(seed: seed)
        return [(64, 0.05), (256, 0.02), (1024, 0.008)].map { batch, rate in
            (batch, (0..<300).map { e in 2.3 * exp(-rate * Double(e)) + 0.05 + 0.02 * random.unitDouble() })
        }
    }

    /// `line`: one panel of 3 × 300 points with legend, axis titles and grid.
    /// `multiples`: six panels of 3 × 300 points in 2 rows × 3 columns, as matplotlib's figure.
    static func chart(_ kind: Kind, seed: UInt64) -> Chart {
        let data = curves(seed: seed)
        func series(_ scale: Double, label: String) -> [Series] {
            data.enumerated().map { index, curve in
                Series(label: "\(label) \(curve.batch)", colorIndex: index,
                       points: curve.values.enumerated().map { ChartPoint(x: Double($0 + 1), y: $1 * scale) })
            }
        }
        let x = Axis(title: "epoch", format: .count), y = Axis(title: "train loss")
        switch kind {
        case .line:
            return Chart(title: "Train loss per epoch", xAxis: x, yAxis: y, panels: [Panel(series: series(1, label: "batch"))])
        case .multiples:
            let rates = ["0.01", "0.1", "1.0"]
            let panels = (0..<6).map { k in
                Panel(title: "lr \(rates[k % 3]) / \(k < 3 ? "loss" : "val")", series: series(1 + 0.1 * Double(k), label: "bs"))
            }
            // 2 × 3 panels, as chart_bench.py draws them.
            return Chart(title: "Train loss per epoch", xAxis: x, yAxis: y, panels: panels, legendTitle: "batch size", columns: 3)
        }
    }
}
