/// A point in logical px on the 800 × 500 canvas, y pointing down.
struct Point: Sendable, Equatable {
    var x: Double
    var y: Double
    init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle in logical px, y pointing down.
struct Rect: Sendable, Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var minX: Double { x }
    var minY: Double { y }
    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.init(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }

    func contains(_ p: Point) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    func intersects(_ other: Rect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    func insetBy(dx: Double, dy: Double) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }

    /// Whether the rectangle lies inside `outer`.
    func isInside(_ outer: Rect) -> Bool {
        minX >= outer.minX && maxX <= outer.maxX && minY >= outer.minY && maxY <= outer.maxY
    }
}

/// Snaps a 1 px rule's centre to the device grid at 2×: logical multiples of 0.5.
func snapRule(_ v: Double) -> Double {
    guard v.isFinite else { return v }
    return (v * 2).rounded() / 2
}
