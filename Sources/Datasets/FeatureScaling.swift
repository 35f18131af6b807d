/// Per-feature scaling, fitted on the training part only and then applied to every part.
public enum FeatureScaling: String, Sendable, Hashable, Codable, CaseIterable {
    /// Features as loaded.
    case none
    /// `(x − mean) / std` with the training part's mean and population standard deviation;
    /// a constant feature is only centred.
    case standardize
    /// `(x − min) / (max − min)` with the training part's range, so training values lie in
    /// [0, 1]; a constant feature becomes 0.
    case minmax

    /// The affine map `x ↦ (x − offset[f]) · factor[f]` fitted on `train` (in `Double`).
    public func fit(_ train: Dataset) -> FittedScaling {
        let f = train.featureCount, n = train.count
        var offset = [Double](repeating: 0, count: f), factor = [Double](repeating: 1, count: f)
        guard self != .none, n > 0 else { return FittedScaling(offset: offset, factor: factor) }
        train.features.withUnsafeBufferPointer { x in
            switch self {
            case .none:
                break
            case .standardize:
                var sum = [Double](repeating: 0, count: f)
                for row in 0..<n { for c in 0..<f { sum[c] += Double(x[row * f + c]) } }
                let mean = sum.map { $0 / Double(n) }
                var squares = [Double](repeating: 0, count: f)
                for row in 0..<n { for c in 0..<f { let d = Double(x[row * f + c]) - mean[c]; squares[c] += d * d } }
                for c in 0..<f {
                    let std = (squares[c] / Double(n)).squareRoot()
                    offset[c] = mean[c]
                    factor[c] = std > 0 ? 1 / std : 1
                }
            case .minmax:
                var low = [Double](repeating: .infinity, count: f), high = [Double](repeating: -.infinity, count: f)
                for row in 0..<n {
                    for c in 0..<f { let v = Double(x[row * f + c]); low[c] = min(low[c], v); high[c] = max(high[c], v) }
                }
                for c in 0..<f {
                    offset[c] = low[c]
                    factor[c] = high[c] > low[c] ? 1 / (high[c] - low[c]) : 0
                }
            }
        }
        return FittedScaling(offset: offset, factor: factor)
    }
}

/// A fitted per-feature affine map `x ↦ (x − offset[f]) · factor[f]`.
public struct FittedScaling: Sendable, Equatable {
    public var offset: [Double]
    public var factor: [Double]

    /// `dataset` with every feature mapped; its feature count must equal `offset.count`.
    public func apply(to dataset: Dataset) -> Dataset {
        let f = dataset.featureCount
        precondition(f == offset.count, "FittedScaling: feature count differs")
        if offset.allSatisfy({ $0 == 0 }) && factor.allSatisfy({ $0 == 1 }) { return dataset }
        var x = dataset.features
        x.withUnsafeMutableBufferPointer { values in
            for i in 0..<values.count {
                let c = i % f
                values[i] = Float((Double(values[i]) - offset[c]) * factor[c])
            }
        }
        return Dataset(name: dataset.name, features: x, labels: dataset.labels,
                       featureCount: f, classCount: dataset.classCount)
    }
}
