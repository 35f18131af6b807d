import Diagnostics
import Foundation
import Sweeps
import TestSupport
import Testing

/// Issue 11, part 5: `zip`, `include`, `exclude` and the value generators.
@Suite struct GridFormsTests {
    let head = """
    name: forms
    data: {dataset: digits}
    train: {epochs: 2, learning_rate: 0.1}

    """

    func lines(_ text: String, overrides: [String] = []) throws -> [String] {
        try #require(inputError(head + text, overrides: overrides)).all.map(\.line)
    }

    func values(_ s: Sweep, _ key: String) -> [String] {
        s.runs.map { spec in spec.grid.first { $0.key == key }?.value ?? "-" }
    }

    @Test func logspaceGivesCleanDecimals() throws {
        let s = try sweep(head + "grid:\n  train.learning_rate: {logspace: [-3, 0, 4]}\n")
        #expect(values(s, "train.learning_rate") == ["0.001", "0.01", "0.1", "1"])
        #expect(s.runs.map(\.setup.train.learningRate) == [0.001, 0.01, 0.1, 1])
        #expect(s.runs[0].id.hasPrefix("0.001-"))
        let small = try sweep(head + "grid:\n  train.learning_rate: {logspace: [-6, -5, 2]}\n")
        #expect(values(small, "train.learning_rate") == ["1e-6", "1e-5"])
    }

    /// Generated values keep their 12 digits in the setup and the run id, but are labelled with the
    /// fewest digits (at least 3) that keep the key's values apart.
    @Test func generatedValuesGetShortLabels() throws {
        let s = try sweep(head + "grid:\n  train.learning_rate: {logspace: [-3, 0.5, 8]}\n")
        func labels(_ s: Sweep) -> [String] { s.runs.map { spec in spec.grid.first?.label ?? "-" } }
        #expect(labels(s) == ["0.001", "0.00316", "0.01", "0.0316", "0.1", "0.316", "1", "3.16"])
        #expect(values(s, "train.learning_rate")[5] == "0.316227766017")
        #expect(s.runs[5].setup.train.learningRate == 0.316227766017)
        // Values apart only in the 5th digit keep five.
        let close = try sweep(head + "grid:\n  train.learning_rate: [0.10001, 0.10002, 0.3]\n")
        #expect(labels(close) == ["0.10001", "0.10002", "0.3"])
    }

    @Test func linspaceAndRange() throws {
        let lin = try sweep(head + "grid:\n  train.learning_rate: {linspace: [0.1, 0.3, 3]}\n")
        #expect(values(lin, "train.learning_rate") == ["0.1", "0.2", "0.3"])
        let one = try sweep(head + "grid:\n  train.learning_rate: {linspace: [0.5, 2, 1]}\n")
        #expect(values(one, "train.learning_rate") == ["0.5"])
        let ints = try sweep(head + "grid:\n  train.batch_size: {range: [32, 129, 32]}\n")
        #expect(values(ints, "train.batch_size") == ["32", "64", "96", "128"])
        #expect(ints.runs.map(\.setup.train.batchSize) == [32, 64, 96, 128])
        let down = try sweep(head + "grid:\n  train.batch_size: {range: [128, 0, -64]}\n")
        #expect(values(down, "train.batch_size") == ["128", "64"])
        let floats = try sweep(head + "grid:\n  train.learning_rate: {range: [0.1, 0.4, 0.1]}\n")
        #expect(values(floats, "train.learning_rate") == ["0.1", "0.2", "0.3"])
    }

    @Test func zipVariesListsTogetherAfterTheGrid() throws {
        let s = try sweep(head + """
        grid:
          train.learning_rate: [0.01, 0.1]
        zip:
          train.batch_size: [64, 256]
          train.epochs: [1, 3]

        """)
        #expect(s.gridKeys == ["train.learning_rate", "train.batch_size", "train.epochs"])
        #expect(s.runs.map { $0.grid.map(\.value) } == [["0.01", "64", "1"], ["0.01", "256", "3"],
                                                         ["0.1", "64", "1"], ["0.1", "256", "3"]])
        #expect(s.runs.map(\.pointIndex) == [0, 1, 2, 3])
        #expect(s.runs[1].id.hasPrefix("0.01-256-3-"))
    }

    @Test func includeAppendsAndExcludeDrops() throws {
        let s = try sweep(head + """
        grid:
          train.batch_size: [64, 256]
          train.learning_rate: [0.01, 0.1]
        exclude:
          - {train.batch_size: 256, train.learning_rate: 1e-2}
        include:
          - {train.batch_size: 32, train.learning_rate: 0.05}
          - {train.batch_size: 64, train.learning_rate: 0.10}
          - {train.batch_size: 16, train.epochs: 1}

        """)
        #expect(s.runs.map { $0.grid.map(\.value) } == [["64", "0.01"], ["64", "0.1"], ["256", "0.1"],
                                                         ["32", "0.05"], ["16", "0.1"]])
        #expect(s.runs.last?.setup.train.epochs == 1)
        #expect(s.runs.map(\.index) == Array(0..<5))
        #expect(s.runs.map(\.pointIndex) == Array(0..<5))
        // Values only an include gives come after the list's.
        #expect(s.runs[3].grid[0].position == 2 && s.runs[4].grid[0].position == 3)
        #expect(s.warnings.isEmpty)
    }

    @Test func anExcludeMatchingNothingIsAWarning() throws {
        let s = try sweep(head + """
        grid:
          train.batch_size: [64, 256]
        exclude:
          - {train.batch_size: 2048}
          - {train.batch_size: 64}

        """)
        #expect(s.runs.count == 1)
        #expect(s.warnings.map(\.line) == ["sweep.yaml:7:5: this exclude matches no point of the grid and zip; nothing is dropped"])
    }

    @Test func existingSweepsKeepTheirRunIds() throws {
        // Pinned from lrlab before zip/include/exclude (Samples/batch-size.yaml's grid).
        let text = try String(contentsOfFile: PackagePaths.root + "/Samples/batch-size.yaml", encoding: .utf8)
        let s = try Sweep(document: try YAMLDocument(text: text, path: PackagePaths.root + "/Samples/batch-size.yaml"))
        #expect(s.runs.map(\.id) == ["64-0.01-c0d9b085a6", "64-0.1-f0b8cef5b0", "64-1.0-57d6db3920",
                                     "256-0.01-283d4155d9", "256-0.1-092a80b0fc", "256-1.0-ca9babdcff",
                                     "1024-0.01-a57981b824", "1024-0.1-ff50bf83e5", "1024-1.0-6943ee2331"])
        #expect(s.warnings.isEmpty)
    }

    @Test func zipErrorsAreLocated() throws {
        #expect(try lines("""
        grid:
          train.batch_size: [64]
        zip:
          train.batch_size: [32, 64]
          train.epochs: []
          train.learning_rate: [0.1, 0.2, 0.3]
          train.epoch: [1]

        """) == [
            "sweep.yaml:7:3: 'train.batch_size' is in both 'grid' and 'zip'; vary it in one of them",
            "sweep.yaml:8:17: zip key 'train.epochs' needs at least one value",
            "sweep.yaml:10:3: 'train.epoch' is not a setting a zip can vary (did you mean 'train.epochs'?)",
        ])
        #expect(try lines("""
        zip:
          train.batch_size: [32, 64]
          train.learning_rate: {logspace: [-3, -1, 3]}

        """) == ["sweep.yaml:6:24: zip lists must have equal lengths: 'train.learning_rate' has 3 values, 'train.batch_size' 2"])
    }

    @Test func includeAndExcludeKeysMustNameSettings() throws {
        #expect(try lines("""
        grid:
          train.batch_size: [64]
        include:
          - {train.batch_sise: 32}
          - {}
        exclude:
          - {train.learning_rat: 0.1}

        """) == [
            "sweep.yaml:7:6: 'train.batch_sise' in 'include' names no setting a point can give (did you mean 'train.batch_size'?)",
            "sweep.yaml:8:5: each item of 'include' needs at least one setting, e.g. {train.batch_size: 32}",
            "sweep.yaml:10:6: 'train.learning_rat' in 'exclude' names no setting a point can give (did you mean 'train.learning_rate'?)",
        ])
        // An include's bad value is reported at its place.
        #expect(try lines("grid:\n  train.batch_size: [64]\ninclude:\n  - {train.batch_size: -3}\n")
            == ["sweep.yaml:7:24: 'train.batch_size' must be a positive integer or 'all', got -3"])
    }

    @Test func generatorErrorsAreLocated() throws {
        #expect(try lines("""
        grid:
          train.learning_rate: {logspace: [-3, 0]}
          train.batch_size: {range: [32, 128, 0]}
          train.epochs: {range: [10, 1, 2]}
          model.dropout: {linspace: [0, 0.5, 0]}
          train.clip_norm: {linspace: [a, 1, 2]}
          train.weight_decay: {logspac: [-3, 0, 4]}
          train.label_smoothing: {linspace: [0, 0.1, 10001]}

        """) == [
            "sweep.yaml:5:35: 'logspace' takes three values [START_EXP, STOP_EXP, N], got 2",
            "sweep.yaml:6:39: 'range' STEP must not be 0",
            "sweep.yaml:7:33: 'range' from 10 to 1 needs a negative STEP, got 2",
            "sweep.yaml:8:38: 'linspace' N must be at least 1, got 0",
            "sweep.yaml:9:32: 'grid.train.clip_norm.linspace[0]' must be a finite number, got 'a'",
            "sweep.yaml:10:24: 'grid.train.weight_decay' must be a list or one generator, {logspace: [START_EXP, STOP_EXP, N]}, {linspace: [A, B, N]} or {range: [A, B, STEP]} (did you mean 'logspace'?)",
            "sweep.yaml:11:46: 'linspace' N may be at most 10000, got 10001",
        ])
    }

    @Test func generatorsInSetPointIntoTheArgument() throws {
        let s = try sweep(head, overrides: ["grid.train.learning_rate={logspace: [-2, 0, 3]}", "zip.train.epochs=[1, 2, 3]"])
        #expect(values(s, "train.learning_rate") == ["0.01", "0.01", "0.01", "0.1", "0.1", "0.1", "1", "1", "1"])
        #expect(values(s, "train.epochs") == ["1", "2", "3", "1", "2", "3", "1", "2", "3"])
        #expect(try lines("", overrides: ["grid.train.batch_size={range: [64, 32, 16]}"])
            == ["--set grid.train.batch_size={range: [64, 32, 16]}:1:40: 'range' from 64 to 32 needs a negative STEP, got 16"])
        #expect(try lines("", overrides: ["zip.train.batch_sise=[1]"])
            == ["--set zip.train.batch_sise=[1]:1:1: 'train.batch_sise' is not a setting a zip can vary (did you mean 'zip.train.batch_size'?)"])
    }
}

@Suite struct GridFormsLimitTests {
    let head = "name: forms\ndata: {dataset: digits}\ntrain: {epochs: 2}\n"

    @Test func sizesAreBoundedBeforeAnythingExpands() throws {
        let zipList = "[" + (1...200_001).map(String.init).joined(separator: ", ") + "]"
        let big = try #require(inputError(head + "zip:\n  train.epochs: \(zipList)\n")).all.map(\.line)
        #expect(big == ["sweep.yaml:5:3: the grid, zip and include expand to 200001 points; at most 100,000 runs are allowed"])
        let excludes = "exclude: [" + Array(repeating: "{train.epochs: 1}", count: 10_001).joined(separator: ", ") + "]\n"
        #expect(try #require(inputError(head + excludes)).all.map(\.line)
            == ["sweep.yaml:4:10: 'exclude' lists 10001 points; at most 10000 are allowed"])
        let huge = try #require(inputError(head + "grid:\n  train.batch_size: {range: [0, 9223372036854775807, 1000000000000000000]}\n")).all.map(\.line)
        #expect(huge.count == 1)
    }
}

@Suite struct IncludeBaseTests {
    @Test func anIncludeLeavingOutAVariedKeyTakesTheBaseValueOrSaysSo() throws {
        let head = "name: forms\ndata: {dataset: digits}\ntrain: {epochs: 2, learning_rate: 0.2}\n"
        let s = try sweep(head + "grid:\n  train.learning_rate: [0.1]\n  train.batch_size: [64]\ninclude:\n  - {train.batch_size: 8}\n")
        #expect(s.runs.map { $0.grid.map(\.value) } == [["0.1", "64"], ["0.2", "8"]])
        let missing = try #require(inputError(head + "grid:\n  train.epochs: [1]\n  train.batch_size: [64]\ninclude:\n  - {train.epochs: 3}\n"))
        #expect(missing.all.map(\.line) == ["sweep.yaml:8:5: this include point gives no 'train.batch_size', which the grid varies, and the sweep sets none outside it"])
        let set = try sweep(head, overrides: ["grid.train.batch_size=[32]", "include=[{train.batch_size: 16}]", "exclude=[{train.batch_size: 32}]"])
        #expect(set.runs.map { $0.grid.map(\.value) } == [["16"]])
    }
}
