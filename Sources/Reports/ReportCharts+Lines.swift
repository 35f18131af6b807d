import Charts
import Formatting
import Insights
import Results

extension ReportCharts {
    /// File-name part for a key: "batch", "lr", "optimizer".
    static func slug(_ axis: GridAxis?) -> String {
        guard let axis else { return "run" }
        switch axis.key {
        case GridAxis.batchKey: return "batch"
        case GridAxis.rateKey: return "lr"
        default:
            let last = axis.key.split(separator: ".").last.map(String.init) ?? "key"
            // A file name and a link target in report.md: letters, digits and '-' only.
            let safe = String(last.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
            return safe.isEmpty ? "key" : safe
        }
    }

    func testAccuracy(_ members: [Member], axis: GridAxis?) -> Entry {
        let series = members.compactMap { m in
            accuracySeries(m.group.runs, label: m.label, color: m.color, valueText: true)
        }
        let fixed = axis.map { bestClause(members, axis: $0) } ?? (members.first?.group.label ?? "")
        let by = axis?.title
        var chart = Chart(title: by.map { "Test accuracy per epoch, by \($0)" } ?? "Test accuracy per epoch",
                          subtitle: setup.clauses(including: [fixed, setup.epochsClause, repeatsClause]),
                          xAxis: Axis(title: "epoch", domain: 0...Double(max(setup.epochs, 1))),
                          yAxis: Axis(title: "test accuracy", format: .percent),
                          panels: [Panel(series: series)], endMarkKey: Self.divergedKey)
        chart.colorCount = axis?.values.count
        return Entry(name: "test-accuracy-by-\(Self.slug(axis))", figure: chart,
                     caption: "Test accuracy after each epoch" + (by.map { " for each \($0)" } ?? "")
                         + (fixed.isEmpty ? "." : ", \(fixed)."))
    }

    func trainingLoss(_ members: [Member], axis: GridAxis?) -> Entry {
        let series = members.compactMap { m -> Series? in
            // The first seed's minibatch losses: a mean of noisy per-step losses would hide the noise this chart shows.
            guard let run = m.group.runs.first else { return nil }
            let raw = run.steps.filter { $0.loss.isFinite && $0.loss > 0 }.map { ChartPoint(x: Double($0.examplesSeen), y: $0.loss) }
            return Series(label: m.label, colorIndex: m.color,
                          points: Smoothing.ema(raw, tau: 1000, logSpace: true), faintPoints: raw,
                          endMark: divergenceMark(run, x: { $0.epochsSeen * Double(run.setup.trainCount) }) { $0.loss })
        }
        let fixed = axis.map { bestClause(members, axis: $0) } ?? (members.first?.group.label ?? "")
        let by = axis?.title
        var chart = Chart(title: "Training loss vs. examples seen" + (by.map { ", by \($0)" } ?? ""),
                          subtitle: setup.clauses(including: [fixed])
                              + " · faint: loss of each minibatch; solid: moving average over ~1,000 examples",
                          xAxis: Axis(title: "examples seen", format: .count),
                          yAxis: Axis(title: "training loss (log scale)", scale: .log),
                          panels: [Panel(series: series)], endMarkKey: Self.divergedKey)
        chart.colorCount = axis?.values.count
        return Entry(name: "train-loss-by-\(Self.slug(axis))", figure: chart,
                     caption: "Minibatch training loss against the number of examples seen" + (fixed.isEmpty ? "" : ", \(fixed)")
                         + "; comparing at equal data is fair to every batch size.")
    }
}
