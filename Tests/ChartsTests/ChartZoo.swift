import Foundation
@testable import Charts

/// Charts of awkward grids (many series, many panels, long texts) that every layout must survive.
enum ChartZoo {
    /// An ordered key of 12 learning rates: one colour each across the whole report.
    static let rates = [0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100]

    static func rateLabel(_ lr: Double) -> String {
        lr < 0.001 ? "3e-4" : (lr == lr.rounded() ? String(Int(lr)) : String(lr))
    }

    /// Test accuracy per epoch for the `k`-th rate: faster with higher rates until they overshoot.
    static func accuracy(_ k: Int, of n: Int, epochs: Int = 30, shift: Double = 0) -> [ChartPoint] {
        let t = Double(k) / Double(max(n - 1, 1))
        let speed = 0.05 + 0.6 * t
        let ceiling = 0.97 - 0.5 * pow(t, 3) - shift
        return (1...epochs).map { e in
            let wobble = 0.004 * sin(Double(e) * (1.3 + t))
            return ChartPoint(x: Double(e), y: max(ceiling * (1 - exp(-speed * Double(e))) + wobble, 0.02))
        }
    }

    static func rateSeries(count: Int, shift: Double = 0) -> [Series] {
        (0..<count).map { k in
            Series(label: "lr " + rateLabel(rates[k]), colorIndex: k, points: accuracy(k, of: count, shift: shift))
        }
    }

    static let setup = "digits (1,438 train / 359 test) · MLP, 64 ReLU units · SGD, momentum 0.9 · 30 epochs"

    static func tenRates() -> Chart {
        var chart = Chart(title: "Test accuracy per epoch, by learning rate", subtitle: setup,
                          xAxis: Axis(title: "epoch", domain: 0...30),
                          yAxis: Axis(title: "test accuracy", format: .percent),
                          panels: [Panel(series: rateSeries(count: 10))], legendTitle: "learning rate")
        chart.colorCount = 12
        return chart
    }

    static func twelveRates() -> Chart {
        var chart = tenRates()
        chart.panels = [Panel(series: rateSeries(count: 12))]
        return chart
    }

    /// Eight batch sizes × ten rates: a 4 × 2 grid of panels with one legend row.
    static func eightPanels(diverged: Bool = false) -> Chart {
        let batches = [8, 16, 32, 64, 128, 256, 512, 1024]
        let panels = batches.enumerated().map { i, b in
            Panel(title: "batch size \(b)", series: rateSeries(count: 10, shift: 0.02 * Double(i)).map { s in
                var s = s
                if diverged, s.colorIndex == 9, i < 3 {
                    s.points = Array(s.points.prefix(3))
                    s.endMark = EndMark(x: 3.4, y: 0.1, label: "diverged at step \(40 * (i + 1))")
                }
                return s
            })
        }
        var chart = Chart(title: "Test accuracy per epoch, by learning rate and batch size", subtitle: setup,
                          xAxis: Axis(title: "epoch", domain: 0...30),
                          yAxis: Axis(title: "test accuracy", format: .percent), panels: panels,
                          legendTitle: "learning rate", endMarkKey: "diverged")
        chart.colorCount = 12
        return chart
    }

    static func sixPanels() -> Chart {
        let panels = [0.01, 0.03, 0.1, 0.3, 1, 3].enumerated().map { i, lr in
            Panel(title: "learning rate \(rateLabel(lr))", series: [64, 256, 1024].enumerated().map { k, b in
                Series(label: "batch \(b)", colorIndex: k, points: accuracy(k + i, of: 9))
            })
        }
        return Chart(title: "Test accuracy per epoch, by batch size and learning rate", subtitle: setup,
                     xAxis: Axis(title: "epoch", domain: 0...30),
                     yAxis: Axis(title: "test accuracy", format: .percent), panels: panels, legendTitle: "batch size")
    }

    static let scheduleLabels = [
        "schedule CosineAnnealingWarmRestarts(T_0=10)", "schedule OneCycleLR(max_lr=0.1, pct_start=0.3)",
        "schedule StepLR(step_size=10, gamma=0.1)", "schedule ExponentialLR(gamma=0.95)",
        "schedule ReduceLROnPlateau(patience=3)", "schedule LinearLR(start_factor=0.25, total_iters=5)",
    ]

    /// Converging curves with long legend labels, in one panel or in `panels` panels.
    static func longLegendLabels(panels count: Int = 1) -> Chart {
        let series = scheduleLabels.enumerated().map { k, label in
            Series(label: label, colorIndex: k, points: (1...30).map { e in
                ChartPoint(x: Double(e), y: 0.9 * (1 - exp(-(0.1 + 0.05 * Double(k)) * Double(e))) + 0.004 * Double(k))
            })
        }
        let panels = (0..<count).map { i in Panel(title: count > 1 ? "batch size \(64 << (2 * i))" : nil, series: series) }
        return Chart(title: "Test accuracy per epoch, by schedule", subtitle: setup,
                     xAxis: Axis(title: "epoch", domain: 0...30),
                     yAxis: Axis(title: "test accuracy", format: .percent), panels: panels, legendTitle: "schedule")
    }

    static func longPanelTitles() -> Chart {
        let titles = [
            "batch size 1024 · SGD with Nesterov momentum 0.9 · weight decay 5e-4",
            "batch size 256 · Adam (β₁ 0.9, β₂ 0.999) · no weight decay at all",
            "batch size 64 · RMSprop, α 0.99 · CosineAnnealingWarmRestarts(T_0=10, T_mult=2)",
            "short",
            "AVeryLongPanelTitleWithoutAnySpacesThatCannotBeBrokenAtAWordBoundaryAnywhere",
        ]
        let panels = titles.enumerated().map { i, title in
            Panel(title: title, series: [64, 256, 1024].enumerated().map { k, b in
                Series(label: "batch \(b)", colorIndex: k, points: accuracy(k + i, of: 8))
            })
        }
        return Chart(title: "Test accuracy per epoch, by optimizer", subtitle: setup,
                     xAxis: Axis(title: "epoch", domain: 0...30),
                     yAxis: Axis(title: "test accuracy", format: .percent), panels: panels, legendTitle: "batch size",
                     columns: 3)
    }

    static func longTitles() -> Chart {
        let title = "Test accuracy per epoch for every combination of learning rate, batch size, optimizer, "
            + "schedule, weight decay and activation that the sweep file asked for, including the diverged ones"
        let subtitle = setup + " · " + (1...14).map { "clause number \($0) with\u{00A0}detail" }.joined(separator: " · ")
        return Chart(title: title, subtitle: subtitle, xAxis: Axis(title: "epoch", domain: 0...30),
                     yAxis: Axis(title: "test accuracy", format: .percent),
                     panels: [Panel(series: rateSeries(count: 4))], legendTitle: "learning rate")
    }

    /// Every zoo chart, named.
    static func all() -> [(String, Chart)] {
        [("ten-rates", tenRates()), ("twelve-rates", twelveRates()), ("eight-panels", eightPanels()),
         ("eight-panels-diverged", eightPanels(diverged: true)),
         ("six-panels", sixPanels()), ("long-legend", longLegendLabels()),
         ("long-legend-panels", longLegendLabels(panels: 2)), ("long-panel-titles", longPanelTitles()),
         ("long-titles", longTitles())]
    }
}
