/// One run of a label's text. Direct labels have two: the Bold name, then the value in Book grey, 6 px apart.
struct LabelPart: Sendable, Equatable {
    var string: String
    var font: FontSpec
    var color: RGBA
}

/// How a label is joined to its anchor when it sits away from it.
enum LabelLeader: Sendable, Equatable {
    case none
    /// A straight line from just outside the anchor's marker to the nearest point of the label's box.
    case toBox
    /// A fixed polyline (direct labels: from the line end to the label column).
    case path([Point])
}

/// A position to try: the point `fraction` of the way along the text (0 its left edge, 1 its right edge) at `x`,
/// its cap height centred on `centreY`. A label that would stick out of its region sideways slides into it, as
/// long as it stays over `x`.
struct LabelCandidate: Sendable, Equatable {
    var x: Double
    var fraction: Double
    var centreY: Double
    var leader: LabelLeader = .none
    /// Replaces the request's text at this position (a rule label left of its rule points the other way).
    var parts: [LabelPart]?

    static let left = 0.0, centre = 0.5, right = 1.0
}

/// One text a chart places near data. Requests are placed in `priority` order, then in the order given.
struct LabelRequest: Sendable {
    /// Lower values are placed first and so get the best positions.
    enum Priority: Int, Sendable, Comparable {
        /// End-mark ✕ labels and key points (schedule points, range-test suggestions).
        case mark = 0
        /// Rule and phase labels of schedule charts.
        case rule = 1
        /// Direct labels right of the plot.
        case direct = 2

        static func < (a: Priority, b: Priority) -> Bool { a.rawValue < b.rawValue }
    }

    /// What happens when no candidate fits.
    enum Fallback: Sendable, Equatable {
        /// A numbered marker at the anchor and this text as a numbered note under the plot.
        case note(String)
        /// Leave the label out (a phase label that the shading and the inset already explain).
        case drop
    }

    var parts: [LabelPart]
    /// The point the label describes, in px.
    var anchor: Point
    /// Half the size of the mark drawn at the anchor; leaders start 1 px outside it.
    var anchorRadius: Double
    /// Where the label's box (text + 3 px, 2 px) must stay: its own panel, within the canvas.
    var region: Rect
    var priority: Priority
    /// Positions in preference order.
    var candidates: [LabelCandidate]
    var leaderStroke = Stroke(color: Palette.rule, width: 1)
    var fallback: Fallback
    /// Always draw a 2 px white halo (end-mark labels); otherwise only when a faint line touches the text.
    var halo = false
}

/// The eight directions of Imhof's cartographic preference order, and their rings at growing distances.
enum LabelRing {
    /// Right, above-right, above, below-right, below, left, above-left, below-left.
    enum Direction: CaseIterable, Sendable {
        case right, aboveRight, above, belowRight, below, left, aboveLeft, belowLeft
    }

    /// Distances of ring 0, in px: `side` from the anchor to the text on the right or left, `diagonal` across for
    /// the four diagonal positions, `vertical` from the anchor to the centre of the text above or below. Each
    /// further ring adds `step` to `side` and `vertical` and half of it to `diagonal` (docs/charts.md's (8, ∓16),
    /// (8, ∓32), (24, ∓48) progression), and gets a leader.
    struct Offsets: Sendable {
        var side: Double
        var diagonal: Double
        var vertical: Double
        var step: Double = 16
    }

    /// The positions of each ring, ring by ring (ring 0 has no leader): the eight directions in Imhof's order,
    /// then the same slid along the anchor (above and below with the anchor a quarter and three quarters along
    /// the text; right and left 8 px higher and lower), so a label finds a gap between lines.
    static func candidates(around a: Point, offsets o: Offsets, rings: Int) -> [LabelCandidate] {
        var out: [LabelCandidate] = []
        for k in 0..<max(rings, 1) {
            let grow = Double(k) * o.step
            let side = o.side + grow, diagonal = o.diagonal + grow / 2, vertical = o.vertical + grow
            let leader: LabelLeader = k == 0 ? .none : .toBox
            func at(_ x: Double, _ fraction: Double, _ dy: Double) -> LabelCandidate {
                LabelCandidate(x: x, fraction: fraction, centreY: a.y + dy, leader: leader)
            }
            for direction in Direction.allCases {
                switch direction {
                case .right: out.append(at(a.x + side, LabelCandidate.left, 0))
                case .aboveRight: out.append(at(a.x + diagonal, LabelCandidate.left, -vertical))
                case .above: out.append(at(a.x, LabelCandidate.centre, -vertical))
                case .belowRight: out.append(at(a.x + diagonal, LabelCandidate.left, vertical))
                case .below: out.append(at(a.x, LabelCandidate.centre, vertical))
                case .left: out.append(at(a.x - side, LabelCandidate.right, 0))
                case .aboveLeft: out.append(at(a.x - diagonal, LabelCandidate.right, -vertical))
                case .belowLeft: out.append(at(a.x - diagonal, LabelCandidate.right, vertical))
                }
            }
            out += [at(a.x, 0.25, -vertical), at(a.x, 0.75, -vertical), at(a.x, 0.25, vertical), at(a.x, 0.75, vertical),
                    at(a.x + side, LabelCandidate.left, -8), at(a.x + side, LabelCandidate.left, 8),
                    at(a.x - side, LabelCandidate.right, -8), at(a.x - side, LabelCandidate.right, 8)]
        }
        return out
    }
}
