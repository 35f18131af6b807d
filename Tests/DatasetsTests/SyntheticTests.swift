import Datasets
import Diagnostics
import Testing

@Suite struct SyntheticTests {
    @Test(arguments: SyntheticOptions.Kind.allCases)
    func shapeBalanceAndDeterminism(kind: SyntheticOptions.Kind) throws {
        let options = SyntheticOptions(kind: kind, samples: 301, features: 4)
        let a = try Synthetic.make(options, seed: 5)
        #expect(a.count == 301)
        #expect(a.featureCount == 4)
        #expect(a.classCount == SyntheticOptions.defaultClasses(kind))
        let counts = a.classCounts
        #expect(counts.max()! - counts.min()! <= 1)
        #expect(a.features.allSatisfy { $0.isFinite })
        #expect(try Synthetic.make(options, seed: 5) == a)
        #expect(try Synthetic.make(options, seed: 6).features != a.features)
    }

    @Test func spiralsStayInTheUnitDiscWithoutNoise() throws {
        let data = try Synthetic.make(SyntheticOptions(kind: .spirals, samples: 200, classes: 4, noise: 0), seed: 1)
        #expect(data.classCount == 4)
        for row in 0..<data.count {
            let x = data.features[2 * row], y = data.features[2 * row + 1]
            #expect(x * x + y * y <= 1.0001)
        }
    }

    @Test func circlesHaveOneRadiusPerClass() throws {
        let data = try Synthetic.make(SyntheticOptions(kind: .circles, samples: 90, classes: 3, noise: 0), seed: 2)
        for row in 0..<data.count {
            let x = Double(data.features[2 * row]), y = Double(data.features[2 * row + 1])
            let expected = Double(data.labels[row] + 1) / 3
            #expect(abs((x * x + y * y).squareRoot() - expected) < 1e-5)
        }
    }

    @Test func xorLabelIsTheSignParity() throws {
        let data = try Synthetic.make(SyntheticOptions(kind: .xor, samples: 100, noise: 0), seed: 3)
        for row in 0..<data.count {
            let sameSign = (data.features[2 * row] > 0) == (data.features[2 * row + 1] > 0)
            #expect(data.labels[row] == (sameSign ? 0 : 1))
        }
    }

    @Test func gaussianShellsGrowOutward() throws {
        let data = try Synthetic.make(SyntheticOptions(kind: .gaussian, samples: 300, features: 3, classes: 3), seed: 4)
        func meanRadius(_ c: Int32) -> Double {
            let rows = (0..<data.count).filter { data.labels[$0] == c }
            return rows.map { r in (0..<3).map { Double(data.features[3 * r + $0]) }.map { $0 * $0 }.reduce(0, +).squareRoot() }
                .reduce(0, +) / Double(rows.count)
        }
        #expect(meanRadius(0) < meanRadius(1))
        #expect(meanRadius(1) < meanRadius(2))
    }

    @Test(arguments: [
        SyntheticOptions(kind: .moons, classes: 3), SyntheticOptions(kind: .xor, classes: 4),
        SyntheticOptions(kind: .spirals, features: 1), SyntheticOptions(kind: .blobs, samples: 3),
        SyntheticOptions(kind: .blobs, noise: -1), SyntheticOptions(kind: .blobs, classes: 1),
        SyntheticOptions(kind: .gaussian, samples: 10_000_000, features: 1000),
    ])
    func impossibleOptionsThrow(options: SyntheticOptions) {
        #expect(options.problem != nil)
        #expect(throws: InputError.self) { try Synthetic.make(options, seed: 0) }
    }
}
