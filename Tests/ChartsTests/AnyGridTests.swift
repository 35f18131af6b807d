import Foundation
import Testing
@testable import Charts

/// Every chart of the zoo holds on any grid: the layout checker finds nothing (CHARTS.md "Any grid").
/// With $LRLAB_GALLERY_OUT set, the zoo is also written there as PNGs for looking at.
@Suite struct AnyGridTests {
    @Test(arguments: ChartZoo.all().map(\.0))
    func zooChartHolds(name: String) throws {
        let chart = try #require(ChartZoo.all().first { $0.0 == name }?.1)
        let problems = try layoutProblems(chart)
        #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "; "))")
        if let dir = GalleryRenderTests.outDir { try render(chart, png: dir + "/zoo-\(name).png") }
    }

    @Test func fixedWidthLayoutsHoldToo() {
        // The same zoo measured with the fixed-width fake: the layout adapts to whatever the measurer says.
        let m = FixedWidthMeasurer()
        for (name, chart) in ChartZoo.all() {
            let layout = ChartLayout(chart: chart, measurer: m)
            let problems = LayoutChecker.problems(scene: layout.scene(), measurer: m,
                                                  labelledSeries: layout.labelledSeries.map(\.label))
            #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "; "))")
        }
    }

    @Test func panelsWrapAtFourPerRow() {
        let l = ChartLayout(chart: ChartZoo.eightPanels(), measurer: FixedWidthMeasurer())
        #expect(l.grid.columns == 4 && l.grid.rows == 2)
        let six = ChartLayout(chart: ChartZoo.sixPanels(), measurer: FixedWidthMeasurer())
        #expect(six.grid.columns == 4 && six.grid.rows == 2)
    }
}
