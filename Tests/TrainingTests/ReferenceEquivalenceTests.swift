import Datasets
import Foundation
import TestSupport
import Testing
@testable import Training

/// The first 50 steps against the numpy reference (`Tests/Fixtures/make_training_fixture.py`):
/// same initial weights and batch order, every minibatch loss within 1e-4 relative.
@Suite struct ReferenceEquivalenceTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            var optimizer: String
            var lr: Double
            var momentum: Double?
            var betas: [Double]?
            var eps: Double?
            var losses: [Double]
        }
        var hidden: Int
        var batch_size: Int
        var steps: Int
        var parameters: [Double]
        var orders: [[Int]]
        var cases: [Case]
    }

    static let fixture: Fixture = {
        let url = URL(fileURLWithPath: PackagePaths.fixtures + "/numpy_reference_steps.json")
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    static func losses(_ testCase: Fixture.Case) -> [Double] {
        let f = fixture
        let optimizer: OptimizerChoice = testCase.optimizer == "adam"
            ? .adam(AdamSettings(beta1: testCase.betas![0], beta2: testCase.betas![1], eps: testCase.eps!))
            : .sgd(SGDSettings(momentum: testCase.momentum!))
        let rate = testCase.lr
        let options = TrainingOptions(hidden: [f.hidden], epochs: f.orders.count, batchSize: f.batch_size,
                                      optimizer: optimizer, learningRate: { _ in rate })
        var trainer = Trainer<Float>(split: try! Digits.load().benchmarkSplit(), options: options)
        trainer.initialParameters = f.parameters.map(Float.init)
        trainer.batchOrders = f.orders
        return trainer.run().steps.prefix(f.steps).map(\.loss)
    }

    @Test(arguments: ["momentum", "adam"])
    func everyStepLossMatchesNumpy(optimizer: String) throws {
        let testCase = try #require(Self.fixture.cases.first { $0.optimizer == optimizer })
        let ours = Self.losses(testCase)
        #expect(ours.count == testCase.losses.count)
        var worst = 0.0
        for (a, b) in zip(ours, testCase.losses) { worst = max(worst, abs(a - b) / abs(b)) }
        print("numpy fixture \(optimizer): worst relative loss difference over \(ours.count) steps \(worst)")
        #expect(worst < 1e-4)
        #expect(testCase.losses.last! < 0.5 * testCase.losses.first!)  // the fixture really trains
    }
}
