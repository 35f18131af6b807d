import LinearAlgebra

/// Per-batch buffers for up to `capacity` rows, allocated once per run so the step loop
/// never allocates.
///
/// For layer `l` (0-based): `z[l]` pre-activations (`rows × fanOut`; the last layer's are the
/// logits, overwritten in place by probabilities and then by `∂loss/∂logits`), `a[l]`
/// activations of hidden layers, `delta[l]` `∂loss/∂z` of hidden layers, `upstream` the
/// `∂loss/∂a` being passed down (widest hidden layer). `input`/`labels` hold a gathered
/// minibatch.
final class Workspace<T: BLASScalar> {
    let capacity: Int
    let input: ScalarBuffer<T>
    let labels: UnsafeMutableBufferPointer<Int32>
    let z: [ScalarBuffer<T>]
    let a: [ScalarBuffer<T>]
    let delta: [ScalarBuffer<T>]
    let upstream: ScalarBuffer<T>

    init(layout: NetworkLayout, capacity: Int) {
        self.capacity = capacity
        input = ScalarBuffer(count: capacity * layout.inputs)
        labels = .allocate(capacity: max(capacity, 1))
        labels.initialize(repeating: 0)
        z = layout.layers.map { ScalarBuffer(count: capacity * $0.fanOut) }
        let hidden = layout.layers.dropLast()
        a = hidden.map { ScalarBuffer(count: capacity * $0.fanOut) }
        delta = hidden.map { ScalarBuffer(count: capacity * $0.fanOut) }
        upstream = ScalarBuffer(count: capacity * (hidden.map(\.fanOut).max() ?? 0))
    }

    deinit { labels.deallocate() }

    /// Copies the rows `order[0..<rows]` of a row-major table (and their labels) into
    /// `input`/`labels`, one contiguous row copy each.
    func gather(rows: Int, order: UnsafePointer<Int>, from features: UnsafePointer<T>,
                featureCount: Int, labels source: UnsafePointer<Int32>) {
        let destination = input.base
        for r in 0..<rows {
            let row = order[r]
            (destination + r * featureCount).update(from: features + row * featureCount, count: featureCount)
            labels[r] = source[row]
        }
    }
}
