import Charts
import Foundation
import Insights
@testable import Reports
import Results
import Testing

/// Every chart of the report, built from hand-made records (one run, repeats, diverged runs, six
/// batch sizes, missing fields), passes the layout checker; the new charts appear where the data
/// allow and nowhere else.
@Suite struct ReportChartsLayoutTests {
    static func entries(_ runs: [RunRecord]) -> [ReportCharts.Entry] { PointGroupFixture.charts(runs).all() }

    /// Runs the layout checker over every chart; with `LRLAB_CHART_SAMPLES` set to a folder, also
    /// writes each chart there as a PNG to look at.
    static func check(_ runs: [RunRecord], _ scenario: String) throws -> [ReportCharts.Entry] {
        let entries = Self.entries(runs)
        let folder = ProcessInfo.processInfo.environment["LRLAB_CHART_SAMPLES"]
        for entry in entries {
            let problems = try layoutProblems(entry.figure)
            #expect(problems.isEmpty, "\(scenario) \(entry.name): \(problems.joined(separator: "; "))")
            if let folder {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try render(entry.figure, png: "\(folder)/\(scenario)-\(entry.name).png", scale: 2)
            }
        }
        return entries
    }

    @Test func sampleGridDrawsEveryNewChartInReadingOrder() throws {
        let runs = ChartFixtures.grid(noise: true, memory: true)
        let names = try Self.check(runs, "grid").map(\.name)
        #expect(names.first == "lecture-figure")
        let i = { (name: String) in names.firstIndex(of: name) ?? -1 }
        #expect(i("test-accuracy-by-batch") > i("lecture-figure"))
        #expect(i("train-loss-by-batch") > i("test-accuracy-by-batch"))
        #expect(i("steps-to-target") > i("lr-schedule"))
        #expect(i("noise-scale") > i("steps-to-target"))
        #expect(i("throughput") > i("noise-scale"))
        #expect(i("throughput") == names.count - 1)
    }

    @Test func trainingLossComesOverFourAxesInOneGroup() throws {
        let entries = Self.entries(ChartFixtures.grid())
        let group = entries.filter { $0.group == "train-loss" }
        #expect(group.map(\.variant) == ["examples", "epoch", "step", "seconds"])
        #expect(group.map(\.name) == ["train-loss-by-batch", "train-loss-by-batch-epoch", "train-loss-by-batch-step",
                                      "train-loss-by-batch-seconds"])
        #expect(group.map(\.title) == ["Training loss vs. examples seen, by batch size", "Training loss vs. epochs, by batch size",
                                       "Training loss vs. optimizer steps, by batch size", "Training loss vs. training time, by batch size"])
        // Every other entry stands alone.
        #expect(entries.filter { $0.group == nil }.allSatisfy { $0.variant == nil })
    }

    @Test func oneRun() throws {
        let run = ChartFixtures.run(batch: 64, rate: 0.1, noise: true, memory: true, batchKey: false, rateKey: false)
        let names = try Self.check([run], "one").map(\.name)
        #expect(names.first == "lecture-figure")
        #expect(names.contains("noise-scale"))
        // One batch size: nothing to scale or compare.
        #expect(!names.contains("steps-to-target"))
        #expect(!names.contains("throughput"))
    }

    @Test func repeatsWithValidationAndEveryPoint() throws {
        var runs = ChartFixtures.grid(seeds: 3, noise: true, memory: true, settings: ReportSettings(smoothing: 0.9, curves: .every))
        runs = runs.map { r in
            var r = r
            r.history = r.history.map { e in
                var e = e
                e.validationAccuracy = e.testAccuracy - 0.01
                e.validationLoss = e.testLoss + 0.02
                return e
            }
            return r
        }
        let entries = try Self.check(runs, "repeats")
        // curves: every, a 3 × 3 grid: one figure per learning rate, a column per batch size.
        let lecture = entries.filter { $0.name.hasPrefix("lecture-figure") }
        #expect(lecture.map(\.name) == ["lecture-figure", "lecture-figure-2", "lecture-figure-3"])
        // The figure of the best point's rate comes first (the page leads with it); the others follow in grid order.
        let bestRate = try #require(Analysis.bestPoints(PointGroup.group(runs)).first?.point.value(GridAxis.rateKey)?.label)
        #expect(lecture.first?.title == "Training, validation and test accuracy and loss per epoch, by batch size, lr \(bestRate)")
    }

    /// Logs imported without a test set carry the validation values in the test fields too: the
    /// lecture figure draws that curve once, as validation (dotted), not a dashed "test" on top.
    @Test func testThatIsTheValidationSetIsDrawnOnce() throws {
        let runs = ChartFixtures.grid().map { r in
            var r = r
            r.history = r.history.map { e in
                var e = e
                e.validationAccuracy = e.testAccuracy
                e.validationLoss = e.testLoss
                return e
            }
            return r
        }
        let lecture = try #require(try Self.check(runs, "test-is-validation").first { $0.name == "lecture-figure" })
        #expect(lecture.title.hasPrefix("Training and validation accuracy and loss per epoch"))
        let chart = try #require(lecture.figure as? Chart)
        let labels = Set(chart.panels.flatMap { $0.series.map(\.label) })
        #expect(labels == ["training", "validation"])
        #expect(lecture.caption.contains("between training and validation"))
        // One epoch where they differ: both are drawn.
        let different = runs.map { r in
            var r = r
            r.history[0].testAccuracy -= 0.01
            return r
        }
        let both = try #require(Self.entries(different).first { $0.name == "lecture-figure" })
        #expect(both.title.hasPrefix("Training, validation and test accuracy"))
    }

    @Test func divergedRuns() throws {
        let runs = ChartFixtures.grid(rates: [0.1, 5], noise: true, memory: true, diverging: 5)
            + [ChartFixtures.run(batch: 64, rate: 10, diverged: true, divergedAfter: 0)].map { r in
                var r = r
                r.grid = [GridValue(key: "train.batch_size", value: "64", position: 0),
                          GridValue(key: "train.learning_rate", value: "10", position: 2)]
                r.gridIndex = 2
                return r
            }
        let entries = try Self.check(runs, "diverged")
        #expect(entries.contains { $0.name == "lecture-figure" })
    }

    @Test func divergedColumnsOfEveryPoint() throws {
        let runs = ChartFixtures.grid(rates: [0.1, 5], seeds: 2, settings: ReportSettings(curves: .every), diverging: 5)
        let entries = try Self.check(runs, "every-diverged")
        // One figure per learning rate; at lr 5 every column ends in a ✕, the test accuracy's labelled.
        let lecture = try #require(entries.first { $0.name == "lecture-figure-2" }?.figure as? Chart)
        let marks = lecture.panels.flatMap(\.series).compactMap(\.endMark)
        #expect(marks.count == 3 * 2 * 2)
        #expect(marks.filter { !$0.label.isEmpty }.count == 3)
    }

    @Test func everyPointWithoutABatchKey() throws {
        let runs = [0.01, 0.1, 1].enumerated().map { i, rate -> RunRecord in
            var r = ChartFixtures.run(batch: 64, rate: rate, settings: ReportSettings(curves: .every), batchKey: false)
            r.grid = [GridValue(key: "train.learning_rate", value: plainDecimal(rate), position: i)]
            r.gridIndex = i
            return r
        }
        let entries = try Self.check(runs, "every-rates")
        let lecture = try #require(entries.first?.figure as? Chart)
        #expect(lecture.columns == 3)
        #expect(lecture.panels.prefix(3).map(\.title) == ["lr 0.01", "lr 0.1", "lr 1"])
        #expect(lecture.title == "Training and test accuracy and loss per epoch")
    }

    @Test func everyRunDiverged() throws {
        let runs = [64, 256].map { ChartFixtures.run(batch: $0, rate: 5, diverged: true, divergedAfter: 0, rateKey: false) }
        let names = try Self.check(runs, "all-diverged").map(\.name)
        #expect(names.first == "lecture-figure")
        #expect(!names.contains("steps-to-target"))
        #expect(!names.contains("noise-scale"))
    }

    @Test func sixBatchSizes() throws {
        let runs = ChartFixtures.grid(batches: ChartFixtures.batches, rates: [0.03, 0.3], noise: true, memory: true)
        let entries = try Self.check(runs, "six")
        let lecture = try #require(entries.first { $0.name == "lecture-figure" })
        #expect(lecture.title == "Training and test accuracy and loss per epoch, by batch size")
        #expect(!entries.contains { $0.name == "lecture-figure-2" })
        #expect(entries.contains { $0.name == "steps-to-target" })
        #expect(entries.contains { $0.name == "throughput" })
    }

    @Test func missingFieldsLeaveTheirChartsOut() throws {
        // Old records: no full-pass metrics, no noise, no memory, no examples seen, no target.
        let runs = ChartFixtures.grid().map { r -> RunRecord in
            var r = r
            r.history = r.history.map { var e = $0; e.fullTrainAccuracy = nil; e.fullTrainLoss = nil; return e }
            r.examplesSeen = nil
            r.sweep.targetAccuracy = nil
            return r
        }
        let entries = try Self.check(runs, "missing")
        let names = entries.map(\.name)
        // Without a target the analysis chooses one from the results and the chart says so.
        let steps = try #require(entries.first { $0.name == "steps-to-target" }?.figure as? Chart)
        #expect(steps.subtitle.contains("target chosen from the results"))
        #expect(!names.contains("noise-scale"))
        #expect(!names.contains("throughput"))
        let lecture = try #require(entries.first { $0.name == "lecture-figure" })
        #expect((lecture.figure as? Chart)?.subtitle.contains("mean over each epoch's minibatches") == true)
    }

    @Test func manyBatchSizesSplitTheLectureFigure() throws {
        let runs = ChartFixtures.grid(batches: [8, 16, 32, 64, 128, 256, 512, 1024], rates: [0.1])
        let lecture = Self.entries(runs).filter { $0.name.hasPrefix("lecture-figure") }
        #expect(lecture.count == 2)
        #expect(lecture.compactMap { ($0.figure as? Chart)?.columns } == [4, 4])
    }
}

/// What the new charts draw, from hand-made input.
@Suite struct ScalingChartTests {
    let charts = PointGroupFixture.charts(ChartFixtures.grid())

    /// A run of batch size `batch` whose test accuracy rises by 0.1 per epoch from `start`.
    static func rising(batch: Int, from start: Double) -> RunRecord {
        var run = ChartFixtures.run(batch: batch, rate: 0.1)
        run.history = (1...6).map {
            EpochMetrics(epoch: $0, trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy: min(1, start + 0.1 * Double($0)), seconds: 1)
        }
        return run
    }

    @Test func perfectScalingGoesThroughTheSmallestBatch() throws {
        // 0.9 at epoch 4 for batch 64 (23 updates per epoch: 92), epoch 5 for batch 256 (6 per epoch: 30), never for 1024.
        let runs = [Self.rising(batch: 64, from: 0.5), Self.rising(batch: 256, from: 0.4), Self.rising(batch: 1024, from: 0)]
        let groups = PointGroupFixture.charts(runs).groups
        let analysis = try #require(StepsToTarget.measure(groups: groups, target: 0.9))
        let entry = try #require(PointGroupFixture.charts(runs).stepsToTarget(analysis))
        let chart = try #require(entry.figure as? Chart)
        #expect(chart.panels.count == 2)
        let perfect = try #require(chart.panels[0].series.first { $0.reference })
        #expect(perfect.points == [ChartPoint(x: 64, y: 92), ChartPoint(x: 256, y: 23)])
        let measured = try #require(chart.panels[0].series.first { !$0.reference })
        #expect(measured.points == [ChartPoint(x: 64, y: 92), ChartPoint(x: 256, y: 30)])
        let flat = try #require(chart.panels[1].series.first { $0.reference })
        #expect(flat.points.map(\.y) == [4 * 1438, 4 * 1438])
        #expect(chart.subtitle.contains("batch 1024 did not reach it"))
        #expect(chart.xAxis.scale == .log && chart.rowYAxes.allSatisfy { $0.scale == .log })
        #expect(try layoutProblems(chart).isEmpty)
    }

    @Test func noChartWithFewerThanTwoPoints() throws {
        let runs = [Self.rising(batch: 64, from: 0.5), Self.rising(batch: 256, from: 0)]
        let analysis = try #require(StepsToTarget.measure(groups: PointGroupFixture.charts(runs).groups, target: 0.9))
        #expect(PointGroupFixture.charts(runs).stepsToTarget(analysis) == nil)
    }

    @Test func noiseScaleDotsSitAtTheWindowsMiddle() throws {
        let runs = [ChartFixtures.run(batch: 64, rate: 0.1, noise: true, rateKey: false)]
        let entry = try #require(PointGroupFixture.charts(runs).noiseScale())
        let series = try #require((entry.figure as? Chart)?.panels.first?.series.first)
        // 230 updates, a sample every 10: 23 samples, in 2 stretches of about 20 samples
        // (`CriticalBatchSize`): steps 0…100 and 110…220; B_simple grows over training.
        let analysis = try #require(CriticalBatchSize.measure(groups: PointGroupFixture.charts(runs).groups))
        #expect(series.points.count == 2)
        #expect(series.points.map(\.x) == analysis.series[0].windows.map(\.examples))
        #expect(abs((series.points.first?.x ?? 0) - 50 * 64) < 1e-9)  // the middle update of 0…100, times 64 examples
        #expect(zip(series.points, series.points.dropFirst()).allSatisfy { $0.y < $1.y })
    }
}
