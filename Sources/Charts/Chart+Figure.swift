extension Chart: Figure {
    /// Lays the chart out (`ChartLayout`); every labelled series must show in a legend or as a direct label.
    public func scene(measurer: TextMetrics) -> FigureScene {
        let layout = ChartLayout(chart: self, measurer: measurer.measurer)
        return FigureScene(scene: layout.scene(), labelledSeries: layout.labelledSeries.map(\.label))
    }
}
