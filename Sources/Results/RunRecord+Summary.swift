/// Final and best figures of a run: what tables and findings compare.
extension RunRecord {
    /// The last measurement: the last epoch, or the evaluation at divergence.
    public var finalTrainLoss: Double? { divergence?.trainLoss ?? history.last?.trainLoss }
    public var finalTrainAccuracy: Double? { divergence?.trainAccuracy ?? history.last?.trainAccuracy }
    public var finalTestLoss: Double? { divergence?.testLoss ?? history.last?.testLoss }
    public var finalTestAccuracy: Double? { divergence?.testAccuracy ?? history.last?.testAccuracy }
    public var finalValidationLoss: Double? {
        divergence.map { $0.validationLoss } ?? history.last?.validationLoss
    }
    public var finalValidationAccuracy: Double? {
        divergence.map { $0.validationAccuracy } ?? history.last?.validationAccuracy
    }

    /// Whether the run held out a validation set (then "best" is chosen on it, not on the test set).
    public var hasValidation: Bool { setup.validationCount > 0 }

    /// The accuracy "best" is chosen on: the final validation accuracy when the run has a
    /// validation set, else the final test accuracy. A diverged run counts with its evaluation at
    /// divergence.
    public var selectionAccuracy: Double? { hasValidation ? finalValidationAccuracy : finalTestAccuracy }

    /// The 1-based epoch of the highest test accuracy (the first such epoch); nil without epochs.
    public var peakTestEpoch: Int? {
        history.filter { $0.testAccuracy.isFinite }.max { ($0.testAccuracy, -$0.epoch) < ($1.testAccuracy, -$1.epoch) }?.epoch
    }

    /// Peak test accuracy over the epochs (and the divergence evaluation): `best_test_accuracy`.
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
