import LinearAlgebra

/// A multilayer perceptron `Linear → f → … → Linear` whose parameters and gradients each
/// live in one flat buffer laid out by `NetworkLayout`.
///
/// Shapes (m = rows of the batch): input `m × inputs`; layer `l` computes
/// `z_l = a_{l−1} · W_l + b_l` (`m × fanOut`), `a_l = f(z_l)` for hidden layers; the last
/// `z` are the logits.
final class MLP<T: BLASScalar> {
    let layout: NetworkLayout
    let activation: Activation
    let parameters: ScalarBuffer<T>
    let gradients: ScalarBuffer<T>

    init(layout: NetworkLayout, activation: Activation = .relu) {
        self.layout = layout
        self.activation = activation
        parameters = ScalarBuffer(count: layout.parameterCount)
        gradients = ScalarBuffer(count: layout.parameterCount)
    }

    /// Computes every layer's `z` (and `a`) for `rows ≤ workspace.capacity` input rows.
    func forward(_ input: UnsafePointer<T>, rows: Int, workspace: Workspace<T>) {
        let w = UnsafePointer(parameters.base)
        var x = input
        for (l, layer) in layout.layers.enumerated() {
            let z = workspace.z[l].base
            let bias = w + layer.biasOffset
            let width = layer.fanOut
            for r in 0..<rows {
                let row = z + r * width
                for j in 0..<width { row[j] = bias[j] }
            }
            T.gemm(.none, .none, m: rows, n: layer.fanOut, k: layer.fanIn,
                   alpha: 1, a: x, lda: layer.fanIn, b: w + layer.weightOffset, ldb: layer.fanOut,
                   beta: 1, c: z, ldc: layer.fanOut)
            if l < layout.layers.count - 1 {
                let a = workspace.a[l].base
                activation.forward(UnsafePointer(z), into: a, count: rows * layer.fanOut)
                x = UnsafePointer(a)
            }
        }
    }

    /// Forward pass and loss of a batch, without gradients.
    func score(_ input: UnsafePointer<T>, labels: UnsafePointer<Int32>, rows: Int,
               workspace: Workspace<T>) -> BatchScore {
        forward(input, rows: rows, workspace: workspace)
        return SoftmaxCrossEntropy.apply(workspace.z[layout.layers.count - 1].base, rows: rows,
                                         classes: layout.classes, labels: labels, gradient: false)
    }

    /// Forward and backward pass: fills `gradients` with `∂(mean batch loss)/∂parameters`
    /// and returns the batch's score (loss sum, correct predictions).
    func scoreAndGradient(_ input: UnsafePointer<T>, labels: UnsafePointer<Int32>, rows: Int,
                          workspace: Workspace<T>) -> BatchScore {
        forward(input, rows: rows, workspace: workspace)
        let last = layout.layers.count - 1
        let score = SoftmaxCrossEntropy.apply(workspace.z[last].base, rows: rows,
                                              classes: layout.classes, labels: labels, gradient: true)
        backward(input, rows: rows, workspace: workspace)
        return score
    }

    /// Backpropagates `∂loss/∂logits` (in the last `z`) through every layer.
    private func backward(_ input: UnsafePointer<T>, rows: Int, workspace: Workspace<T>) {
        let w = UnsafePointer(parameters.base)
        let g = gradients.base
        let last = layout.layers.count - 1
        var delta = workspace.z[last].base
        for l in stride(from: last, through: 0, by: -1) {
            let layer = layout.layers[l]
            let x = l == 0 ? input : UnsafePointer(workspace.a[l - 1].base)
            // ∂W = xᵀ · δ  (fanIn × fanOut). Outputs are zeroed here and accumulated with
            // beta = 1: OpenBLAS's beta = 0 pass is slower than a memset for these shapes.
            let gw = g + layer.weightOffset
            gw.update(repeating: 0, count: layer.fanIn * layer.fanOut)
            T.gemm(.transpose, .none, m: layer.fanIn, n: layer.fanOut, k: rows,
                   alpha: 1, a: x, lda: layer.fanIn, b: delta, ldb: layer.fanOut,
                   beta: 1, c: gw, ldc: layer.fanOut)
            // ∂b = column sums of δ
            let gb = g + layer.biasOffset
            gb.update(repeating: 0, count: layer.fanOut)
            for r in 0..<rows {
                let d = delta + r * layer.fanOut
                for j in 0..<layer.fanOut { gb[j] += d[j] }
            }
            guard l > 0 else { break }
            // ∂a_{l−1} = δ · Wᵀ  (rows × fanIn), then through the activation
            let upstream = workspace.upstream.base
            upstream.update(repeating: 0, count: rows * layer.fanIn)
            T.gemm(.none, .transpose, m: rows, n: layer.fanIn, k: layer.fanOut,
                   alpha: 1, a: delta, lda: layer.fanOut, b: w + layer.weightOffset, ldb: layer.fanOut,
                   beta: 1, c: upstream, ldc: layer.fanIn)
            let previous = workspace.delta[l - 1].base
            activation.backward(z: workspace.z[l - 1].base, a: workspace.a[l - 1].base,
                                upstream: upstream, into: previous, count: rows * layer.fanIn)
            delta = previous
        }
    }
}
