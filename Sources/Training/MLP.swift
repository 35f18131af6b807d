import LinearAlgebra

/// A multilayer perceptron `Linear → f → … → Linear` whose parameters and gradients each
/// live in one flat buffer laid out by `NetworkLayout`.
///
/// Shapes (m = rows of the batch): input `m × inputs`; layer `l` computes
/// `z_l = a_{l−1} · W_l + b_l` (`m × fanOut`), `a_l = f(z_l)` for hidden layers; the last
/// `z` are the logits. With `dropout` p > 0, training passes (`scoreAndGradient`) feed the
/// next layer `a_l ⊙ m_l` with `m ∈ {0, 1/(1 − p)}` drawn per unit (inverted dropout);
/// evaluation (`score`) uses `a_l` unchanged.
final class MLP<T: BLASScalar> {
    let layout: NetworkLayout
    let activation: Activation
    let parameters: ScalarBuffer<T>
    let gradients: ScalarBuffer<T>
    /// Probability of zeroing a hidden unit in training, in [0, 1).
    let dropout: Double
    let loss: SoftmaxCrossEntropy
    /// The first layer's product runs on the row kernels (`RowKernels`) for contiguous input
    /// too (evaluation), not only for `PassInput.rows`; set by `Trainer` where they run.
    var rowKernels = false

    init(layout: NetworkLayout, activation: Activation = .relu, dropout: Double = 0, labelSmoothing: Double = 0) {
        self.layout = layout
        self.activation = activation
        self.dropout = dropout
        loss = SoftmaxCrossEntropy(labelSmoothing: labelSmoothing)
        parameters = ScalarBuffer(count: layout.parameterCount)
        gradients = ScalarBuffer(count: layout.parameterCount)
    }

    /// Whether a pass drops units: training, p > 0, and a workspace with mask buffers.
    private func dropping(_ training: Bool, _ workspace: Workspace<T>) -> Bool {
        training && dropout > 0 && !workspace.mask.isEmpty
    }

    /// Computes every layer's `z` (and `a`) for `rows ≤ workspace.capacity` input rows.
    func forward(_ input: PassInput<T>, rows: Int, workspace: Workspace<T>, training: Bool = false) {
        let drop = dropping(training, workspace)
        let w = UnsafePointer(parameters.base)
        var x: UnsafePointer<T>?
        if case .contiguous(let block) = input { x = block }
        for (l, layer) in layout.layers.enumerated() {
            let z = workspace.z[l].base
            let bias = w + layer.biasOffset
            let width = layer.fanOut
            for r in 0..<rows {
                let row = z + r * width
                for j in 0..<width { row[j] = bias[j] }
            }
            if let x, l == 0, rowKernels {
                RowKernels.forward(table: Self.floats(x), inputs: layer.fanIn, rows: nil, count: rows,
                                   weights: Self.floats(w + layer.weightOffset), outputs: layer.fanOut,
                                   into: Self.floats(z))
            } else if let x {
                T.gemm(.none, .none, m: rows, n: layer.fanOut, k: layer.fanIn,
                       alpha: 1, a: x, lda: layer.fanIn, b: w + layer.weightOffset, ldb: layer.fanOut,
                       beta: 1, c: z, ldc: layer.fanOut)
            } else if case .rows(let table, let indices) = input {
                // The first layer of a `Float` model on a CPU with the row kernels (`PassInput`).
                RowKernels.forward(table: table, inputs: layer.fanIn, rows: indices, count: rows,
                                   weights: Self.floats(w + layer.weightOffset), outputs: layer.fanOut,
                                   into: Self.floats(z))
            }
            if l < layout.layers.count - 1 {
                let a = workspace.a[l].base
                activation.forward(UnsafePointer(z), into: a, count: rows * layer.fanOut)
                x = UnsafePointer(a)
                if drop {
                    x = UnsafePointer(applyDropout(a, layer: l, count: rows * layer.fanOut, workspace: workspace))
                }
            }
        }
    }

    /// `p` as the `Float` pointer it is when the row kernels run (`PassInput.rowKernelsRun`).
    private static func floats(_ p: UnsafePointer<T>) -> UnsafePointer<Float> {
        precondition(T.self == Float.self, "the row kernels are Float only")
        return UnsafeRawPointer(p).assumingMemoryBound(to: Float.self)
    }

    private static func floats(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<Float> {
        precondition(T.self == Float.self, "the row kernels are Float only")
        return UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
    }

    /// Forward pass and loss of a batch, without gradients.
    func score(_ input: UnsafePointer<T>, labels: UnsafePointer<Int32>, rows: Int,
               workspace: Workspace<T>) -> BatchScore {
        forward(.contiguous(input), rows: rows, workspace: workspace)
        return loss.apply(workspace.z[layout.layers.count - 1].base, rows: rows,
                          classes: layout.classes, labels: labels, gradient: false)
    }

    /// Forward and backward pass: fills `gradients` with `∂(mean batch loss)/∂parameters`
    /// and returns the batch's score (loss sum, correct predictions).
    func scoreAndGradient(_ input: PassInput<T>, labels: UnsafePointer<Int32>, rows: Int,
                          workspace: Workspace<T>) -> BatchScore {
        forward(input, rows: rows, workspace: workspace, training: true)
        let last = layout.layers.count - 1
        let score = loss.apply(workspace.z[last].base, rows: rows,
                               classes: layout.classes, labels: labels, gradient: true)
        backward(input, rows: rows, workspace: workspace)
        return score
    }

    /// Backpropagates `∂loss/∂logits` (in the last `z`) through every layer.
    private func backward(_ input: PassInput<T>, rows: Int, workspace: Workspace<T>) {
        let w = UnsafePointer(parameters.base)
        let g = gradients.base
        let last = layout.layers.count - 1
        let drop = dropping(true, workspace)
        var delta = workspace.z[last].base
        for l in stride(from: last, through: 0, by: -1) {
            let layer = layout.layers[l]
            let gw = g + layer.weightOffset
            // ∂W = xᵀ · δ  (fanIn × fanOut). Outputs are zeroed here and accumulated with
            // beta = 1: OpenBLAS's beta = 0 pass is slower than a memset for these shapes.
            func weightGradient(_ x: UnsafePointer<T>) {
                gw.update(repeating: 0, count: layer.fanIn * layer.fanOut)
                T.gemm(.transpose, .none, m: layer.fanIn, n: layer.fanOut, k: rows,
                       alpha: 1, a: x, lda: layer.fanIn, b: delta, ldb: layer.fanOut,
                       beta: 1, c: gw, ldc: layer.fanOut)
            }
            switch (l, input) {
            case (0, .rows(let table, let indices)):
                // On the table's rows in place (`PassInput`); the kernel overwrites ∂W.
                RowKernels.weightGradient(table: table, inputs: layer.fanIn, rows: indices, count: rows,
                                          delta: Self.floats(UnsafePointer(delta)), outputs: layer.fanOut,
                                          into: Self.floats(gw))
            case (0, .contiguous(let block)):
                weightGradient(block)
            default:
                weightGradient(UnsafePointer(drop ? workspace.dropped[l - 1].base : workspace.a[l - 1].base))
            }
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
            if drop {
                let m = workspace.mask[l - 1].base
                for i in 0..<(rows * layer.fanIn) { upstream[i] *= m[i] }
            }
            let previous = workspace.delta[l - 1].base
            activation.backward(z: workspace.z[l - 1].base, a: workspace.a[l - 1].base,
                                upstream: upstream, into: previous, count: rows * layer.fanIn)
            delta = previous
        }
    }

    /// Draws layer `l`'s mask and writes `dropped = a ⊙ mask`; returns `dropped`.
    private func applyDropout(_ a: UnsafeMutablePointer<T>, layer l: Int, count: Int,
                              workspace: Workspace<T>) -> UnsafeMutablePointer<T> {
        let mask = workspace.mask[l].base, dropped = workspace.dropped[l].base
        let keep = 1 - dropout, scale = T(1 / (1 - dropout))
        var generator = workspace.dropoutGenerator  // a local copy: no exclusivity check per draw
        for i in 0..<count { mask[i] = generator.unitDouble() < keep ? scale : 0 }
        workspace.dropoutGenerator = generator
        for i in 0..<count { dropped[i] = a[i] * mask[i] }
        return dropped
    }
}
