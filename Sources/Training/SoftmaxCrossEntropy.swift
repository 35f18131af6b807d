import LinearAlgebra

/// Sum of losses and count of correct argmax predictions over a batch.
struct BatchScore {
    var lossSum: Double = 0
    var correct: Int = 0
}

/// Softmax followed by cross-entropy, per row, with optional label smoothing ε
/// (`nn.CrossEntropyLoss(label_smoothing: ε)`).
///
/// - ε = 0: `loss = −log(p_y + 1e−12)` with `p = softmax(logits)` computed stably (max
///   subtracted), exactly as the numpy reference.
/// - ε > 0: targets `q_j = (1 − ε)·[j = y] + ε/C`, `loss = −Σ_j q_j·log p_j` with `log p` the
///   exact log-softmax (PyTorch's semantics, no 1e−12).
///
/// The gradient of the batch *mean* with respect to the logits is `(p − q) / rows`.
struct SoftmaxCrossEntropy {
    static let epsilon = 1e-12

    /// ε in [0, 1].
    var labelSmoothing: Double = 0

    /// Scores a `rows × classes` logits matrix; when `gradient` is true the logits are
    /// replaced by `∂(mean loss)/∂logits`, otherwise by the probabilities.
    /// Argmax ties go to the lowest class index (as numpy's `argmax`).
    func apply<T: BLASScalar>(_ logits: UnsafeMutablePointer<T>, rows: Int, classes: Int,
                              labels: UnsafePointer<Int32>, gradient: Bool) -> BatchScore {
        var score = BatchScore()
        let eps = T(Self.epsilon)
        let batch = T(rows)
        let smoothing = labelSmoothing
        let spread = smoothing / Double(classes)
        // Σ_r [(1 − ε)·s_ry + (ε/C)·Σ_j s_rj] over shifted logits s (smoothing only).
        var shiftedTerm = 0.0
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
            if smoothing > 0 {
                var rowSum: T = 0
                for j in 0..<classes { rowSum += row[j] }
                shiftedTerm += (1 - smoothing) * Double(row[Int(labels[r])]) + spread * Double(rowSum)
            }
        }
        // 2. exponentiate the whole batch,
        let count = rows * classes
        for i in 0..<count { logits[i] = T.vectorizableExp(logits[i]) }
        // 3. normalise, score, and turn into the gradient of the mean loss.
        var logSums = 0.0
        let q0 = T(spread), qLabel = T(1 - smoothing)
        for r in 0..<rows {
            let row = logits + r * classes
            var sum: T = 0
            for j in 0..<classes { sum += row[j] }
            for j in 0..<classes { row[j] /= sum }
            let label = Int(labels[r])
            if smoothing > 0 {
                logSums += Double(T.log(sum))
            } else {
                score.lossSum += Double(-T.log(row[label] + eps))
            }
            if gradient {
                if smoothing > 0 {
                    for j in 0..<classes { row[j] -= q0 }
                    row[label] -= qLabel
                } else {
                    row[label] -= 1
                }
                for j in 0..<classes { row[j] /= batch }
            }
        }
        // −Σ q·log p = −Σ q·(s − log S) = log S − Σ q·s (Σ_j q_j = 1).
        if smoothing > 0 { score.lossSum = logSums - shiftedTerm }
        return score
    }
}
