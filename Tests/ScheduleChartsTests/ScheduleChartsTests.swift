import Charts
import Diagnostics
import ScheduleCharts
import Schedules
import Testing
import Results

/// The lecture notes' block, as a pipeline.config with `num_steps` and the warmup fields optional.
func odSource(numSteps: Int? = 300_000, total: Int = 300_000, warmup: String = "warmup_learning_rate: .001 warmup_steps: 2500",
              hold: Int = 0) throws -> ScheduleSource {
    let text = """
    train_config {
      \(numSteps.map { "num_steps: \($0)" } ?? "")
      optimizer { momentum_optimizer { learning_rate { cosine_decay_learning_rate {
        learning_rate_base: 8e-2 total_steps: \(total) \(warmup) hold_base_rate_steps: \(hold) } }
        momentum_optimizer_value: 0.9 } use_moving_average: false }
    }
    """
    let config = try PipelineConfig.parse(text: text, path: "od.config")
    return ScheduleSource(path: "od.config", label: "od", spec: config.schedule,
                          numSteps: config.numSteps > 0 ? config.numSteps : nil, batchSize: config.batchSize,
                          optimizer: config.optimizer, defaultedFields: config.defaultedFields)
}

func yamlSource(_ text: String) throws -> ScheduleSource {
    try ScheduleSource.read(try YAMLDocument(text: text, path: "s.yaml").root, path: "s.yaml", label: "s")
}

@Suite struct ScheduleChartTests {
    @Test func lectureNotesChartHasItsMarks() throws {
        let chart = ScheduleChart.single(try odSource())
        #expect(chart.title == "Cosine decay with linear warmup")
        #expect(chart.annotations.contains(.phase(from: 0, to: 2500, label: "warmup")))
        #expect(chart.annotations.contains(.rule(x: 2500, label: "← warmup ends, step 2,500")))
        #expect(chart.annotations.contains { if case .keyPoint(2500, _, "0.08 at step 2,500") = $0 { true } else { false } })
        #expect(chart.annotations.contains(.keyPoint(x: 300_000, y: 0, label: "0 at step 300,000")))
        #expect(chart.yAxis.scale == .linear)
        let top = try #require(chart.yAxis.domain?.upperBound)
        #expect(abs(top - 0.09) < 1e-6)
        #expect(chart.xAxis.domain == 0...300_000)
        #expect(chart.subtitle.hasPrefix("TF Object Detection API cosine_decay_with_warmup · learning_rate_base\u{00A0}0.08"))
        #expect(chart.subtitle.hasSuffix("total_steps\u{00A0}300,000"))
    }

    @Test func holdIsShadedAndMarked() throws {
        let chart = ScheduleChart.single(try odSource(hold: 1000))
        #expect(chart.annotations.contains(.phase(from: 2500, to: 3500, label: "hold")))
        #expect(chart.annotations.contains(.rule(x: 3500, label: "← hold ends, step 3,500")))
    }

    @Test func stepDecayIsASteppedLineOnALogAxis() throws {
        let source = try yamlSource("schedule: {library: pytorch, name: MultiStepLR, params: {milestones: [300, 600, 900], gamma: 0.1}}")
        let chart = ScheduleChart.single(source)
        #expect(chart.panels[0].series[0].stepped)
        #expect(chart.yAxis.scale == .log)
        #expect(chart.yAxis.title == "learning rate (log scale)")
        #expect(chart.annotations.contains(.rule(x: 600, label: "← step 600")))
    }

    @Test func twoDecadesOrLessStaysLinear() throws {
        let source = try yamlSource("schedule: {library: pytorch, name: MultiStepLR, params: {milestones: [300, 600], gamma: 0.1}}")
        #expect(ScheduleChart.single(source).yAxis.scale == .linear)
    }

    @Test func restartsAreMarked() throws {
        let source = try yamlSource("schedule: {library: pytorch, name: CosineAnnealingWarmRestarts, params: {T_0: 100}}")
        let chart = ScheduleChart.single(source)
        #expect(chart.annotations.contains(.rule(x: 100, label: "← restart, step 100")))
    }

    @Test func compareOverlaysInOrderWithLabels() throws {
        let a = try odSource()
        var b = try yamlSource("schedule: {library: keras, name: ExponentialDecay, params: {initial_learning_rate: 0.08, decay_steps: 3000, decay_rate: 0.96}}")
        b.label = "exponential"
        let chart = ScheduleChart.compare([a, b])
        #expect(chart.panels[0].series.map(\.label) == ["od", "exponential"])
        #expect(chart.panels[0].series.map(\.colorIndex) == [0, 1])
        #expect(chart.xAxis.domain?.upperBound == 300_000)
        #expect(chart.panels[0].series[1].points.last?.x == 300_000)
    }

    @Test func requestedStepsSetTheRange() throws {
        let chart = ScheduleChart.single(try odSource(), steps: Array(0..<5000))
        #expect(chart.xAxis.domain == 0...4999)
        #expect(chart.panels[0].series[0].points.count == 5000)
    }
}

@Suite struct ScheduleExplanationTests {
    @Test func lectureNotesPhaseByPhase() throws {
        let e = ScheduleExplanation(try odSource())
        #expect(e.phases == ["steps 0–2,500: linear warmup from 0.001 to 0.08",
                             "steps 2,500–300,000: cosine decay from 0.08 to 0",
                             "after step 300,000: 0"])
        #expect(e.defaults == ["train_config.batch_size = 32 (proto default)"])
        #expect(e.warnings.isEmpty)
        #expect(e.headline.contains("cosine_decay_with_warmup"))
    }

    @Test func warnsWhenTrainingStopsEarly() throws {
        let e = ScheduleExplanation(try odSource(numSteps: 150_000))
        let w = try #require(e.warnings.first { $0.contains("num_steps") && $0.contains("total_steps") })
        #expect(w.contains("num_steps (150,000) is smaller than total_steps (300,000)"))
        #expect(w.contains("a rate of 0.0405"))
        #expect(w.contains("50.7% of the peak 0.08"))
    }

    @Test func warnsAboutTheDefaultWarmup() throws {
        let e = ScheduleExplanation(try odSource(warmup: ""))
        #expect(e.warnings.contains { $0.contains("10,000-step warmup from 2e-4") })
        #expect(e.defaults.contains("warmup_steps = 10,000 (proto default)"))
        #expect(e.phases.first == "steps 0–10,000: linear warmup from 2e-4 to 0.08")
    }

    @Test func warnsWhenTheCosineNeverRuns() throws {
        let e = ScheduleExplanation(try odSource(total: 3000, hold: 500))
        #expect(e.warnings.contains { $0.hasPrefix("total_steps (3,000) is not larger than warmup_steps + hold_base_rate_steps (3,000)") })
        let f = ScheduleExplanation(try odSource(total: 2500))
        #expect(f.warnings.contains { $0.hasPrefix("total_steps (2,500) is not larger than warmup_steps (2,500)") })
    }

    @Test func warnsWhenTheDecayBarelyMoves() throws {
        let e = ScheduleExplanation(try odSource(numSteps: 20_000))
        #expect(e.warnings.contains { $0.contains("barely moves") && $0.contains("from 0.08 to 0.0793") })
    }

    @Test func stepDecaysAreExplainedBetweenMilestones() throws {
        let source = try yamlSource("schedule: {library: pytorch, name: MultiStepLR, params: {milestones: [30, 80], gamma: 0.1, optimizer_lr: 0.1}}")
        let e = ScheduleExplanation(source)
        #expect(e.phases == ["steps 0–29: constant at 0.1", "steps 30–79: constant at 0.01", "from step 80 on: constant at 0.001…"])
    }
}

@Suite struct BatchRescaleAndTableTests {
    @Test func batchRescaleLinear() throws {
        let source = try BatchRescale(batchSize: 64).apply(to: try odSource(), from: 1024)
        #expect(source.spec.params["total_steps"] == .integer(4_800_000))
        #expect(source.spec.params["warmup_steps"] == .integer(40_000))
        #expect(abs((source.spec.params["learning_rate_base"]?.doubleValue ?? 0) - 0.005) < 1e-9)
        #expect(source.numSteps == 4_800_000)
        #expect(source.rescaleNote == "rescaled from batch 1024 to 64 (linear rule: rates ×0.0625, step counts ×16)")
    }

    @Test func batchRescaleFromAGivenBatchSize() throws {
        let source = try yamlSource("schedule: {library: pytorch, name: StepLR, params: {step_size: 10}}")
        #expect(throws: InputError.self) { try BatchRescale(batchSize: 64).apply(to: source, from: 0) }
        let scaled = try BatchRescale(batchSize: 64, rule: .sqrt).apply(to: source, from: 256)
        #expect(scaled.spec.params["step_size"] == .integer(40))
        #expect(scaled.spec.params["optimizer_lr"] == .number(0.5))
    }

    @Test func tableNumbers() {
        #expect(ScheduleTable.number(Double(Float(0.001))) == "0.001")
        #expect(ScheduleTable.number(0.1) == "0.1")
        #expect(ScheduleTable.csv(steps: [0, 1], rates: [0.5, 0.25]) == "step,learning_rate\n0,0.5\n1,0.25\n")
    }
}
