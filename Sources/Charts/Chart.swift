/// One figure: an 800 × 500 logical-px line chart with a title, a subtitle, axes and one or more panels.
///
/// A chart is a plain value; layout turns it into positioned primitives and a canvas draws them.
public struct Chart: Sendable {
    /// Sentence case, no final period; never clipped: when wider than 760 px it is set at 90 % of 18 px,
    /// then wrapped to two balanced lines, then ended with "…".
    public var title: String
    /// Setup clauses joined by " · "; wrapped to two balanced lines, breaking at " · " first.
    public var subtitle: String
    /// The x axis: title, scale, number format and optional explicit domain (data units).
    public var xAxis: Axis
    /// The y axis, shared by all panels (unless `rowYAxes` gives each row of panels its own).
    public var yAxis: Axis
    /// One y axis per row of panels, e.g. accuracy above and loss below: row r uses `rowYAxes[r]` (rows past
    /// the list use `yAxis`), its domain and ticks shared by that row's panels and its title centred on the row.
    /// Empty (the default): `yAxis` for every panel.
    public var rowYAxes: [Axis] = []
    /// One panel is a single plot; several are small multiples with a shared y axis, in one row or a grid.
    public var panels: [Panel]
    /// Panels per row for small multiples, e.g. 3 puts 6 panels in 2 rows × 3 columns (a short last row
    /// keeps the same panel size, left-aligned). nil (the default) means min(panel count, 4); values
    /// below 1 count as 1 and values above the panel count as one row.
    public var columns: Int?
    /// Bold title at the start of the legend row, e.g. "learning rate".
    public var legendTitle: String?
    /// Schedule-chart decorations, drawn in the first panel.
    public var annotations: [Annotation]
    /// How many values the colour key has across the whole report, so a value keeps its colour in every
    /// chart (series colours are spread over this count). nil (the default) infers the largest
    /// `colorIndex` + 1 of this chart; a count below that is raised to it. Up to 7: Okabe–Ito, dashed from
    /// the 5th; above 7: solid viridis stops from `#440154` to `#7AD151`, evenly spaced by colour index.
    public var colorCount: Int?
    /// What a ✕ end mark means, as the legend row's key: a ✕ and this text 28 px after the last entry, shown when
    /// some series has an `endMark`. nil (the default) or "" shows no key.
    public var endMarkKey: String?

    public init(title: String, subtitle: String = "", xAxis: Axis, yAxis: Axis,
                panels: [Panel], legendTitle: String? = nil, annotations: [Annotation] = [], columns: Int? = nil,
                colorCount: Int? = nil, endMarkKey: String? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.panels = panels
        self.legendTitle = legendTitle
        self.annotations = annotations
        self.columns = columns
        self.colorCount = colorCount
        self.endMarkKey = endMarkKey
    }
}

/// One plot area of a chart.
public struct Panel: Sendable {
    /// Shown 13 px Bold above the panel in small multiples; ignored when nil. Never clipped: when wider than the
    /// panel it is set at 90 % of the size, then on two lines (every row of panels makes room), then ended with "…".
    public var title: String?
    /// Drawn in order; legend order is series order.
    public var series: [Series]

    public init(title: String? = nil, series: [Series]) {
        self.title = title
        self.series = series
    }
}

/// A data point in the chart's data units.
public struct ChartPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A ✕ that ends a series early, in data units, with an optional label: the line runs on to the ✕ and stops.
public struct EndMark: Sendable, Equatable {
    /// In the chart's x unit.
    public var x: Double
    /// nil places the ✕ at the line's last y, or at the bottom edge when the line has no point.
    public var y: Double?
    /// Set 11 px `#333333` with a white halo next to the ✕; "" draws the ✕ alone.
    public var label: String

    public init(x: Double, y: Double? = nil, label: String) {
        self.x = x
        self.y = y
        self.label = label
    }
}

/// One line.
public struct Series: Sendable {
    /// "batch 64", "0.1"; an empty label keeps the series out of legends and direct labels.
    public var label: String
    /// Index into the Okabe–Ito palette; from the 5th colour on, lines are also dashed.
    public var colorIndex: Int
    /// The line, in data units; non-finite y values become ▲/▼ markers on the plot edge.
    public var points: [ChartPoint]
    /// Optional raw series drawn 1 px at 28 % opacity under the line.
    public var faintPoints: [ChartPoint]
    /// Shown after a direct label in Book grey, e.g. "97.5%".
    public var valueText: String?
    /// A ✕ where the series ends early; a series with one never gets a direct label.
    public var endMark: EndMark?
    /// Draw as a step line (horizontal, then vertical drop at each new x).
    public var stepped: Bool
    /// Solid, dashed or dotted whatever the colour, e.g. training solid and test dashed; nil (the default)
    /// takes the palette's dash for the colour index. The legend swatch is drawn the same way.
    public var lineStyle: LineStyle?
    /// A reference line rather than data (e.g. "perfect scaling"): drawn 1.5 px in the neutral rule grey
    /// `#808080`, dashed unless `lineStyle` says otherwise, and listed in the legend like a series.
    public var reference: Bool
    /// Marks every point with a 6 px dot (1 px white ring), for lines through a few measured points.
    public var marksPoints: Bool
    /// Optional spread (e.g. mean ± std over repeated seeds), ordered by x: a filled area in the series
    /// colour at 18 % opacity, without an edge, under every line. Points that cannot be placed (non-finite
    /// values, values ≤ 0 on a log axis) are skipped and split the area. Counts for the automatic domains.
    public var band: [BandPoint]

    public init(label: String, colorIndex: Int, points: [ChartPoint], faintPoints: [ChartPoint] = [],
                valueText: String? = nil, endMark: EndMark? = nil, stepped: Bool = false,
                band: [BandPoint] = [], lineStyle: LineStyle? = nil, reference: Bool = false,
                marksPoints: Bool = false) {
        self.label = label
        self.colorIndex = colorIndex
        self.points = points
        self.faintPoints = faintPoints
        self.valueText = valueText
        self.endMark = endMark
        self.stepped = stepped
        self.band = band
        self.lineStyle = lineStyle
        self.reference = reference
        self.marksPoints = marksPoints
    }
}

/// One x of a band: the spread from `low` to `high`, in data units (the order of the two does not matter).
public struct BandPoint: Sendable, Equatable {
    public var x: Double
    public var low: Double
    public var high: Double

    public init(x: Double, low: Double, high: Double) {
        self.x = x
        self.low = low
        self.high = high
    }
}

/// Schedule-chart decorations, in data units.
public enum Annotation: Sendable, Equatable {
    /// A shaded phase `#F2F2F2` over the full plot height, e.g. warmup; its label sits inside at the top when it fits.
    case phase(from: Double, to: Double, label: String)
    /// A dashed vertical rule with a label near the bottom, e.g. "← warmup ends, step 2,500".
    case rule(x: Double, label: String)
    /// A 7 px dot with a label above-right, e.g. "0.08 at step 2,500".
    case keyPoint(x: Double, y: Double, label: String)
}
