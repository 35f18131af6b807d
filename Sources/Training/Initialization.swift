import Datasets
import Foundation
import LinearAlgebra

/// How initial weights are drawn. Every scheme draws layer by layer in buffer order
/// (W1 row-major `fanIn × fanOut`, b1, W2, b2, …: the numpy reference's order).
public enum Initialization: String, Sendable, CaseIterable, Codable {
    /// PyTorch's `nn.Linear` default: W and b uniform in ±1/√fanIn.
    case pytorch
    /// He (Kaiming) normal, as `nn.init.kaiming_normal_(w, nonlinearity="relu")`:
    /// W ~ N(0, 2/fanIn); biases 0.
    case he
    /// Glorot (Xavier) uniform, as `nn.init.xavier_uniform_`: W uniform in
    /// ±√(6/(fanIn + fanOut)); biases 0.
    case glorot

    /// Fills every layer's parameters from `generator`.
    func fill<T: BLASScalar>(_ parameters: UnsafeMutableBufferPointer<T>, layout: NetworkLayout,
                             using generator: inout SeededRandom) {
        for layer in layout.layers {
            let weights = layer.weightOffset ..< layer.biasOffset
            let biases = layer.biasOffset ..< layer.weightOffset + layer.parameterCount
            switch self {
            case .pytorch:
                let bound = 1 / Double(layer.fanIn).squareRoot()
                for i in layer.weightOffset ..< layer.weightOffset + layer.parameterCount {
                    parameters[i] = T(-bound + 2 * bound * generator.unitDouble())
                }
            case .he:
                let std = (2 / Double(layer.fanIn)).squareRoot()
                for i in weights { parameters[i] = T(std * Self.normal(&generator)) }
                for i in biases { parameters[i] = 0 }
            case .glorot:
                let bound = (6 / Double(layer.fanIn + layer.fanOut)).squareRoot()
                for i in weights { parameters[i] = T(-bound + 2 * bound * generator.unitDouble()) }
                for i in biases { parameters[i] = 0 }
            }
        }
    }

    /// A standard normal draw (Box–Muller: one value per two uniforms).
    static func normal(_ generator: inout SeededRandom) -> Double {
        let u1 = 1 - generator.unitDouble()  // (0, 1]: log is finite
        let u2 = generator.unitDouble()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }
}
