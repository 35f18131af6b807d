import Datasets
import LinearAlgebra

/// How initial weights are drawn.
enum Initialization: String, Sendable, CaseIterable {
    /// PyTorch's `nn.Linear` default: W and b uniform in ±1/√fanIn.
    case pytorch

    /// Fills every layer's weights then biases, layer by layer, in buffer order (the numpy
    /// reference's order: W1, b1, W2, b2, …).
    func fill<T: BLASScalar>(_ parameters: UnsafeMutableBufferPointer<T>, layout: NetworkLayout,
                             using generator: inout SeededRandom) {
        for layer in layout.layers {
            switch self {
            case .pytorch:
                let bound = 1 / Double(layer.fanIn).squareRoot()
                for i in layer.weightOffset ..< layer.weightOffset + layer.parameterCount {
                    parameters[i] = T(-bound + 2 * bound * generator.unitDouble())
                }
            }
        }
    }
}
