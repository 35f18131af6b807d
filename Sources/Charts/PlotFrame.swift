/// A plot area in logical px with its resolved x and y axes.
struct PlotFrame {
    var rect: Rect
    var x: ResolvedAxis
    var y: ResolvedAxis

    /// Pixel x of a data x; nil when not representable.
    func px(_ v: Double) -> Double? { x.pixel(v, from: rect.minX, to: rect.maxX) }
    /// Pixel y of a data y (y down); nil when not representable.
    func py(_ v: Double) -> Double? { y.pixel(v, from: rect.maxY, to: rect.minY) }
}

/// A series turned into pixel polylines for one plot frame, with its ▲/▼ edge markers.
struct SeriesPath {
    /// Main line pieces (broken at non-finite values).
    var segments: [[Point]] = []
    /// Raw series pieces drawn faint under the line.
    var faintSegments: [[Point]] = []
    /// Band areas (closed polygons) drawn under all lines.
    var bands: [[Point]] = []
    /// Edge markers for non-finite and out-of-range values: `up` is a ▲ on the top edge.
    var edgeMarkers: [(at: Point, up: Bool)] = []
    /// The last finite point of the line, in px, and its data x.
    var end: Point?
    var endDataX: Double?
    /// Where the end mark's ✕ goes, in px.
    var endMark: Point?

    init(series: Series, frame: PlotFrame) {
        let r = frame.rect
        let main = Self.trace(series.points, stepped: series.stepped, frame: frame, markers: true)
        segments = main.segments
        edgeMarkers = main.markers
        end = main.segments.last?.last
        endDataX = series.points.last(where: { $0.x.isFinite && $0.y.isFinite })?.x
        faintSegments = Self.trace(series.faintPoints, stepped: series.stepped, frame: frame, markers: false).segments
        bands = Self.bandPolygons(series.band, frame: frame)
        if let d = series.endMark, let x = frame.px(d.x) {
            let cx = min(max(x, r.minX), r.maxX)
            var y = r.maxY
            if let dy = d.y, dy.isFinite, let py = frame.py(dy) {
                y = min(max(py, r.minY), r.maxY)
            } else if let last = end {
                y = min(max(last.y, r.minY), r.maxY)
            }
            let point = Point(cx, y)
            endMark = point
            // The line ends at its end mark.
            if let last = end, x >= last.x, !segments.isEmpty {
                segments[segments.count - 1].append(point)
            }
        }
    }

    private static func trace(_ points: [ChartPoint], stepped: Bool, frame: PlotFrame,
                              markers wantMarkers: Bool) -> (segments: [[Point]], markers: [(at: Point, up: Bool)]) {
        let r = frame.rect
        var segments: [[Point]] = []
        var current: [Point] = []
        var markers: [(at: Point, up: Bool)] = []
        func flush() {
            if !current.isEmpty { segments.append(current) }
            current = []
        }
        func mark(_ x: Double, up: Bool) {
            guard wantMarkers else { return }
            let cx = min(max(x, r.minX), r.maxX)
            let p = Point(cx, up ? r.minY : r.maxY)
            if let last = markers.last(where: { $0.up == up }), abs(last.at.x - cx) < 6 { return }
            markers.append((p, up))
        }
        for p in points {
            guard let x = frame.px(p.x) else { flush(); continue }
            guard let y = frame.py(p.y) else {
                flush()
                mark(x, up: p.y.isNaN || p.y == .infinity)
                continue
            }
            if y < r.minY - 0.01 { mark(x, up: true) }
            if y > r.maxY + 0.01 { mark(x, up: false) }
            let cy = min(max(y, r.minY - 2000), r.maxY + 2000)
            if stepped, let last = current.last { current.append(Point(x, last.y)) }
            current.append(Point(x, cy))
        }
        flush()
        return (segments, markers)
    }

    /// Points every 2 px along the main line, inside `bounds`, for collision tests.
    func samples(in bounds: Rect) -> [Point] {
        var out: [Point] = []
        for seg in segments {
            guard var prev = seg.first else { continue }
            if bounds.contains(prev) { out.append(prev) }
            for p in seg.dropFirst() {
                let dx = p.x - prev.x, dy = p.y - prev.y
                let len = (dx * dx + dy * dy).squareRoot()
                let n = len.isFinite ? Int(min(len / 2, 2000)) : 0
                if n > 0 {
                    for i in 1...n {
                        let t = Double(i) * 2 / len
                        let q = Point(prev.x + dx * t, prev.y + dy * t)
                        if bounds.contains(q) { out.append(q) }
                    }
                }
                if bounds.contains(p) { out.append(p) }
                prev = p
            }
        }
        return out
    }
}
