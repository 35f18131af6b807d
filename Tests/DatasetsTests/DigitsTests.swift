import Datasets
import Diagnostics
import Testing

@Suite struct DigitsTests {
    @Test func shapeAndScaling() throws {
        let digits = try Digits.load()
        #expect(digits.name == "digits")
        #expect(digits.count == 1797)
        #expect(digits.featureCount == 64)
        #expect(digits.classCount == 10)
        #expect(digits.features.count == 1797 * 64)
        #expect(digits.features.max() == 1.0)
        #expect(digits.features.min() == 0.0)
        // first row of the file: 0,0,5,13,9,1,0,0,… label 0
        #expect(Array(digits.features.prefix(4)) == [0, 0, 5.0 / 16, 13.0 / 16])
        #expect(digits.labels.first == 0)
        #expect(digits.classCounts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    }

    @Test func benchmarkSplitTakesEveryFifthRow() throws {
        let digits = try Digits.load()
        let split = digits.benchmarkSplit()
        #expect(split.train.count == 1438)
        #expect(split.test.count == 359)
        #expect(split.name == "digits")
        #expect(split.test.labels[0] == digits.labels[4])
        #expect(Array(split.test.features[0..<64]) == Array(digits.features[4 * 64 ..< 5 * 64]))
        #expect(Array(split.train.features[4 * 64 ..< 5 * 64]) == Array(digits.features[5 * 64 ..< 6 * 64]))
    }
}

@Suite struct StratifiedSplitTests {
    @Test func proportionsPerClass() throws {
        let digits = try Digits.load()
        let split = try digits.stratifiedSplit(testFraction: 0.2, seed: 7)
        let all = digits.classCounts, test = split.test.classCounts, train = split.train.classCounts
        for c in 0..<10 {
            #expect(test[c] == Int((0.2 * Double(all[c])).rounded()))
            #expect(train[c] + test[c] == all[c])
        }
        #expect(split.train.count + split.test.count == 1797)
        #expect(split.test.count == 359)
    }

    @Test func deterministicAndSeedDependent() throws {
        let digits = try Digits.load()
        let a = try digits.stratifiedSplit(testFraction: 0.25, seed: 1)
        let b = try digits.stratifiedSplit(testFraction: 0.25, seed: 1)
        let c = try digits.stratifiedSplit(testFraction: 0.25, seed: 2)
        #expect(a == b)
        #expect(a.test.features != c.test.features)
    }

    @Test func keepsDatasetOrderAndPartitionsRows() throws {
        // Row r has feature value r, so the parts show which rows they hold.
        let labels: [Int32] = (0..<40).map { Int32($0 % 3) }
        let data = Dataset(name: "toy", features: (0..<40).map(Float.init), labels: labels,
                           featureCount: 1, classCount: 3)
        let split = try data.stratifiedSplit(testFraction: 0.3, seed: 3)
        let trainRows = split.train.features, testRows = split.test.features
        #expect(trainRows == trainRows.sorted())
        #expect(testRows == testRows.sorted())
        #expect(Set(trainRows + testRows).count == 40)
        #expect(split.test.labels == testRows.map { labels[Int($0)] })
    }

    @Test(arguments: [0.0, -0.1, 1.0, 1.5, .nan, .infinity])
    func badFractionThrows(fraction: Double) throws {
        let digits = try Digits.load()
        #expect(throws: InputError.self) { try digits.stratifiedSplit(testFraction: fraction, seed: 0) }
    }

    @Test func fractionLeavingAnEmptyPartThrows() throws {
        let data = Dataset(name: "tiny", features: [0, 1, 2], labels: [0, 1, 2], featureCount: 1, classCount: 3)
        #expect(throws: InputError.self) { try data.stratifiedSplit(testFraction: 0.1, seed: 0) }
        #expect(throws: InputError.self) { try data.stratifiedSplit(testFraction: 0.9, seed: 0) }
    }
}

@Suite struct SeededRandomTests {
    @Test func reproducibleStream() {
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42), c = SeededRandom(seed: 43)
        let x = (0..<5).map { _ in a.next() }
        #expect(x == (0..<5).map { _ in b.next() })
        #expect(x != (0..<5).map { _ in c.next() })
    }

    @Test func boundedAndUnitValuesInRange() {
        var g = SeededRandom(seed: 0)
        var seen = Set<Int>()
        for _ in 0..<1000 {
            let v = g.below(7)
            #expect((0..<7).contains(v))
            seen.insert(v)
            let u = g.unitDouble()
            #expect(u >= 0 && u < 1)
        }
        #expect(seen.count == 7)
    }

    @Test func shuffleIsAPermutation() {
        var g = SeededRandom(seed: 9)
        var items = Array(0..<100)
        g.shuffle(&items)
        #expect(items.sorted() == Array(0..<100))
        #expect(items != Array(0..<100))
    }
}
