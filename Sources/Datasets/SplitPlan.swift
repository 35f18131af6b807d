public import Diagnostics
import Foundation

/// How a loaded dataset becomes the parts a run uses: test split, validation split, scaling.
public struct SplitPlan: Sendable, Hashable, Codable {
    /// Fraction of each class held out for testing (stratified), in (0, 1); unused when the
    /// source has its own test part.
    public var testFraction: Double
    /// Fraction of each class of the training part held out for validation, in (0, 1); nil: none.
    public var validationFraction: Double?
    public var scaling: FeatureScaling
    /// Seeds the stratified splits.
    public var seed: UInt64

    public init(testFraction: Double = 0.2, validationFraction: Double? = nil,
                scaling: FeatureScaling = .none, seed: UInt64 = 0) {
        self.testFraction = testFraction
        self.validationFraction = validationFraction
        self.scaling = scaling
        self.seed = seed
    }

    /// Splits `data` (or uses `ownTest` as the test part), carves the validation part from the
    /// training part, then fits the scaling on what remains for training and applies it to all.
    /// Throws when a part would be empty, when the training part lacks a class, or when the
    /// test part's features or classes do not fit the training data.
    public func apply(to data: Dataset, ownTest: Dataset? = nil) throws(InputError) -> DataSplit {
        var train = data, test: Dataset
        if let ownTest {
            guard ownTest.featureCount == data.featureCount, ownTest.classCount <= data.classCount else {
                throw InputError("the test data has \(ownTest.featureCount) features and \(ownTest.classCount) classes; the training data \(data.featureCount) and \(data.classCount)")
            }
            test = ownTest
        } else {
            let split = try data.stratifiedSplit(testFraction: testFraction, seed: seed)
            train = split.train
            test = split.test
        }
        var validation: Dataset?
        if let validationFraction {
            let carved: DataSplit
            do {
                carved = try train.stratifiedSplit(testFraction: validationFraction, seed: seed &+ 0x5641_4C49_4441_5445)
            } catch {
                throw InputError(error.message.replacingOccurrences(of: "test_fraction", with: "validation_fraction")
                    .replacingOccurrences(of: "for testing", with: "for validation"))
            }
            train = carved.train
            validation = carved.test
        }
        let counts = train.classCounts
        if let missing = counts.firstIndex(of: 0) {
            throw InputError("class \(missing) of \(quoted(data.name)) has no examples left for training (it has \(data.classCounts[missing]) in all); use a smaller test_fraction or validation_fraction, or more data")
        }
        let fitted = scaling.fit(train)
        return DataSplit(train: fitted.apply(to: train), test: fitted.apply(to: test),
                         validation: validation.map(fitted.apply), name: data.name)
    }
}
