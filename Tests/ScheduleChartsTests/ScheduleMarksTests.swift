import Charts
import Results
import ScheduleCharts
import Testing

/// What `lrlab schedule` and a report's schedule chart share: step lines, the log axis, the marks.
@Suite struct ScheduleShapeTests {
    @Test func steppedNeedsTwentySamplesAndFewChanges() {
        let drop = Array(repeating: 0.1, count: 10) + Array(repeating: 0.01, count: 10)
        #expect(ScheduleShape.isStepped(drop))
        #expect(!ScheduleShape.isStepped(Array(drop.dropFirst())))
        #expect(!ScheduleShape.isStepped(Array(repeating: 0.1, count: 30)))
        #expect(!ScheduleShape.isStepped((0..<30).map { 0.1 / Double($0 + 1) }))
    }

    @Test func logAxisForMoreThanTwoDecadesAboveZero() {
        #expect(ScheduleShape.wantsLogAxis([0.1, 0.0001, .nan]))
        #expect(!ScheduleShape.wantsLogAxis([0.1, 0.001]))
        #expect(!ScheduleShape.wantsLogAxis([0.1, 0]))
        #expect(!ScheduleShape.wantsLogAxis([]))
    }

    @Test func rateAxis() {
        #expect(ScheduleShape.rateAxis(peak: 0.08, log: false).domain == 0...(1.125 * 0.08))
        #expect(ScheduleShape.rateAxis(peak: 0, log: false).domain == 0...1)
        #expect(ScheduleShape.rateAxis(peak: 0.08, log: true).scale == .log)
    }
}

@Suite struct ScheduleMarksTests {
    @Test func stepsAndEpochs() {
        #expect(ScheduleMarks.steps.position(2500) == "step 2,500")
        let epochs = ScheduleMarks.epochs(stepsPerEpoch: 8)
        #expect(epochs.x(20) == 2.5)
        #expect(epochs.position(epochs.x(16)) == "epoch 2")
        #expect(epochs.position(epochs.x(10)) == "epoch 1.25")
    }

    @Test func labels() {
        #expect(ScheduleMarks.steps.label(.milestone, at: 30_000) == "← step 30,000")
        #expect(ScheduleMarks.steps.rule(.restart, at: 10, labelled: false) == .rule(x: 10, label: ""))
        #expect(ScheduleMarks.epochs(stepsPerEpoch: 4).rule(.holdEnd, at: 3) == .rule(x: 3, label: "← hold ends, epoch 3"))
        #expect(ScheduleMarks.steps.phase(.warmup, from: 0, to: 5) == .phase(from: 0, to: 5, label: "warmup"))
    }

    @Test func keyPointsRoundRatesAndSkipWhatALogAxisCannotShow() {
        let peak = ChartPoint(x: 2, y: 0.123456789), final = ChartPoint(x: 30, y: 0)
        #expect(ScheduleMarks.epochs(stepsPerEpoch: 1).keyPoints(peak: peak, final: final, log: false) == [
            .keyPoint(x: 2, y: 0.123456789, label: "0.1235 at epoch 2"), .keyPoint(x: 30, y: 0, label: "0 at epoch 30"),
        ])
        #expect(ScheduleMarks.steps.keyPoints(peak: peak, final: final, log: true) == [
            .keyPoint(x: 2, y: 0.123456789, label: "0.123457 at step 2"),
        ])
        #expect(ScheduleMarks.steps.keyPoints(peak: peak, final: peak, log: false).count == 1)
    }
}
