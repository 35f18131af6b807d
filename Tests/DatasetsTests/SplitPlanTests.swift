import Datasets
import Diagnostics
import Testing

@Suite struct SplitPlanTests {
    /// 100 rows, feature 0 = row index, feature 1 constant 3; classes alternate.
    let data = Dataset(name: "toy", features: (0..<100).flatMap { [Float($0), 3] },
                       labels: (0..<100).map { Int32($0 % 2) }, featureCount: 2, classCount: 2)

    @Test func standardizeIsFittedOnTheTrainingPartOnly() throws {
        let split = try SplitPlan(testFraction: 0.2, scaling: .standardize, seed: 1).apply(to: data)
        let trainColumn = stride(from: 0, to: split.train.features.count, by: 2).map { Double(split.train.features[$0]) }
        let mean = trainColumn.reduce(0, +) / Double(trainColumn.count)
        let variance = trainColumn.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(trainColumn.count)
        #expect(abs(mean) < 1e-5)
        #expect(abs(variance - 1) < 1e-4)
        // The test part is mapped with the training statistics, so its mean is not exactly 0.
        let testColumn = stride(from: 0, to: split.test.features.count, by: 2).map { Double(split.test.features[$0]) }
        #expect(abs(testColumn.reduce(0, +) / Double(testColumn.count)) > 1e-3)
        // A constant feature is only centred.
        #expect(split.train.features[1] == 0 && split.test.features[1] == 0)
    }

    @Test func minmaxMapsTheTrainingRangeToZeroOne() throws {
        let split = try SplitPlan(testFraction: 0.2, scaling: .minmax, seed: 2).apply(to: data)
        let train = stride(from: 0, to: split.train.features.count, by: 2).map { split.train.features[$0] }
        #expect(train.min() == 0 && train.max() == 1)
        let raw = try SplitPlan(testFraction: 0.2, scaling: .none, seed: 2).apply(to: data)
        let rawTrain = stride(from: 0, to: raw.train.features.count, by: 2).map { raw.train.features[$0] }
        let (low, high) = (try #require(rawTrain.min()), try #require(rawTrain.max()))
        let expectedTest = stride(from: 0, to: raw.test.features.count, by: 2).map { (raw.test.features[$0] - low) / (high - low) }
        let test = stride(from: 0, to: split.test.features.count, by: 2).map { split.test.features[$0] }
        #expect(zip(test, expectedTest).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func validationIsCarvedFromTrainingStratified() throws {
        let split = try SplitPlan(testFraction: 0.2, validationFraction: 0.25, seed: 3).apply(to: data)
        let validation = try #require(split.validation)
        #expect(split.test.count == 20 && validation.count == 20 && split.train.count == 60)
        #expect(validation.classCounts == [10, 10])
        let ids = [split.train, split.test, validation].flatMap { part in stride(from: 0, to: part.features.count, by: 2).map { part.features[$0] } }
        #expect(Set(ids).count == 100)
        #expect(try SplitPlan(testFraction: 0.2, validationFraction: 0.25, seed: 3).apply(to: data) == split)
        #expect(try SplitPlan(testFraction: 0.2, seed: 3).apply(to: data).validation == nil)
    }

    @Test func ownTestPartIsKept() throws {
        let test = data.rows([0, 1, 2])
        let split = try SplitPlan(testFraction: 0.5, seed: 0).apply(to: data, ownTest: test)
        #expect(split.train.count == 100 && split.test == test)
    }

    @Test func aClassLeftWithoutTrainingRowsIsAnError() throws {
        // Class 2 has a single row; a test fraction of 0.6 rounds it into the test part.
        let tiny = Dataset(name: "tiny", features: (0..<7).map(Float.init), labels: [0, 0, 0, 1, 1, 1, 2],
                           featureCount: 1, classCount: 3)
        let e = try #require(inputError { () throws(InputError) in try SplitPlan(testFraction: 0.6, seed: 0).apply(to: tiny) })
        #expect(e.message.contains("class 2"))
        let v = try #require(inputError { () throws(InputError) in try SplitPlan(testFraction: 0.3, validationFraction: 0.99, seed: 0).apply(to: tiny) })
        #expect(v.message.contains("validation"))
    }
}
