import Formatting
/// The zoom inset of schedule charts: shown when a marked phase is narrower than 5 % of the x range.
extension ChartLayout {
    static let insetSize = (width: 236.0, height: 112.0)
    static let insetFont = FontSpec.book(11)

    /// The narrow phase to zoom into, if any: (from, to, label).
    func narrowPhase(in frame: PlotFrame) -> (Double, Double, String)? {
        let span = frame.x.hi - frame.x.lo
        guard span > 0, span.isFinite else { return nil }
        for case let .phase(from, to, label) in chart.annotations
        where from.isFinite && to.isFinite && abs(to - from) > 0 && abs(to - from) < 0.05 * span {
            return (min(from, to), max(from, to), label)
        }
        return nil
    }

    /// The inset's plot frame: 236 × 112 px, 24 px in from the right edge and 44 px below the top,
    /// covering the first four phase-widths of x.
    func insetFrame(main frame: PlotFrame, phaseEnd: Double) -> PlotFrame? {
        let lo = frame.x.lo
        let hi = min(NiceTicks.oneTwoFiveAbove(lo + 4 * (phaseEnd - lo)), frame.x.hi)
        guard hi > lo, frame.rect.width > Self.insetSize.width + 80 else { return nil }
        let right = snapRule(frame.rect.maxX - 24), top = snapRule(frame.rect.minY + 44)
        let rect = Rect(x: right - Self.insetSize.width, y: top, width: Self.insetSize.width, height: Self.insetSize.height)
        var xAxis = chart.xAxis
        xAxis.domain = lo...hi
        let x = ResolvedAxis.resolve(xAxis, values: [], length: rect.width, vertical: false,
                                     maxCount: max(4, Int(rect.width / 50) + 1))
        // The main y ticks, thinned to every other one until at most 3 remain.
        var y = frame.y
        while y.major.count > 3 {
            y.major = y.major.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            y.labels = y.labels.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        }
        return PlotFrame(rect: rect, x: x, y: y)
    }

    /// A zoom inset as laid out: its plot frame, the narrow phase and the white backing that covers its tick
    /// labels and title (an obstacle for every placed label).
    struct ZoomInset {
        var frame: PlotFrame
        var phase: (from: Double, to: Double, label: String)
        var backing: Rect
    }

    /// The inset of the main plot `frame`, when a marked phase is narrower than 5 % of the x range.
    func zoomInset(main frame: PlotFrame) -> ZoomInset? {
        guard chart.panels.first != nil, let (from, to, label) = narrowPhase(in: frame),
              let inset = insetFrame(main: frame, phaseEnd: to) else { return nil }
        let r = inset.rect
        let tickW = inset.y.labels.map { measurer.measure($0, font: Self.insetFont).width }.max() ?? 0
        let lastX = inset.x.labels.last.map { measurer.measure($0, font: Self.insetFont).width / 2 } ?? 0
        let backing = Rect(minX: r.minX - 8 - tickW - 6, minY: r.minY - 30, maxX: max(r.maxX + lastX + 6, frame.rect.maxX),
                           maxY: r.maxY + 26)
        return ZoomInset(frame: inset, phase: (from, to, label), backing: backing)
    }

    /// Draws the inset: backing, title, phase shading, grid, lines, axes and the phase's label.
    func drawZoomInset(_ scene: inout Scene, _ zoom: ZoomInset) {
        guard let panel = chart.panels.first else { return }
        let inset = zoom.frame, r = inset.rect, backing = zoom.backing
        let (from, to, label) = zoom.phase
        scene.add(.fillRect(backing, Palette.white))
        let hi = inset.x.hi
        let title = "Zoom: first " + TickLabels.trimZeros(formatFixed(hi, decimals: hi == hi.rounded() ? 0 : 3, grouping: true))
            + (chart.xAxis.title.isEmpty ? "" : " " + plural(chart.xAxis.title))
        scene.add(.text(TextRun(string: title, origin: Point(backing.minX + 6, r.minY - 13), font: .bold(11),
                                color: Self.legendText)))
        drawPanelBack(&scene, frame: inset, annotated: true)
        drawLines(&scene, series: panel.series, paths: panel.series.map { SeriesPath(series: $0, frame: inset) },
                  frame: inset)
        drawAxes(&scene, frame: inset, yLabels: true, tickFont: Self.insetFont)
        if !label.isEmpty, let a = inset.px(from), let b = inset.px(to) {
            let w = measurer.measure(label, font: Self.insetFont).width
            if b - a >= w + 8 {
                scene.add(.text(TextRun(string: label, origin: Point(a + 4, r.minY + 4 + 0.729 * 11 + 2),
                                        font: Self.insetFont, color: Palette.subtitle)))
            }
        }
    }

    private func plural(_ noun: String) -> String {
        noun.hasSuffix("s") || noun.contains("(") ? noun : noun + "s"
    }
}
