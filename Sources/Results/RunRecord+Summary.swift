/// Final and best figures of a run: what tables and findings compare.
extension RunRecord {
    /// The last measurement: the last epoch, or the evaluation at divergence.
    public var finalTrainLoss: Double? { divergence?.trainLoss ?? history.last?.trainLoss }
    public var finalTrainAccuracy: Double? { divergence?.trainAccuracy ?? history.last?.trainAccuracy }
    public var finalTestLoss: Double? { divergence?.testLoss ?? history.last?.testLoss }
    public var finalTestAccuracy: Double? { divergence?.testAccuracy ?? history.last?.testAccuracy }

    /// Best test accuracy over the epochs (and the divergence evaluation).
    public var bestTestAccuracy: Double? {
        let values = history.map(\.testAccuracy) + (divergence.map { [$0.testAccuracy] } ?? [])
        return values.filter(\.isFinite).max()
    }

    /// First epoch whose test accuracy reached `target`, if any.
    public func epochsToReach(_ target: Double) -> Int? {
        history.first { $0.testAccuracy >= target }?.epoch
    }

    /// Wall-clock seconds of training until the first epoch that reached `target`.
    public func secondsToReach(_ target: Double) -> Double? {
        var total = 0.0
        for epoch in history {
            total += epoch.seconds
            if epoch.testAccuracy >= target { return total }
        }
        return nil
    }

    /// The value of grid key `key`, as written by the user.
    public func gridValue(_ key: String) -> String? { grid.first { $0.key == key }?.value }
}
