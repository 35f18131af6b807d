extension Heatmap: Figure {
    /// Lays the heatmap out (`HeatmapLayout`); it has no series to identify.
    public func scene(measurer: TextMetrics) -> FigureScene {
        FigureScene(scene: HeatmapLayout(heatmap: self, measurer: measurer.measurer).scene(), labelledSeries: nil)
    }
}
