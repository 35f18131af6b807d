import Foundation
import Testing
@testable import Charts

/// Schedule charts and range tests through the placer: rule labels stack instead of printing over each other,
/// no dashed rule or curve cuts a label, and key points move off the curve.
@Suite struct ScheduleLabelTests {
    /// Linear warmup to 0.08 over 2,500 steps, hold until 2,800, cosine decay to 300,000.
    static func rate(_ step: Double) -> Double {
        if step < 2500 { return 0.001 + 0.079 * step / 2500 }
        if step < 2800 { return 0.08 }
        return 0.04 * (1 + cos(Double.pi * (step - 2800) / (300_000 - 2800)))
    }

    static let warmupAndHold = Chart(
        title: "Cosine decay with warmup and hold", subtitle: "warmup 2,500 steps · hold 300 steps",
        xAxis: Axis(title: "step", format: .count), yAxis: Axis(title: "learning rate", domain: 0...0.09),
        panels: [Panel(series: [Series(label: "", colorIndex: 0, points:
            ([0, 2500, 2800] + Array(stride(from: 3000.0, through: 300_000, by: 1000))).map { ChartPoint(x: $0, y: rate($0)) })])],
        annotations: [.phase(from: 0, to: 2500, label: "warmup"), .phase(from: 2500, to: 2800, label: "hold"),
                      .rule(x: 2500, label: "← warmup ends, step 2,500"), .rule(x: 2800, label: "← hold ends, step 2,800"),
                      .keyPoint(x: 2800, y: 0.08, label: "0.08 at step 2,800"),
                      .keyPoint(x: 300_000, y: 0, label: "0 at step 300,000")])

    @Test(arguments: [false, true]) func closeRulesStackTheirLabels(realFonts: Bool) throws {
        let m: any TextMeasurer = realFonts ? try CairoFonts() : FixedWidthMeasurer()
        let scene = ChartLayout(chart: Self.warmupAndHold, measurer: m).scene()
        let texts = SceneText.all(scene, measurer: m)
        let rules = texts.filter { $0.run.string.contains("ends, step") }
        #expect(rules.map(\.run.string).sorted() == ["← hold ends, step 2,800", "← warmup ends, step 2,500"])
        if let a = rules.first, let b = rules.last {
            #expect(!LabelPlacer.overlap(a.box, b.box))
            #expect(abs(a.run.origin.y - b.run.origin.y) >= 14, "stacked at different heights")
        }
        let dashed = SceneText.polylines(scene) { $0.dash == [4, 3] }
        #expect(dashed.count >= 2)
        let curve = SceneText.polylines(scene) { $0.width == 2 && $0.cap == .round }
        let placed = texts.filter { $0.run.string.contains(" step ") && $0.run.font == ChartLayout.annotationFont }
        #expect(placed.count == 4, "\(placed.map(\.run.string))")
        for label in placed {
            #expect(!SceneText.crosses(dashed, label.box), "\(label.run.string) cut by a dashed rule")
            #expect(!SceneText.crosses(curve, label.box), "\(label.run.string) crossed by the curve")
            #expect(label.box.within(ChartLayout.canvas))
        }
        #expect(SceneText.overlaps(texts).isEmpty, "\(SceneText.overlaps(texts))")
    }

    @Test func keyPointLabelMovesOffTheCurve() {
        // A straight diagonal through the key point crosses its label's right, above-right and above positions.
        let chart = Chart(title: "Key point on a slope", xAxis: Axis(title: "step", domain: 0...10),
                          yAxis: Axis(title: "rate", domain: 0...1),
                          panels: [Panel(series: [Series(label: "", colorIndex: 0,
                                                         points: [ChartPoint(x: 0, y: 0), ChartPoint(x: 10, y: 1)])])],
                          annotations: [.keyPoint(x: 5, y: 0.5, label: "0.5 at step 5")])
        let m = FixedWidthMeasurer()
        let layout = ChartLayout(chart: chart, measurer: m)
        let scene = layout.scene()
        let curve = SceneText.polylines(scene) { $0.width == 2 && $0.cap == .round }
        let label = SceneText.all(scene, measurer: m).first { $0.run.string == "0.5 at step 5" }
        let dot = scene.items.compactMap { item -> Point? in
            if case let .circle(c, r, _) = item, r == 3.5 { return c }
            return nil
        }.first
        guard let label, let dot else { Issue.record("label or dot missing"); return }
        // Where the label would go without the curve (right of the dot) is crossed; where it went is not.
        let naive = layout.labelBox("0.5 at step 5", font: ChartLayout.annotationFont, left: dot.x + 10, centreY: dot.y)
        #expect(SceneText.crosses(curve, naive.box))
        #expect(!SceneText.crosses(curve, label.box))
        #expect(label.run.origin.x != dot.x + 10 || abs(label.run.origin.y - naive.baseline) > 0.01)
    }

    /// Two loss curves falling steeply through their suggestions, one above the other (lr-find), with raw series.
    static let rangeTest: Chart = {
        func loss(_ lr: Double, shift: Double) -> Double { 2.3 - 1.8 / (1 + exp(-3 * (log10(lr) + 2 + shift))) + shift }
        let lrs = (0...60).map { pow(10, -5 + Double($0) / 12) }
        let series = [0.0, 0.4].enumerated().map { i, shift in
            Series(label: "batch \(64 << (2 * i))", colorIndex: i, points: lrs.map { ChartPoint(x: $0, y: loss($0, shift: shift)) },
                   faintPoints: lrs.enumerated().map { k, lr in ChartPoint(x: lr, y: loss(lr, shift: shift) + (k % 2 == 0 ? 0.08 : -0.08)) })
        }
        return Chart(title: "Learning-rate range test", xAxis: Axis(title: "learning rate (log scale)", scale: .log),
                     yAxis: Axis(title: "training loss (smoothed)", domain: 0...3), panels: [Panel(series: series)],
                     legendTitle: "batch size",
                     annotations: [.keyPoint(x: 0.01, y: loss(0.01, shift: 0), label: "batch 64: 0.01"),
                                   .keyPoint(x: 0.004, y: loss(0.004, shift: 0.4), label: "batch 256: 0.004")])
    }()

    @Test func rangeTestSuggestionsAreNotCrossedByAnyLine() {
        let chart = Self.rangeTest
        for m: any TextMeasurer in [FixedWidthMeasurer()] + ((try? CairoFonts()).map { [$0] } ?? []) {
            let scene = ChartLayout(chart: chart, measurer: m).scene()
            let texts = SceneText.all(scene, measurer: m)
            let lines = SceneText.polylines(scene) { $0.width == 2 && $0.cap == .round }
            let labels = texts.filter { $0.run.string.hasPrefix("batch") && $0.run.string.contains(":") }
            #expect(labels.count == 2)
            for label in labels { #expect(!SceneText.crosses(lines, label.box), "\(label.run.string) crossed") }
            #expect(SceneText.overlaps(texts).isEmpty, "\(SceneText.overlaps(texts))")
        }
    }
}
