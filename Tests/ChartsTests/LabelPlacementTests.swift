import Foundation
import Testing
@testable import Charts

/// Whole charts through the placer, checked on the scene: labels stay in their panel and on the canvas, no two
/// texts overlap, no label is crossed by a line or a dashed rule, and what fits nowhere becomes a note.
@Suite struct LabelPlacementTests {
    static func measurer(real: Bool) throws -> any TextMeasurer {
        real ? try CairoFonts() : FixedWidthMeasurer()
    }

    static func scene(_ chart: Chart, _ measurer: any TextMeasurer) -> Scene {
        ChartLayout(chart: chart, measurer: measurer).scene()
    }

    /// Data lines (2 px) of a scene; the ✕ strokes are 2 px too but have no round cap.
    static func dataLines(_ scene: Scene) -> [[Point]] {
        SceneText.polylines(scene) { $0.width == 2 && $0.cap == .round }
    }

    // MARK: divergence

    /// 12 diverged runs in 2 × 3 panels, with their ✕ by the panel edges and corners and amid the lines: each
    /// panel has a converging run (lr 0.1) and two runs (lr 5, lr 10) that climb, then crash at their ✕.
    static func twelveDiverging(columns: Int? = 3, label: (Int, Int) -> String) -> Chart {
        let spots: [[(Double, Double)]] = [
            [(29.6, 0.1), (28, 0.3)], [(0.3, 0.1), (2.5, 0.25)], [(29.8, 0.4), (6, 0.1)],
            [(25, 0.3), (4, 0.45)], [(2, 0.05), (4, 0.2)], [(25, 0.15), (1.5, 0.5)],
        ]
        let panels = spots.enumerated().map { p, marks in
            var series = marks.enumerated().map { k, m in
                let n = Int(m.0.rounded(.down)) - 1
                let points = n < 1 ? [] : (1...n).map { i in
                    ChartPoint(x: Double(i), y: 0.55 + 0.25 * Double(i) / Double(n) + 0.1 * Double(k))
                }
                return Series(label: ["lr 5", "lr 10"][k], colorIndex: 3 + k, points: points,
                              endMark: EndMark(x: m.0, y: m.1, label: label(p, k)))
            }
            series.insert(Series(label: "lr 0.1", colorIndex: 1,
                                 points: (1...30).map { ChartPoint(x: Double($0), y: 0.95 * (1 - exp(-0.3 * Double($0)))) }),
                          at: 0)
            return Panel(title: "batch size \(64 << p)", series: series)
        }
        return Chart(title: "Test accuracy per epoch, by batch size and learning rate", subtitle: "synthetic",
                     xAxis: Axis(title: "epoch", domain: 0...30),
                     yAxis: Axis(title: "test accuracy", format: .percent, domain: 0...1),
                     panels: panels, legendTitle: "learning rate", columns: columns, endMarkKey: "diverged")
    }

    @Test(arguments: [false, true]) func twelveDivergedRunsLabelInsideTheirPanels(realFonts: Bool) throws {
        let m = try Self.measurer(real: realFonts)
        let scene = Self.scene(Self.twelveDiverging { p, k in "diverged at step \(100 * p + k)" }, m)
        let texts = SceneText.all(scene, measurer: m)
        let panels = SceneText.panels(scene)
        #expect(panels.count == 6)
        let labels = texts.filter { $0.run.string.hasPrefix("diverged at step") }
        #expect(labels.count == 12, "\(labels.map(\.run.string))")
        for label in labels {
            let step = Int(label.run.string.split(separator: " ").last ?? "") ?? -1
            let panel = try #require(panels.dropFirst(step / 100).first)
            #expect(label.box.within(panel), "\(label.run.string) at \(label.box) outside \(panel)")
            #expect(label.box.within(ChartLayout.canvas))
            #expect(label.run.halo)
        }
        #expect(SceneText.overlaps(texts).isEmpty, "\(SceneText.overlaps(texts))")
        let lines = Self.dataLines(scene)
        for label in labels { #expect(!SceneText.crosses(lines, label.box), "\(label.run.string) crossed by a line") }
        // Everything fit: no circled numbers.
        #expect(!texts.contains { $0.run.font == LabelPlacer.markerFont })
    }

    @Test func coincidentMarkersShareOneLabel() {
        func chart(_ a: String, _ b: String) -> Chart {
            let line = Series(label: "lr 0.1", colorIndex: 0, points: [ChartPoint(x: 0, y: 0.2), ChartPoint(x: 10, y: 0.9)])
            let five = Series(label: "lr 5", colorIndex: 3, points: [ChartPoint(x: 0, y: 0.4), ChartPoint(x: 1, y: 0.45)],
                              endMark: EndMark(x: 2, y: 0.5, label: a))
            let ten = Series(label: "lr 10", colorIndex: 4, points: [ChartPoint(x: 0, y: 0.6), ChartPoint(x: 1, y: 0.55)],
                             endMark: EndMark(x: 2, y: 0.5, label: b))
            return Chart(title: "t", xAxis: Axis(title: "epoch"), yAxis: Axis(title: "accuracy", domain: 0...1),
                         panels: [Panel(series: [line, five, ten])], endMarkKey: "diverged")
        }
        let m = FixedWidthMeasurer()
        let same = SceneText.all(Self.scene(chart("diverged at step 2", "diverged at step 2"), m), measurer: m)
        #expect(same.filter { $0.run.string.contains("diverged at") }.map(\.run.string) == ["lr 5, 10 diverged at step 2"])
        let different = SceneText.all(Self.scene(chart("diverged at step 2", "diverged at step 3"), m), measurer: m)
        #expect(different.filter { $0.run.string.contains("at step") }.map(\.run.string)
            == ["diverged: lr 5 at step 2, 10 at step 3"])
        #expect(SceneText.overlaps(same).isEmpty && SceneText.overlaps(different).isEmpty)
    }

    // MARK: notes

    @Test(arguments: [false, true]) func labelsThatFitNowhereBecomeNumberedNotes(realFonts: Bool) throws {
        // Six panels in one row are ~95 px wide: "diverged at step 101" fits in none of them.
        let m = try Self.measurer(real: realFonts)
        let chart = Self.twelveDiverging(columns: 6) { p, k in "diverged at step \(100 * p + k)" }
        let scene = Self.scene(chart, m)
        let texts = SceneText.all(scene, measurer: m)
        let markers = texts.filter { $0.run.font == LabelPlacer.markerFont }
        let notes = texts.filter { $0.run.font == ChartLayout.noteFont && $0.run.string.contains("diverged at step") }
        #expect(!notes.isEmpty)
        #expect(notes.allSatisfy { $0.run.string.hasPrefix("lr 5 diverged") || $0.run.string.hasPrefix("lr 10 diverged") })
        // Each note has its circled number twice: by the ✕ and in front of the note.
        #expect(markers.count == 2 * notes.count)
        #expect(notes.count + texts.filter { $0.run.string.hasPrefix("diverged at step") }.count == 12)
        // Notes sit under the x tick labels, above the x-axis title, on the canvas.
        let axisTitle = try #require(texts.first { $0.run.string == "epoch" })
        let ticks = texts.filter { $0.run.font == ChartLayout.tickFont && !$0.run.rotated }
        let lowestTick = ticks.map(\.box.maxY).max() ?? 0
        for note in notes {
            #expect(note.box.within(ChartLayout.canvas))
            #expect(note.box.minY > lowestTick && note.box.maxY < axisTitle.box.minY, "\(note.box)")
        }
        #expect(SceneText.overlaps(texts).isEmpty, "\(SceneText.overlaps(texts))")
        // The plot's bottom moved up to make room.
        #expect(SceneText.panels(scene).allSatisfy { $0.maxY < ChartLayout.plotBottom })
    }

    @Test func aChartWithoutNotesKeepsItsBottom() {
        let m = FixedWidthMeasurer()
        let scene = Self.scene(Self.twelveDiverging { _, k in "step \(k)" }, m)
        #expect(SceneText.panels(scene).last?.maxY == ChartLayout.plotBottom)
    }
}

/// Writes the label test charts to $LRLAB_GALLERY_OUT for looking at. Skipped unless that variable is set.
@Suite struct LabelGalleryTests {
    @Test(.enabled(if: GalleryRenderTests.outDir != nil)) func renderLabelCharts() throws {
        let dir = try #require(GalleryRenderTests.outDir)
        let charts = [
            ("labels-twelve-diverged", LabelPlacementTests.twelveDiverging { p, k in "diverged at step \(100 * p + k)" }),
            ("labels-notes", LabelPlacementTests.twelveDiverging(columns: nil) { p, k in "diverged at step \(100 * p + k)" }),
            ("labels-warmup-hold", ScheduleLabelTests.warmupAndHold), ("labels-range-test", ScheduleLabelTests.rangeTest),
        ]
        for (name, chart) in charts { try render(chart, png: dir + "/" + name + ".png") }
    }
}
