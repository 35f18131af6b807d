/// Series styles for any number of key values (docs/charts.md "Colour").
extension ChartLayout {
    /// The number of colour-key values the series' styles are spread over: `Chart.colorCount`, raised to the
    /// largest colour index + 1 of the chart so no two indices share a style; nil for a chart without series.
    var effectiveColorCount: Int? {
        let indices = chart.panels.flatMap { $0.series.map(\.colorIndex) }.filter { $0 >= 0 }
        guard let top = indices.max() else { return chart.colorCount }
        return max(chart.colorCount ?? 0, min(top, Int.max - 1) + 1)
    }

    /// The complete scene: background, header, panels, marks, guides and labels, drawn with the series
    /// styles of this chart's colour count.
    func scene() -> Scene {
        Palette.$colorCount.withValue(effectiveColorCount) { layoutScene() }
    }
}
