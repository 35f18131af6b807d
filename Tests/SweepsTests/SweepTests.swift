import Diagnostics
import Sweeps
import Testing

func sweep(_ text: String, overrides: [String] = []) throws -> Sweep {
    try Sweep(document: try YAMLDocument(text: text, path: "sweep.yaml"), overrides: overrides)
}

func inputError(_ text: String, overrides: [String] = []) -> InputError? {
    do {
        _ = try sweep(text, overrides: overrides)
        return nil
    } catch let error as InputError {
        return error
    } catch {
        return nil
    }
}

let base = """
name: bs
title: Batch sizes
data: {dataset: digits, test_fraction: 0.2}
model: {hidden: [64]}
train:
  epochs: 3
  optimizer: {name: momentum, momentum: 0.9}
grid:
  train.batch_size: [64, 256, 1024]
  train.learning_rate: [0.01, 0.1]

"""

@Suite struct GridExpansionTests {
    @Test func cartesianProductFirstKeySlowest() throws {
        let s = try sweep(base)
        #expect(s.runs.count == 6)
        #expect(s.gridKeys == ["train.batch_size", "train.learning_rate"])
        #expect(s.runs.map { $0.setup.train.batchSize } == [64, 64, 256, 256, 1024, 1024])
        #expect(s.runs.map { $0.setup.train.learningRate } == [0.01, 0.1, 0.01, 0.1, 0.01, 0.1])
        #expect(s.runs.map(\.index) == Array(0..<6))
        #expect(s.runs[3].grid.map(\.value) == ["256", "0.1"])
    }

    @Test func runIdsAreStableAndDistinct() throws {
        let a = try sweep(base), b = try sweep(base)
        #expect(a.runs.map(\.id) == b.runs.map(\.id))
        #expect(Set(a.runs.map(\.id)).count == 6)
        #expect(a.runs[0].id.hasPrefix("64-0.01-"))
        // A change to a non-grid setting changes every id.
        let c = try sweep(base, overrides: ["train.epochs=4"])
        #expect(Set(c.runs.map(\.id)).isDisjoint(with: Set(a.runs.map(\.id))))
    }

    @Test func repeatsGetDistinctSeedsAndGridPointsSharePairedSeeds() throws {
        let s = try sweep(base + "repeats: 2\n")
        #expect(s.runs.count == 12)
        #expect(s.runs[0].setup.seed != s.runs[1].setup.seed)
        #expect(s.runs[0].setup.seed == s.runs[2].setup.seed)
        #expect(s.runs[0].setup.data.seed == s.runs[1].setup.data.seed)
    }

    @Test func defaultsFillMissingBlocks() throws {
        let s = try sweep("name: tiny\n")
        #expect(s.runs.count == 1)
        let spec = try #require(s.runs.first)
        #expect(spec.setup.train.epochs == 30)
        #expect(spec.setup.train.batchSize == 64)
        #expect(spec.setup.model.hidden == [64])
        #expect(spec.setup.data.dataset == .digits)
    }

    @Test func fullBatchIsAll() throws {
        let s = try sweep("name: gd\ntrain: {batch_size: all}\n")
        #expect(s.runs.first?.setup.train.batchSize == nil)
    }

    @Test func setOverridesValuesAndGrid() throws {
        let s = try sweep(base, overrides: ["train.epochs=5", "grid.train.batch_size=[32]"])
        #expect(s.runs.count == 2)
        #expect(s.runs.allSatisfy { $0.setup.train.epochs == 5 && $0.setup.train.batchSize == 32 })
    }
}

@Suite struct SweepErrorTests {
    @Test func unknownKeyNamesPlaceAndSuggests() throws {
        let error = try #require(inputError("name: x\ntrain:\n  epoch: 3\n"))
        #expect(error.location == SourceLocation(file: "sweep.yaml", line: 3, column: 3))
        #expect(error.suggestion == "epochs")
    }

    @Test func wrongTypeNamesTheValue() throws {
        let error = try #require(inputError("name: x\ntrain:\n  epochs: many\n"))
        #expect(error.location == SourceLocation(file: "sweep.yaml", line: 3, column: 11))
        #expect(error.message.contains("'train.epochs' must be an integer"))
    }

    @Test func badGridValuePointsAtTheValue() throws {
        let error = try #require(inputError("name: x\ngrid:\n  train.batch_size: [64, 0, 8]\n"))
        #expect(error.location == SourceLocation(file: "sweep.yaml", line: 3, column: 26))
        #expect(error.message.contains("batch_size"))
    }

    @Test func unknownGridKeySuggests() throws {
        let error = try #require(inputError("name: x\ngrid:\n  train.batchsize: [64]\n"))
        #expect(error.location?.line == 3)
        #expect(error.suggestion == "train.batch_size")
    }

    @Test(arguments: [
        "train: {epochs: 0}", "train: {learning_rate: -1}", "data: {test_fraction: 1.5}",
        "data: {dataset: mnits}", "model: {hidden: [0]}", "train: {optimizer: adamm}",
        "train: {batch_size: some}", "repeats: 0", "train: {optimizer: {momentum: 0.9}}",
        "grid: {train.batch_size: []}", "grid: {train.batch_size: 64}", "train: {epochs: 1.5}",
    ])
    func rejectedValues(line: String) throws {
        let error = try #require(inputError("name: x\n" + line + "\n"))
        #expect(error.location?.file == "sweep.yaml")
        #expect(error.location?.line == 2)
    }

    @Test func missingOrBadName() throws {
        #expect(inputError("title: x\n")?.message.contains("name") == true)
        #expect(inputError("name: 'a b'\n")?.location?.line == 1)
    }

    @Test func badSetIsAnError() throws {
        #expect(inputError(base, overrides: ["train.epochs"]) != nil)
        #expect(inputError(base, overrides: ["train.epoch=3"])?.suggestion == "train.epochs")
        let error = try #require(inputError(base, overrides: ["train.epochs=abc"]))
        #expect(error.location == SourceLocation(file: "--set train.epochs=abc", line: 1, column: 14))
    }
}
