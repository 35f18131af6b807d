@testable import Reports
import Results
import Testing

/// Runs that differ by schedule (not learning rate) at one or two batch sizes.
func scheduleRun(batch: Int, schedule: String) -> RunRecord {
    var record = run(batch: batch, rate: 0.1)
    record.runId = "\(batch)-\(schedule)"
    record.setup.schedule = schedule + "(gamma=0.1)"
    record.grid = [GridValue(key: "train.schedule", value: "{name: \(schedule)}"), GridValue(key: "train.batch_size", value: "\(batch)")]
    return record
}

@Suite struct VariantTests {
    @Test func scheduleGridGetsOneLinePerSchedule() {
        let runs = [scheduleRun(batch: 64, schedule: "StepLR"), scheduleRun(batch: 64, schedule: "CosineAnnealingLR"),
                    scheduleRun(batch: 256, schedule: "StepLR"), scheduleRun(batch: 256, schedule: "CosineAnnealingLR")]
        let axis = VariantAxis(runs)
        #expect(axis.title == "schedule")
        #expect(axis.variants.map(\.label) == ["CosineAnnealingLR", "StepLR"])
        let charts = ReportCharts(runs: runs, setup: SetupText(runs))
        let multiples = charts.all().first { $0.name == "small-multiples" }
        guard case .chart(let chart)? = multiples?.figure else {
            Issue.record("no small multiples")
            return
        }
        #expect(chart.legendTitle == "schedule")
        #expect(chart.panels.map { $0.series.map(\.label) } == [["CosineAnnealingLR", "StepLR"], ["CosineAnnealingLR", "StepLR"]])
    }

    @Test func oneBatchSizeComparesLearningRates() {
        var runs = [run(batch: 64, rate: 0.01), run(batch: 64, rate: 0.1), run(batch: 64, rate: 1)]
        for i in runs.indices { runs[i].grid = [GridValue(key: "train.learning_rate", value: "\(runs[i].setup.learningRate)")] }
        let names = ReportCharts(runs: runs, setup: SetupText(runs)).all().map(\.name)
        #expect(names == ["test-accuracy-by-variant", "train-loss-by-variant", "heatmap-bs-lr", "lr-schedule"])
        let entry = ReportCharts(runs: runs, setup: SetupText(runs)).testAccuracy(lines: .variants(batch: 64))
        guard case .chart(let chart) = entry.figure else { return }
        #expect(chart.title == "Test accuracy per epoch, by learning rate")
        #expect(chart.panels.first?.series.map(\.label) == ["lr 0.01", "lr 0.1", "lr 1"])
    }
}

@Suite struct RepeatTests {
    @Test func repeatsDrawTheirMeanWithARangeBand() throws {
        var runs: [RunRecord] = []
        for seed in [1, 2, 3] as [UInt64] {
            for batch in [64, 256] {
                var record = run(batch: batch, rate: 0.1)
                record.runId = "\(batch)-\(seed)"
                record.setup.seed = seed
                record.history = record.history.map { var e = $0; e.testAccuracy += Double(seed) / 100; return e }
                runs.append(record)
            }
        }
        let charts = ReportCharts(runs: runs, setup: SetupText(runs))
        let entry = try #require(charts.all().first { $0.name == "test-accuracy-by-batch" })
        guard case .chart(let chart) = entry.figure else { Issue.record("not a chart"); return }
        #expect(chart.subtitle.contains("mean of 3 seeds, band: their range"))
        let series = try #require(chart.panels.first?.series.first)
        #expect(series.band.count == 5)
        let first = try #require(series.band.first)
        let firstMean = try #require(series.points.first)
        #expect(abs(first.low - (0.58 - 64.0 / 10_000 + 0.01)) < 1e-9)
        #expect(abs(first.high - (0.58 - 64.0 / 10_000 + 0.03)) < 1e-9)
        #expect(abs(firstMean.y - (0.58 - 64.0 / 10_000 + 0.02)) < 1e-9)
    }
}
