/// Layer sizes of an MLP and where each layer's parameters sit in the one flat buffer.
///
/// Layer `l` maps `fanIn → fanOut`: its weights are a row-major `fanIn × fanOut` matrix
/// (`x · W`, as numpy's reference) at `weightOffset`, followed by its `fanOut` biases.
struct NetworkLayout: Sendable, Equatable {
    struct Layer: Sendable, Equatable {
        let fanIn: Int
        let fanOut: Int
        let weightOffset: Int
        var biasOffset: Int { weightOffset + fanIn * fanOut }
        var parameterCount: Int { (fanIn + 1) * fanOut }
    }

    /// `[inputs, hidden…, classes]`.
    let sizes: [Int]
    let layers: [Layer]
    let parameterCount: Int

    init(inputs: Int, hidden: [Int], classes: Int) {
        precondition(inputs > 0 && classes > 0 && hidden.allSatisfy { $0 > 0 }, "layer sizes must be positive")
        sizes = [inputs] + hidden + [classes]
        var layers = [Layer]()
        var offset = 0
        for l in 0..<(sizes.count - 1) {
            let layer = Layer(fanIn: sizes[l], fanOut: sizes[l + 1], weightOffset: offset)
            layers.append(layer)
            offset += layer.parameterCount
        }
        self.layers = layers
        parameterCount = offset
    }

    var inputs: Int { sizes[0] }
    var classes: Int { sizes[sizes.count - 1] }
    /// The widest layer output, for sizing workspaces.
    var widest: Int { sizes.max()! }
}
