import Datasets
import Testing
@testable import Training

/// Backpropagation against central finite differences, in Double.
@Suite struct GradientCheckTests {
    struct Report { var worst: Double; var global: Double }

    static func check(hidden: [Int], rows: Int = 6, inputs: Int = 5, classes: Int = 3, seed: UInt64) -> Report {
        let layout = NetworkLayout(inputs: inputs, hidden: hidden, classes: classes)
        let model = MLP<Double>(layout: layout)
        var generator = SeededRandom(seed: seed)
        Initialization.pytorch.fill(model.parameters.pointer, layout: layout, using: &generator)
        let x = (0..<(rows * inputs)).map { _ in generator.unitDouble() * 2 - 1 }
        let y = (0..<rows).map { _ in Int32(generator.below(classes)) }
        let workspace = Workspace<Double>(layout: layout, capacity: rows)

        func meanLoss() -> Double {
            x.withUnsafeBufferPointer { x in
                y.withUnsafeBufferPointer { y in
                    model.score(x.baseAddress!, labels: y.baseAddress!, rows: rows, workspace: workspace).lossSum
                }
            } / Double(rows)
        }
        _ = x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                model.scoreAndGradient(x.baseAddress!, labels: y.baseAddress!, rows: rows, workspace: workspace)
            }
        }
        let analytic = Array(model.gradients.pointer)
        let h = 1e-5
        var worst = 0.0, difference = 0.0, magnitude = 0.0
        for i in 0..<layout.parameterCount {
            let saved = model.parameters.pointer[i]
            model.parameters.pointer[i] = saved + h
            let plus = meanLoss()
            model.parameters.pointer[i] = saved - h
            let minus = meanLoss()
            model.parameters.pointer[i] = saved
            let numeric = (plus - minus) / (2 * h)
            let error = abs(numeric - analytic[i])
            worst = max(worst, error / max(abs(numeric) + abs(analytic[i]), 1e-7))
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
}
