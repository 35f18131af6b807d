/// Bands (mean ± spread over repeats): filled areas in the series colour at 18 % opacity, no edge, under the lines.
extension SeriesPath {
    /// The band's areas in px: per run of placeable points, the upper edge left to right, then the lower edge
    /// right to left. A point with a non-finite or unplaceable value (≤ 0 on a log axis) ends a run; runs of
    /// fewer than two points have no area and are dropped. Coordinates are kept within 2,000 px of the plot.
    static func bandPolygons(_ band: [BandPoint], frame: PlotFrame) -> [[Point]] {
        let r = frame.rect
        func clampX(_ v: Double) -> Double { min(max(v, r.minX - 2000), r.maxX + 2000) }
        func clampY(_ v: Double) -> Double { min(max(v, r.minY - 2000), r.maxY + 2000) }
        var polygons: [[Point]] = []
        var upper: [Point] = [], lower: [Point] = []
        func flush() {
            if upper.count >= 2 { polygons.append(upper + lower.reversed()) }
            upper = []
            lower = []
        }
        for b in band {
            guard let x = frame.px(b.x), let a = frame.py(b.low), let c = frame.py(b.high) else {
                flush()
                continue
            }
            let cx = clampX(x)
            upper.append(Point(cx, clampY(min(a, c))))
            lower.append(Point(cx, clampY(max(a, c))))
        }
        flush()
        return polygons
    }
}

extension ChartLayout {
    /// Band opacity (docs/charts.md).
    static let bandAlpha = 0.18

    /// Every series' band, clipped to the plot area; adds nothing when no series has one.
    func drawBands(_ scene: inout Scene, series: [Series], paths: [SeriesPath], frame: PlotFrame) {
        guard paths.contains(where: { !$0.bands.isEmpty }) else { return }
        scene.add(.pushClip(frame.rect))
        for (s, path) in zip(series, paths) {
            let color = s.lineColor.withAlpha(Self.bandAlpha)
            for polygon in path.bands { scene.add(.polygon(polygon, color)) }
        }
        scene.add(.popClip)
    }
}
