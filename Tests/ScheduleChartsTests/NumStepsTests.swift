import Charts
import Foundation
@testable import ScheduleCharts
import Schedules
import TestSupport
import Testing
import Results

/// A pipeline.config with `exponential_decay_learning_rate` (decay_steps 800; staircase left at
/// its proto default, true) and `train_config.num_steps`.
func expSource(numSteps: Int? = 60_000, factor: String = "0.95", extra: String = "") throws -> ScheduleSource {
    let text = """
    train_config {
      batch_size: 32
      \(numSteps.map { "num_steps: \($0)" } ?? "")
      optimizer { momentum_optimizer { learning_rate { exponential_decay_learning_rate {
        initial_learning_rate: 0.004 decay_steps: 800 decay_factor: \(factor) \(extra) } }
        momentum_optimizer_value: 0.9 } use_moving_average: false }
    }
    """
    let config = try PipelineConfig.parse(text: text, path: "exp.config")
    return ScheduleSource(path: "exp.config", label: "exp", spec: config.schedule,
                          numSteps: config.numSteps > 0 ? config.numSteps : nil, batchSize: config.batchSize,
                          optimizer: config.optimizer, defaultedFields: config.defaultedFields)
}

/// `exponential_decay_with_burnin` with staircase, in float32 as SCHEDULES.md §4.1 gives it.
func tfStaircase(_ step: Int, base: Float = 0.004, factor: Float = 0.95, every: Int = 800, floor: Float = 0) -> Double {
    Double(max(base * pow(factor, Float(step / every)), floor))
}

@Suite struct NumStepsRangeTests {
    @Test func defaultRangeRunsToNumSteps() throws {
        let source = try expSource()
        let info = source.spec.makeSchedule().info
        #expect(info.defaultSteps == 8000)
        #expect(source.defaultStepCount(info) == 60_000)
        // num_steps shorter than the schedule's own range keeps that range.
        #expect(try expSource(numSteps: 1000).defaultStepCount(info) == 8000)
        #expect(try expSource(numSteps: nil).defaultStepCount(info) == 8000)
    }

    @Test func streamedCSVAndJSONMatchTheWholeTable() throws {
        let schedule = try expSource().spec.makeSchedule()
        let count = ScheduleTable.chunkSize + 3
        var json = ""
        try ScheduleTable.json(spec: try expSource().spec, schedule: schedule, steps: StepChunks(count: count)) { json += $0 }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let steps = try #require(object["steps"] as? [Int])
        let rates = try #require(object["learning_rates"] as? [Double])
        #expect(steps.count == count && rates.count == count)
        #expect(steps.last == count - 1)
        for i in [0, 799, 800, 59_999, ScheduleTable.chunkSize - 1, ScheduleTable.chunkSize, count - 1] {
            #expect(steps[i] == i)
            #expect(abs(rates[i] - tfStaircase(i)) <= 2e-6 * rates[i] + 1e-12)
        }
        var csv = ""
        try ScheduleTable.csv(schedule, steps: StepChunks(count: 10)) { csv += $0 }
        #expect(csv == ScheduleTable.csv(steps: Array(0..<10), rates: schedule.learningRates(count: 10)))
    }
}

@Suite struct NumStepsChartTests {
    @Test func chartRunsToNumStepsAsAStaircase() throws {
        let chart = ScheduleChart.single(try expSource())
        #expect(chart.xAxis.domain == 0...60_000)
        let series = chart.panels[0].series[0]
        #expect(series.stepped)
        #expect(series.points.last?.x == 60_000)
        #expect(series.points.count < 3000)
        // Every drop is drawn where it happens: the last step before it and the first after it.
        for drop in [800, 8000, 40_000, 59_200] {
            let before = try #require(series.points.first { $0.x == Double(drop - 1) })
            let after = try #require(series.points.first { $0.x == Double(drop) })
            #expect(before.y == tfStaircase(drop - 1))
            #expect(after.y == tfStaircase(drop))
            #expect(after.y < before.y)
        }
        #expect(chart.subtitle.hasSuffix("decay_factor\u{00A0}0.95 · num_steps\u{00A0}60,000"))
        #expect(chart.annotations.contains(.keyPoint(x: 60_000, y: tfStaircase(60_000), label: "8.53749e-5 at step 60,000")))
    }

    @Test func shortNumStepsKeepsTheSchedulesRange() throws {
        let chart = ScheduleChart.single(try expSource(numSteps: 1000))
        #expect(chart.xAxis.domain == 0...7999)
        #expect(!chart.subtitle.contains("num_steps"))
    }

    @Test func cosinePastTotalStepsShowsTheZeroTail() throws {
        let chart = ScheduleChart.single(try odSource(numSteps: 400_000))
        #expect(chart.xAxis.domain == 0...400_000)
        #expect(chart.annotations.contains(.rule(x: 300_000, label: "← total_steps, step 300,000")))
        #expect(chart.annotations.contains(.keyPoint(x: 400_000, y: 0, label: "0 at step 400,000")))
        let points = chart.panels[0].series[0].points
        #expect(points.filter { $0.x > 300_000 }.allSatisfy { $0.y == 0 })
    }

    @Test func hugeNumStepsIsSampled() throws {
        let chart = ScheduleChart.single(try expSource(numSteps: 4_294_967_295))
        #expect(chart.xAxis.domain == 0...4_294_967_295)
        #expect(chart.panels[0].series[0].points.count < 3000)
    }

    @Test func compareRunsEveryCurveToTheLongestNumSteps() throws {
        let chart = ScheduleChart.compare([try odSource(numSteps: 100_000), try expSource(numSteps: 400_000)])
        #expect(chart.xAxis.domain?.upperBound == 400_000)
        #expect(chart.panels[0].series.allSatisfy { $0.points.last?.x == 400_000 })
        #expect(chart.panels[0].series[1].stepped)
    }
}

@Suite struct NumStepsExplanationTests {
    @Test func staircaseAndTheDecayAfterTheSchedule() throws {
        let e = ScheduleExplanation(try expSource())
        let last = ScheduleWords.rate(tfStaircase(59_999))
        #expect(last == "8.98683e-5")
        #expect(e.phases == [
            "steps 0–8,000: exponential decay from 0.004 to \(ScheduleWords.rate(tfStaircase(8000)))"
                + "; a staircase: the rate drops ×0.95 once every 800 steps (first at step 800), not smoothly",
            "after step 8,000, to num_steps (60,000): goes from \(ScheduleWords.rate(tfStaircase(8001))) down to \(last)"
                + ", still dropping once every 800 steps",
        ])
        #expect(e.warnings.isEmpty)
    }

    @Test func aFloorReachedBeforeTheEndIsAFlatTail() throws {
        let e = ScheduleExplanation(try expSource(factor: "0.5", extra: "min_learning_rate: 0.0001"))
        #expect(e.phases.first?.hasSuffix("; it reaches the floor min_learning_rate 1e-4 at step 4,800") == true)
        #expect(e.phases.last == "after step 8,000, to num_steps (60,000): stays at 1e-4")
        #expect(e.warnings == ["the rate reaches min_learning_rate (1e-4) at step 4,800: the last 55,200 training steps (92.0%) stay at that floor"])
    }

    @Test func smoothDecayHasNoStaircase() throws {
        let e = ScheduleExplanation(try expSource(extra: "staircase: false"))
        #expect(!e.text.contains("staircase"))
        #expect(e.phases.last?.hasPrefix("after step 8,000, to num_steps (60,000): goes from ") == true)
        #expect(!ScheduleChart.single(try expSource(extra: "staircase: false")).panels[0].series[0].stepped)
    }

    @Test func numStepsBeforeTheFirstDrop() throws {
        let e = ScheduleExplanation(try expSource(numSteps: 500))
        #expect(e.warnings == ["num_steps (500) ends before the first drop of the staircase (decay_steps 800, first drop at step 800): the rate stays at 0.004 for all of training"])
    }

    @Test func numStepsInsideTheBurnIn() throws {
        let e = ScheduleExplanation(try expSource(numSteps: 300, extra: "burnin_steps: 1000 burnin_learning_rate: 0.001"))
        #expect(e.warnings == ["num_steps (300) is not larger than burnin_steps (1,000): training ends during the burn-in, at a rate of 0.001"])
    }

    @Test func cosinePastTotalSteps() throws {
        let e = ScheduleExplanation(try odSource(numSteps: 400_000))
        #expect(e.phases.last == "after step 300,000, to num_steps (400,000): stays at 0")
        #expect(e.warnings == ["num_steps (400,000) runs past total_steps (300,000): from step 300,000 on, the last 100,000 training steps (25.0%) train at a rate of 0 (the weights no longer change)"])
    }

    @Test func hugeNumStepsFindsWhereFloat32RunsOut() throws {
        let e = ScheduleExplanation(try expSource(numSteps: 4_294_967_295))
        // float32 0.004 · 0.95^p is 0 from p = 1,920 on: step 1,536,000.
        #expect(tfStaircase(1_536_000) == 0 && tfStaircase(1_535_999) > 0)
        #expect(e.phases.last == "after step 8,000, to num_steps (4,294,967,295): goes from \(ScheduleWords.rate(tfStaircase(8001))) down to 0 (reached at step 1,536,000), then stays there")
    }
}

/// The golden configs of `../shared/golden/od-configs` that set `num_steps`, against the golden values.
@Suite struct NumStepsGoldenConfigTests {
    static let directory = PackagePaths.shared + "/golden/od-configs"

    @Test func manualStepRunsPastItsLastStep() throws {
        let source = try ScheduleSource.read(path: Self.directory + "/faster_rcnn_resnet50_v1_640x640_manual_step.config")
        let schedule = source.spec.makeSchedule()
        #expect(source.numSteps == 90_000)
        #expect(source.defaultStepCount(schedule.info) == 90_000)
        // Golden case tfod-config-faster-rcnn-manual-step.
        let rates = schedule.learningRates(at: [60_000, 79_999, 80_000, 89_999, 90_000])
        let golden = [0.00019999999494757503, 0.00019999999494757503, 1.9999999494757503e-05, 1.9999999494757503e-05, 1.9999999494757503e-05]
        for (a, b) in zip(rates, golden) { #expect(abs(a - b) <= 2e-6 * b + 2e-7 * 0.002) }
        let e = ScheduleExplanation(source)
        #expect(e.phases == ["steps 0–1,500: linear warmup from 2e-4 to 0.002", "steps 1,500–59,999: constant at 0.002",
                             "steps 60,000–79,999: constant at 2e-4", "from step 80,000 to num_steps (90,000): constant at 2e-5"])
        #expect(e.warnings == ["num_steps (90,000) runs past the last schedule step (80,000): from step 80,000 on, the last 10,000 training steps (11.1%) stay at 2e-5"])
        let chart = ScheduleChart.single(source)
        #expect(chart.xAxis.domain == 0...90_000)
        #expect(chart.panels[0].series[0].points.contains { $0.x == 79_999 } && chart.panels[0].series[0].points.contains { $0.x == 80_000 })
    }

    @Test func expDecayWithBurnInReachesItsFloor() throws {
        let source = try ScheduleSource.read(path: Self.directory + "/ssd_mobilenet_v1_rmsprop_expdecay.config")
        let schedule = source.spec.makeSchedule()
        // Golden case tfod-config-ssd-mobilenet-expdecay.
        let rates = schedule.learningRates(at: [62_000, 81_999, 82_000, 99_999, 100_000])
        let golden = [0.0005000000237487257, 0.0005000000237487257, 0.0003000000142492354, 0.0003000000142492354, 0.0003000000142492354]
        for (a, b) in zip(rates, golden) { #expect(abs(a - b) <= 2e-6 * b + 2e-7 * 0.004) }
        let e = ScheduleExplanation(source)
        #expect(e.phases.contains { $0.contains("a staircase: the rate drops ×0.5 once every 20,000 steps (first at step 22,000)") })
        #expect(e.warnings.contains("the rate reaches min_learning_rate (3e-4) at step 82,000: the last 18,000 training steps (18.0%) stay at that floor"))
    }

    @Test func realConfigWhoseStaircaseNeverDrops() throws {
        let source = try ScheduleSource.read(path: Self.directory + "/real/ssd_mobilenet_v1_coco.config")
        let e = ScheduleExplanation(source)
        #expect(e.warnings == ["num_steps (200,000) ends before the first drop of the staircase (decay_steps 800,720, first drop at step 800,720): the rate stays at 0.004 for all of training"])
    }

    @Test func cosineEndingWithTrainingHasNoTail() throws {
        let source = try ScheduleSource.read(path: Self.directory + "/ssd_efficientdet_d0_512x512_cosine.config")
        let e = ScheduleExplanation(source)
        #expect(e.phases.last == "after step 120,000: 0")
        #expect(e.warnings.isEmpty)
        #expect(ScheduleChart.single(source).xAxis.domain == 0...120_000)
    }
}
