import Datasets
import LinearAlgebra

/// Per-batch buffers for up to `capacity` rows, allocated once per run so the step loop
/// never allocates.
///
/// For layer `l` (0-based): `z[l]` pre-activations (`rows × fanOut`; the last layer's are the
/// logits, overwritten in place by probabilities and then by `∂loss/∂logits`), `a[l]`
/// activations of hidden layers, `delta[l]` `∂loss/∂z` of hidden layers, `upstream` the
/// `∂loss/∂a` being passed down (widest hidden layer). `input`/`labels` hold a gathered
/// minibatch. With dropout, `mask[l]` holds each unit's factor (0 or 1/(1 − p)) and
/// `dropped[l] = a[l] ⊙ mask[l]` is what the next layer reads; both are empty otherwise.
final class Workspace<T: BLASScalar> {
    let capacity: Int
    let input: ScalarBuffer<T>
    let labels: UnsafeMutableBufferPointer<Int32>
    let z: [ScalarBuffer<T>]
    let a: [ScalarBuffer<T>]
    let delta: [ScalarBuffer<T>]
    let upstream: ScalarBuffer<T>
    let mask: [ScalarBuffer<T>]
    let dropped: [ScalarBuffer<T>]
    /// Draws the dropout masks (seeded per run, separate from the shuffle's stream).
    var dropoutGenerator: SeededRandom

    /// Without `gathers` there is no `input` buffer: the row kernels read the batch in place
    /// (`PassInput.rows`) and evaluation reads its rows in place too.
    init(layout: NetworkLayout, capacity: Int, dropout: Bool = false, dropoutSeed: UInt64 = 0, gathers: Bool = true) {
        self.capacity = capacity
        input = ScalarBuffer(count: gathers ? capacity * layout.inputs : 0)
        labels = .allocate(capacity: max(capacity, 1))
        labels.initialize(repeating: 0)
        z = layout.layers.map { ScalarBuffer(count: capacity * $0.fanOut) }
        let hidden = layout.layers.dropLast()
        a = hidden.map { ScalarBuffer(count: capacity * $0.fanOut) }
        delta = hidden.map { ScalarBuffer(count: capacity * $0.fanOut) }
        upstream = ScalarBuffer(count: capacity * (hidden.map(\.fanOut).max() ?? 0))
        mask = dropout ? hidden.map { ScalarBuffer(count: capacity * $0.fanOut) } : []
        dropped = dropout ? hidden.map { ScalarBuffer(count: capacity * $0.fanOut) } : []
        dropoutGenerator = SeededRandom(seed: dropoutSeed)
    }

    deinit { labels.deallocate() }

    /// Every buffer's bytes: input, labels, each layer's z, a and delta, upstream, and the
    /// dropout masks and dropped activations (`TrainingMemory.workspace` for the same rows).
    /// The bytes `rows` rows of every buffer take: a training step's share of the workspace
    /// (every buffer is `capacity` rows of its width, so the bytes are linear in the rows).
    func bytes(rows: Int) -> Int {
        capacity > 0 ? bytes / capacity * min(max(rows, 0), capacity) : 0
    }

    var bytes: Int {
        let buffers = [input, upstream] + z + a + delta + mask + dropped
        return buffers.reduce(0) { $0 + $1.bytes } + labels.count * MemoryLayout<Int32>.stride
    }

    /// Copies the rows `order[0..<rows]` of a row-major table (and their labels) into
    /// `input`/`labels`, one contiguous row copy each.
    func gather(rows: Int, order: UnsafePointer<Int>, from features: UnsafePointer<T>,
                featureCount: Int, labels source: UnsafePointer<Int32>) {
        let destination = input.base
        for r in 0..<rows {
            (destination + r * featureCount).update(from: features + order[r] * featureCount, count: featureCount)
        }
        gatherLabels(rows: rows, order: order, labels: source)
    }

    /// Copies the labels of the rows `order[0..<rows]` into `labels` (when the row kernels read
    /// the features in place).
    func gatherLabels(rows: Int, order: UnsafePointer<Int>, labels source: UnsafePointer<Int32>) {
        for r in 0..<rows { labels[r] = source[order[r]] }
    }
}
