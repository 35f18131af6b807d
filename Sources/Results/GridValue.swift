/// One grid key of a sweep and one run's value for it, typed and labelled by the sweep reader, so
/// that reports order and name grid points without parsing key or value strings.
///
/// Two values are the same when their key and value text are: labels and positions are for display.
public struct GridValue: Codable, Sendable, Hashable {
    /// The dotted key, e.g. `train.learning_rate`.
    public var key: String
    /// The value as written, on one line: `0.01`, `all`, `{name: adam}`.
    public var value: String
    /// The value as charts and findings show it: `0.01`, `all`, `adam`, `StepLR`.
    public var label: String
    /// The value as a number, when it is one (`all` and categories are nil).
    public var number: Double?
    /// Index of the value in the sweep's list for this key: the order of categories.
    public var position: Int
    /// The key in words, for axis and legend titles: "learning rate", "batch size", "optimizer".
    public var keyTitle: String
    /// The word that goes before the label in a point's name ("lr", "batch"), or "" when the
    /// label names itself ("adam", "StepLR").
    public var prefix: String

    public init(key: String, value: String, label: String, number: Double?, position: Int,
                keyTitle: String, prefix: String) {
        self.key = key
        self.value = value
        self.label = label
        self.number = number
        self.position = position
        self.keyTitle = keyTitle
        self.prefix = prefix
    }

    /// "lr 0.01", "batch 64", "adam".
    public var phrase: String { prefix.isEmpty ? label : "\(prefix) \(label)" }

    /// Whether this is a batch size of `all` (full batch).
    public var isAll: Bool { value == "all" }

    public static func == (a: GridValue, b: GridValue) -> Bool { a.key == b.key && a.value == b.value }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(value)
    }

    /// The display order of two values of one key: numbers ascending, then `all`, then the
    /// other values in the order the sweep lists them.
    public static func precedes(_ a: GridValue, _ b: GridValue) -> Bool {
        switch (a.number, b.number) {
        case let (x?, y?): return x != y ? x < y : a.position < b.position
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil):
            if a.isAll != b.isAll { return a.isAll }
            return a.position < b.position
        }
    }
}

/// The grid values that make one grid point, in the sweep's key order. Repeats (seeds) of a
/// point share it; nothing else does.
public struct GridPoint: Sendable, Hashable {
    public var values: [GridValue]

    public init(_ values: [GridValue]) { self.values = values }

    /// "adam, lr 0.01, batch 64"; "" for a sweep without a grid.
    public var label: String { values.map(\.phrase).joined(separator: ", ") }

    /// The value of `key`, if the point has one.
    public func value(_ key: String) -> GridValue? { values.first { $0.key == key } }

    /// The point without the values of `keys`: what stays fixed when comparing along them.
    public func removing(_ keys: Set<String>) -> GridPoint { GridPoint(values.filter { !keys.contains($0.key) }) }

    /// The point without the value of `key`.
    public func removing(_ key: String) -> GridPoint { removing([key]) }

    /// Grid order: compares values key by key in the sweep's key order.
    public static func precedes(_ a: GridPoint, _ b: GridPoint) -> Bool {
        for (x, y) in zip(a.values, b.values) where x != y {
            if x.key != y.key { return x.key < y.key }
            return GridValue.precedes(x, y)
        }
        return a.values.count < b.values.count
    }
}
