/// A font of docs/charts.md: DejaVu Sans Book or Bold at a size in logical px.
struct FontSpec: Sendable, Hashable {
    var size: Double
    var bold: Bool

    static func book(_ size: Double) -> FontSpec { FontSpec(size: size, bold: false) }
    static func bold(_ size: Double) -> FontSpec { FontSpec(size: size, bold: true) }
}

/// How a line is stroked: width in logical px, dash lengths in logical px.
struct Stroke: Sendable, Equatable {
    enum Cap: Sendable { case butt, round }
    var color: RGBA
    var width: Double
    var dash: [Double] = []
    var cap: Cap = .butt
}

/// A run of text placed at its baseline-left origin.
struct TextRun: Sendable, Equatable {
    var string: String
    /// Baseline-left origin, or for rotated text the baseline start (text reads upward).
    var origin: Point
    var font: FontSpec
    var color: RGBA
    /// Rotated 90° anticlockwise (reads bottom to top).
    var rotated: Bool = false
    /// A 2 px white halo (4 px white stroke under the glyphs).
    var halo: Bool = false
}

/// A positioned drawing primitive in logical px.
enum Primitive: Sendable, Equatable {
    case fillRect(Rect, RGBA)
    case polyline([Point], Stroke)
    case polygon([Point], RGBA)
    case circle(center: Point, radius: Double, RGBA)
    case text(TextRun)
    case pushClip(Rect)
    case popClip
}

/// The drawing calls a canvas receives; the scene replays primitives onto it.
protocol Canvas: AnyObject {
    func fillRect(_ rect: Rect, color: RGBA)
    func strokePolyline(_ points: [Point], stroke: Stroke)
    func fillPolygon(_ points: [Point], color: RGBA)
    func fillCircle(center: Point, radius: Double, color: RGBA)
    func drawText(_ run: TextRun)
    func pushClip(_ rect: Rect)
    func popClip()
}

/// Which series a primitive belongs to, for the layout checker. Series with a label are the same series
/// in every panel (legend identity: label and colour index); unlabelled ones are told apart by position.
struct SeriesTag: Sendable, Hashable {
    var label: String
    var colorIndex: Int
    /// Panel index in the chart (0-based).
    var panel: Int
    /// Series index within the panel (0-based).
    var index: Int

    /// Two tags with the same identity are one series of the chart.
    var identity: String {
        label.isEmpty ? "unlabelled series \(index + 1) of panel \(panel + 1)" : "\"\(label)\" (colour \(colorIndex))"
    }
}

/// What a primitive shows, for the layout checker; canvases ignore it, so drawing is unchanged.
enum PrimitiveRole: Sendable, Equatable {
    /// Anything not listed below: rules, axes, ticks, leaders, markers, backings, plain text.
    case other
    /// A plotted 2 px data line of a series; text must not be crossed by it.
    case dataLine(SeriesTag)
    /// A faint raw series (1 px, 28 % opacity) under a data line.
    case faintLine(SeriesTag)
    /// The swatch of a legend entry.
    case legendSwatch(SeriesTag)
    /// The label of a legend entry (its text is the series label).
    case legendLabel(SeriesTag)
}

/// An ordered list of positioned primitives on an 800 × 500 logical-px canvas.
struct Scene: Sendable {
    var width: Double = 800
    var height: Double = 500
    private(set) var items: [Primitive] = []
    /// One role per item, parallel to `items` (`.other` unless added with a role).
    private(set) var roles: [PrimitiveRole] = []

    mutating func add(_ p: Primitive) { add(p, role: .other) }

    /// Adds a primitive tagged for the layout checker.
    mutating func add(_ p: Primitive, role: PrimitiveRole) {
        items.append(p)
        roles.append(role)
    }

    /// Replays every primitive, in order, onto `canvas`.
    func draw(on canvas: any Canvas) {
        for item in items {
            switch item {
            case let .fillRect(r, c): canvas.fillRect(r, color: c)
            case let .polyline(pts, s): canvas.strokePolyline(pts, stroke: s)
            case let .polygon(pts, c): canvas.fillPolygon(pts, color: c)
            case let .circle(center, radius, c): canvas.fillCircle(center: center, radius: radius, color: c)
            case let .text(run): canvas.drawText(run)
            case let .pushClip(r): canvas.pushClip(r)
            case .popClip: canvas.popClip()
            }
        }
    }
}
