/// Turns a `Chart` into a `Scene` of positioned primitives, from measured text extents (docs/charts.md).
struct ChartLayout {
    let chart: Chart
    let measurer: any TextMeasurer
    /// How far the plot's bottom moves up from 444 to make room for numbered notes (labels that fit nowhere), px.
    var bottomReserve = 0.0

    static let canvas = Rect(x: 0, y: 0, width: 800, height: 500)
    static let margin = 20.0
    static let plotBottom = 444.0
    static let rightEdge = 780.0
    static let panelGap = 28.0
    static let tickFont = FontSpec.book(12)
    static let labelFont = FontSpec.bold(12)

    /// How series are identified.
    enum LegendMode {
        case none
        case direct([DirectLabel])
        case inPlot(Rect)
        case row
    }

    /// Everything positioned for one choice of legend mode.
    struct Geometry {
        var plotTop: Double
        var legendBaseline: Double?
        var yTickWidth: Double
        var frames: [PlotFrame]
        var paths: [[SeriesPath]]
        var samples: [Point]
    }

    // MARK: header

    /// The title and subtitle, wrapped and placed as in every figure.
    var header: FigureHeader { FigureHeader(title: chart.title, subtitle: chart.subtitle, measurer: measurer) }

    var labelledSeries: [Series] {
        var seen: [Series] = []
        for panel in chart.panels {
            for s in panel.series where !s.label.isEmpty
                && !seen.contains(where: { $0.label == s.label && $0.colorIndex == s.colorIndex }) {
                seen.append(s)
            }
        }
        // Stable sort by colour index: colours follow ascending key values.
        return seen.enumerated().sorted { ($0.element.colorIndex, $0.offset) < ($1.element.colorIndex, $1.offset) }
            .map(\.element)
    }

    // MARK: geometry

    /// Lays out the plot areas for a legend row (or not) and a right-hand label column of `column` px.
    /// `titleRoom` is the extra height (px) reserved above each row of panels for two-line panel titles; it is
    /// added on a second pass when a panel title needs two lines at the panel's width.
    func geometry(legendRow: Bool, column: Double, headerBottom hb: Double, titleRoom: Double = 0) -> Geometry {
        var top = hb + 22 + titleRoom
        var legendBaseline: Double?
        if legendRow {
            legendBaseline = hb + 26
            top = hb + 26 + legendRowExtraHeight + 40 + titleRoom
        } else if chart.panels.contains(where: { $0.title != nil }) {
            top += 24
        }
        top = snapRule(top)
        let bottom = Self.plotBottom - bottomReserve
        let grid = self.grid, rowGap = grid.rows > 1 ? self.rowGap + titleRoom : 0
        let height = grid.panelHeight(top: top, bottom: bottom, rowGap: rowGap)
        let yAxes = resolvedYAxes(height: height)
        let yTickWidth = yAxes.flatMap(\.labels).map { measurer.measure($0, font: Self.tickFont).width }.max() ?? 0
        let left = snapRule(Self.margin + 15 + 10 + yTickWidth + 4 + 4)
        let right = snapRule(Self.rightEdge - column)
        let rects = grid.rects(left: left, right: right, top: top, bottom: bottom, gap: Self.panelGap, rowGap: rowGap)
        var frames: [PlotFrame] = []
        var paths: [[SeriesPath]] = []
        var samples: [Point] = []
        for (i, panel) in chart.panels.enumerated() {
            let rect = rects[i]
            let xValues = panel.series.flatMap(Self.domainXs) + (i == 0 ? annotationXs : [])
            let xAxis = ResolvedAxis.resolve(chart.xAxis, values: xValues, length: rect.width, vertical: false)
            let frame = PlotFrame(rect: rect, x: xAxis, y: yAxes[min(grid.row(i), yAxes.count - 1)])
            frames.append(frame)
            let panelPaths = panel.series.map { SeriesPath(series: $0, frame: frame) }
            paths.append(panelPaths)
            samples += panelPaths.flatMap { $0.samples(in: rect.insetBy(dx: -1, dy: -1)) }
        }
        if chart.panels.isEmpty {
            let rect = Rect(minX: left, minY: top, maxX: right, maxY: bottom)
            let xAxis = ResolvedAxis.resolve(chart.xAxis, values: annotationXs, length: rect.width, vertical: false)
            frames.append(PlotFrame(rect: rect, x: xAxis, y: yAxes[0]))
            paths.append([])
        }
        if titleRoom == 0, panelTitlesNeedTwoLines(rects) {
            return geometry(legendRow: legendRow, column: column, headerBottom: hb, titleRoom: Self.panelTitlePitch)
        }
        return Geometry(plotTop: top, legendBaseline: legendBaseline, yTickWidth: yTickWidth,
                        frames: frames, paths: paths, samples: samples)
    }

    /// The x values a series contributes to the automatic x domain: line, raw series, ✕ and band.
    static func domainXs(_ s: Series) -> [Double] {
        var xs = s.points.map(\.x) + s.faintPoints.map(\.x)
        if let d = s.endMark { xs.append(d.x) }
        return xs + s.band.map(\.x)
    }

    /// The y values a series contributes to the automatic y domain: line, raw series, ✕ and band edges.
    static func domainYs(_ s: Series) -> [Double] {
        var ys = s.points.map(\.y) + s.faintPoints.map(\.y)
        if let y = s.endMark?.y { ys.append(y) }
        return ys + s.band.flatMap { [$0.low, $0.high] }
    }

    var annotationXs: [Double] {
        chart.annotations.flatMap { a -> [Double] in
            switch a {
            case let .phase(from, to, _): return [from, to]
            case let .rule(x, _): return [x]
            case let .keyPoint(x, _, _): return [x]
            }
        }
    }

    var annotationYs: [Double] {
        chart.annotations.compactMap { a in
            if case let .keyPoint(_, y, _) = a { return y }
            return nil
        }
    }

    /// Chooses the legend mode per docs/charts.md and the geometry that goes with it.
    func chooseLayout(headerBottom hb: Double) -> (Geometry, LegendMode) {
        let labelled = labelledSeries
        if labelled.isEmpty { return (geometry(legendRow: false, column: 0, headerBottom: hb), .none) }
        if chart.panels.count > 1 { return (geometry(legendRow: true, column: 0, headerBottom: hb), .row) }
        if let column = directLabelColumn() {
            let g = geometry(legendRow: false, column: column, headerBottom: hb)
            if let labels = directLabels(in: g) { return (g, .direct(labels)) }
        }
        let g = geometry(legendRow: false, column: 0, headerBottom: hb)
        if let box = freeLegendCorner(in: g) { return (g, .inPlot(box)) }
        return (geometry(legendRow: true, column: 0, headerBottom: hb), .row)
    }

    // MARK: scene

    /// The complete scene: background, header, panels, marks, guides and labels; call `scene()`, which binds
    /// the chart's series styles. When some label fits nowhere, the plot's bottom moves up until its
    /// numbered note fits above the x-axis title.
    func layoutScene() -> Scene {
        let header = self.header
        let hb = header.bottom
        let (g, mode) = chooseLayout(headerBottom: hb)
        let inset = g.frames.first.flatMap { zoomInset(main: $0) }
        let placer = placeLabels(geometry: g, mode: mode, inset: inset, headerBottom: hb)
        let reserve = noteReserve(placer.notes, geometry: g)
        if reserve > bottomReserve + 0.01 {
            var moved = self
            moved.bottomReserve = reserve
            return moved.layoutScene()
        }

        var scene = Scene()
        scene.add(.fillRect(Self.canvas, Palette.background))
        header.draw(&scene)
        for (i, frame) in g.frames.enumerated() {
            drawPanelBack(&scene, frame: frame, annotated: i == 0)
            let series = i < chart.panels.count ? chart.panels[i].series : []
            let paths = i < g.paths.count ? g.paths[i] : []
            drawLines(&scene, series: series, paths: paths, frame: frame, panel: i)
            drawPointMarks(&scene, series: series, frame: frame)
            drawAxes(&scene, frame: frame, yLabels: grid.column(i) == 0, tickFont: Self.tickFont)
            if i < chart.panels.count, let title = chart.panels[i].title {
                drawPanelTitle(&scene, title, panel: frame.rect)
            }
            drawEdgeMarkers(&scene, series: series, paths: paths)
        }
        if case let .direct(labels) = mode { drawDirectLabelDots(&scene, labels) }
        if case let .inPlot(box) = mode { drawInPlotLegend(&scene, box: box) }
        if let inset { drawZoomInset(&scene, inset) }
        if let first = g.frames.first { drawKeyPointDots(&scene, frame: first) }
        drawEndMarks(&scene, geometry: g)
        drawPlacedLabels(&scene, placer: placer)
        drawNotes(&scene, placer.notes, geometry: g)
        if case .row = mode, let baseline = g.legendBaseline {
            drawLegendRow(&scene, baseline: baseline)
        }
        drawAxisTitles(&scene, geometry: g)
        return scene
    }

    func drawAxisTitles(_ scene: inout Scene, geometry g: Geometry) {
        guard let first = g.frames.first else { return }
        // Centred on the whole row or grid of panels.
        let right = g.frames.map(\.rect.maxX).max() ?? first.rect.maxX
        let bottom = g.frames.map(\.rect.maxY).max() ?? first.rect.maxY
        let font = FontSpec.book(13)
        if !chart.xAxis.title.isEmpty {
            let w = measurer.measure(chart.xAxis.title, font: font).width
            let cx = (first.rect.minX + right) / 2
            scene.add(.text(TextRun(string: chart.xAxis.title, origin: Point(cx - w / 2, 486),
                                    font: font, color: Palette.axisTitle)))
        }
        if !chart.rowYAxes.isEmpty {
            drawRowYTitles(&scene, frames: g.frames)
        } else if !chart.yAxis.title.isEmpty {
            let w = measurer.measure(chart.yAxis.title, font: font).width
            let cy = grid.rows == 1 ? first.rect.midY : (first.rect.minY + bottom) / 2
            scene.add(.text(TextRun(string: chart.yAxis.title, origin: Point(Self.margin + 10, cy + w / 2),
                                    font: font, color: Palette.axisTitle, rotated: true)))
        }
    }

    /// Baseline that vertically centres 12 px-ish text of `font` on `y` (DejaVu cap height 0.729 em).
    static func centredBaseline(_ y: Double, font: FontSpec) -> Double { y + 0.3645 * font.size }
}
