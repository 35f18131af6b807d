public import Results

/// One key a set of runs varies, with its values in display order.
public struct GridAxis: Sendable {
    public var key: String
    /// "learning rate", "batch size", "optimizer".
    public var title: String
    /// Distinct values in display order (`GridValue.precedes`).
    public var values: [GridValue]

    /// Numbers (with `all` after them) can be extended below or above: a grid edge means something.
    public var isOrdered: Bool { values.allSatisfy { $0.number != nil || $0.isAll } }

    public static let batchKey = "train.batch_size"
    public static let rateKey = "train.learning_rate"

    /// The keys `groups` vary (more than one value), in the sweep's key order.
    public static func axes(of groups: [PointGroup]) -> [GridAxis] {
        var keys: [String] = []
        var values: [String: [GridValue]] = [:]
        for group in groups {
            for value in group.point.values {
                if values[value.key] == nil { keys.append(value.key) }
                if !(values[value.key] ?? []).contains(value) { values[value.key, default: []].append(value) }
            }
        }
        return keys.compactMap { key in
            let list = (values[key] ?? []).sorted(by: GridValue.precedes)
            guard list.count > 1, let first = list.first else { return nil }
            return GridAxis(key: key, title: first.keyTitle, values: list)
        }
    }

    /// Index of `value` in display order.
    public func rank(_ value: GridValue) -> Int? { values.firstIndex(of: value) }
}

extension PointGroup {
/// Groups of points that agree on every key except `keys`: the points compared along those keys
/// with everything else held fixed, in grid order of their first point.
public static func contexts(_ groups: [PointGroup], varying keys: Set<String>) -> [(context: GridPoint, groups: [PointGroup])] {
    var order: [GridPoint] = []
    var members: [GridPoint: [PointGroup]] = [:]
    for group in groups {
        let context = group.point.removing(keys)
        if members[context] == nil { order.append(context) }
        members[context, default: []].append(group)
    }
    return order.map { ($0, members[$0] ?? []) }
}
}
