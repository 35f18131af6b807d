import Datasets
import Foundation
import Testing
@testable import Training

/// Backpropagation against central finite differences, in Double.
@Suite struct GradientCheckTests {
    struct Report { var worst: Double; var global: Double }

    /// With `dropout`, every loss evaluation replays the same masks (the generator is reset),
    /// so the check covers the masked backward pass.
    static func check(hidden: [Int], activation: Activation = .relu, labelSmoothing: Double = 0,
                      dropout: Double = 0, rows: Int = 6, inputs: Int = 5, classes: Int = 3,
                      seed: UInt64) -> Report {
        let layout = NetworkLayout(inputs: inputs, hidden: hidden, classes: classes)
        let model = MLP<Double>(layout: layout, activation: activation, dropout: dropout,
                                labelSmoothing: labelSmoothing)
        var generator = SeededRandom(seed: seed)
        Initialization.pytorch.fill(model.parameters.pointer, layout: layout, using: &generator)
        let x = (0..<(rows * inputs)).map { _ in generator.unitDouble() * 2 - 1 }
        let y = (0..<rows).map { _ in Int32(generator.below(classes)) }
        let workspace = Workspace<Double>(layout: layout, capacity: rows, dropout: dropout > 0, dropoutSeed: seed)
        let masks = workspace.dropoutGenerator

        func meanLoss() -> Double {
            workspace.dropoutGenerator = masks
            return x.withUnsafeBufferPointer { x in
                y.withUnsafeBufferPointer { y in
                    model.forward(.contiguous(x.baseAddress!), rows: rows, workspace: workspace, training: true)
                    return model.loss.apply(workspace.z[layout.layers.count - 1].base, rows: rows, classes: classes,
                                            labels: y.baseAddress!, gradient: false).lossSum
                }
            } / Double(rows)
        }
        workspace.dropoutGenerator = masks
        _ = x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                model.scoreAndGradient(.contiguous(x.baseAddress!), labels: y.baseAddress!, rows: rows, workspace: workspace)
            }
        }
        let analytic = Array(model.gradients.pointer)
        // Five-point central difference: truncation error O(h⁴), rounding ≈ 1e−16 / h.
        let h = 1e-4
        var worst = 0.0, difference = 0.0, magnitude = 0.0
        for i in 0..<layout.parameterCount {
            let saved = model.parameters.pointer[i]
            func loss(at offset: Double) -> Double {
                model.parameters.pointer[i] = saved + offset
                return meanLoss()
            }
            let (plus2, plus, minus, minus2) = (loss(at: 2 * h), loss(at: h), loss(at: -h), loss(at: -2 * h))
            model.parameters.pointer[i] = saved
            let numeric = (8 * (plus - minus) - (plus2 - minus2)) / (12 * h)
            let error = abs(numeric - analytic[i])
            // Entries below 1e−4 are judged absolutely: the differences carry ≈ 1e−12 of rounding.
            worst = max(worst, error / max(abs(numeric) + abs(analytic[i]), 1e-4))
            difference += error * error
            magnitude += analytic[i] * analytic[i]
        }
        return Report(worst: worst, global: (difference / magnitude).squareRoot())
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func oneHiddenLayer(seed: UInt64) {
        let report = Self.check(hidden: [4], seed: seed)
        #expect(report.global < 1e-6)
        #expect(report.worst < 1e-6)
    }

    @Test(arguments: [UInt64(4), 5, 6])
    func twoHiddenLayers(seed: UInt64) {
        let report = Self.check(hidden: [4, 3], seed: seed)
        #expect(report.global < 1e-6)
        #expect(report.worst < 1e-6)
    }

    @Test func noHiddenLayer() {
        let report = Self.check(hidden: [], seed: 7)
        #expect(report.global < 1e-6)
        #expect(report.worst < 1e-6)
    }

    static let shapes: [[Int]] = [[4], [4, 3], [5, 4, 3]]

    @Test(arguments: Activation.allCases, [0.0, 0.1])
    func everyActivationAndDepth(activation: Activation, labelSmoothing: Double) {
        for (i, hidden) in Self.shapes.enumerated() {
            let report = Self.check(hidden: hidden, activation: activation, labelSmoothing: labelSmoothing,
                                    seed: UInt64(10 + i))
            #expect(report.worst < 1e-6, "\(activation) \(hidden) ε=\(labelSmoothing): worst \(report.worst)")
            #expect(report.global < 1e-6, "\(activation) \(hidden) ε=\(labelSmoothing): global \(report.global)")
        }
    }

    @Test(arguments: [Activation.relu, .tanh, .gelu])
    func dropoutMasksBackpropagate(activation: Activation) {
        let report = Self.check(hidden: [6, 5], activation: activation, dropout: 0.3, rows: 8, seed: 21)
        #expect(report.worst < 1e-6)
        #expect(report.global < 1e-6)
    }

    @Test func worstErrorsPrinted() {
        var lines: [String] = []
        for activation in Activation.allCases {
            let worst = Self.shapes.map { Self.check(hidden: $0, activation: activation, labelSmoothing: 0.1, seed: 3).worst }
            lines.append("\(activation.rawValue): \(worst.map { String(format: "%.1e", $0) }.joined(separator: " "))")
        }
        print("gradient check worst relative error (1, 2, 3 hidden layers, ε = 0.1): " + lines.joined(separator: "; "))
    }

    /// Label smoothing's loss is PyTorch's: `(1 − ε)·(−log p_y) + ε·mean_j(−log p_j)`.
    @Test func labelSmoothingLossMatchesDefinition() {
        var logits: [Double] = [1.0, -0.5, 2.0, 0.3, 0.0, -1.0]
        let labels: [Int32] = [2, 0]
        let eps = 0.2
        var expected = 0.0
        for r in 0..<2 {
            let row = Array(logits[(r * 3)..<(r * 3 + 3)])
            let logSum = Foundation.log(row.map { Foundation.exp($0) }.reduce(0, +))
            let logP = row.map { $0 - logSum }
            expected += (1 - eps) * -logP[Int(labels[r])] + eps * -logP.reduce(0, +) / 3
        }
        let score = logits.withUnsafeMutableBufferPointer { l in
            labels.withUnsafeBufferPointer { y in
                SoftmaxCrossEntropy(labelSmoothing: eps).apply(l.baseAddress!, rows: 2, classes: 3,
                                                               labels: y.baseAddress!, gradient: false)
            }
        }
        #expect(abs(score.lossSum - expected) < 1e-12)
    }
}
