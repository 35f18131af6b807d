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
        // Three passes so the exponentials form one long call-free loop that vectorises:
        // 1. subtract each row's max (and find the argmax),
        for r in 0..<rows {
            let row = logits + r * classes
            var largest = row[0]
            var best = 0
            for j in 1..<classes where row[j] > largest {
                largest = row[j]
                best = j
            }
            for j in 0..<classes { row[j] -= largest }
            if best == Int(labels[r]) && !largest.isNaN { score.correct += 1 }
        }
        // 2. exponentiate the whole batch,
        let count = rows * classes
        for i in 0..<count { logits[i] = T.vectorizableExp(logits[i]) }
        // 3. normalise, score, and turn into the gradient of the mean loss.
        for r in 0..<rows {
            let row = logits + r * classes
            var sum: T = 0
            for j in 0..<classes { sum += row[j] }
            for j in 0..<classes { row[j] /= sum }
            let label = Int(labels[r])
            score.lossSum += Double(-T.log(row[label] + eps))
            if gradient {
                row[label] -= 1
                for j in 0..<classes { row[j] /= batch }
            }
        }
        return score
    }
}
