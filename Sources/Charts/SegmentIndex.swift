/// Line segments in logical px, bucketed by 32 px columns so that a label box is tested only against the
/// segments that pass near it. A box "meets" a segment when any part of the segment lies inside or on the box,
/// so a line crossing a label is caught even when no sample point falls inside it.
struct SegmentIndex {
    private static let columnWidth = 32.0
    /// Columns beyond the canvas share the edge buckets; the test itself is exact.
    private static let columns = -4...30
    private var buckets: [Int: [(Point, Point)]] = [:]

    /// Whether the index holds no segment.
    var isEmpty: Bool { buckets.isEmpty }

    init() {}

    /// Indexes every consecutive pair of each polyline; single points become zero-length segments.
    init(polylines: [[Point]]) {
        for line in polylines { insert(polyline: line) }
    }

    /// Adds the segments of one polyline (pairs with a non-finite end are skipped).
    mutating func insert(polyline: [Point]) {
        if polyline.count == 1, let p = polyline.first { insert(p, p) }
        for (a, b) in zip(polyline, polyline.dropFirst()) { insert(a, b) }
    }

    /// Adds one segment from `a` to `b`.
    mutating func insert(_ a: Point, _ b: Point) {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return }
        for c in Self.columnRange(min(a.x, b.x), max(a.x, b.x)) {
            buckets[c, default: []].append((a, b))
        }
    }

    /// Whether any indexed segment meets `box`.
    func meets(_ box: Rect) -> Bool {
        for c in Self.columnRange(box.minX, box.maxX) {
            guard let list = buckets[c] else { continue }
            if list.contains(where: { Self.segment($0.0, $0.1, meets: box) }) { return true }
        }
        return false
    }

    private static func columnRange(_ lo: Double, _ hi: Double) -> ClosedRange<Int> {
        func column(_ x: Double) -> Int {
            let c = (x / columnWidth).rounded(.down)
            return Int(min(max(c, Double(columns.lowerBound)), Double(columns.upperBound)))
        }
        return column(lo)...column(hi)
    }

    /// Liang–Barsky clipping: whether the segment `a`–`b` has a point inside or on `r`.
    static func segment(_ a: Point, _ b: Point, meets r: Rect) -> Bool {
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        let edges = [(-dx, a.x - r.minX), (dx, r.maxX - a.x), (-dy, a.y - r.minY), (dy, r.maxY - a.y)]
        for (p, q) in edges {
            if p == 0 {
                if q < 0 { return false }
                continue
            }
            let t = q / p
            if p < 0 {
                if t > t1 { return false }
                t0 = max(t0, t)
            } else {
                if t < t0 { return false }
                t1 = min(t1, t)
            }
        }
        return t0 <= t1
    }
}
