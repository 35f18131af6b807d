import LinearAlgebra

/// Sum of losses and count of correct argmax predictions over a batch.
struct BatchScore {
    var lossSum: Double = 0
    var correct: Int = 0
}

/// Softmax followed by cross-entropy, per row: `loss = −log(p_y + 1e−12)` with
/// `p = softmax(logits)` computed stably (max subtracted), exactly as the numpy reference.
/// The gradient of the batch *mean* with respect to the logits is `(p − onehot(y)) / rows`.
enum SoftmaxCrossEntropy {
    static let epsilon = 1e-12

    /// Scores a `rows × classes` logits matrix; when `gradient` is true the logits are
    /// replaced by `∂(mean loss)/∂logits`, otherwise by the probabilities.
    /// Argmax ties go to the lowest class index (as numpy's `argmax`).
    static func apply<T: BLASScalar>(_ logits: UnsafeMutablePointer<T>, rows: Int, classes: Int,
                                     labels: UnsafePointer<Int32>, gradient: Bool) -> BatchScore {
        var score = BatchScore()
        let eps = T(epsilon)
        let batch = T(rows)
        for r in 0..<rows {
            let row = logits + r * classes
            var largest = row[0]
            var best = 0
            for j in 1..<classes where row[j] > largest {
                largest = row[j]
                best = j
            }
            var sum: T = 0
            for j in 0..<classes {
                let e = T.exp(row[j] - largest)
                row[j] = e
                sum += e
            }
            for j in 0..<classes { row[j] /= sum }
            let label = Int(labels[r])
            score.lossSum += Double(-T.log(row[label] + eps))
            if best == label && !largest.isNaN { score.correct += 1 }
            if gradient {
                row[label] -= 1
                for j in 0..<classes { row[j] /= batch }
            }
        }
        return score
    }
}
