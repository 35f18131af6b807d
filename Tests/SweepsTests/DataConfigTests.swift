import Datasets
import Diagnostics
import Foundation
import TestSupport
import Testing
@testable import Sweeps

/// `data.*` keys: values, defaults, applicability, file checks and loading through `DataLoader`.
@Suite struct DataConfigTests {
    func folder() throws -> String {
        let path = try temporaryFolder("lrlab-sweeps-data")
        try FileManager.default.createDirectory(atPath: path + "/data", withIntermediateDirectories: true)
        return path
    }

    /// Writes `yaml` as `folder/sweep.yaml` and reads it.
    func sweepFile(_ yaml: String, in folder: String) throws -> Sweep {
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: folder + "/sweep.yaml"))
        return try Sweep(path: folder + "/sweep.yaml")
    }

    @Test func syntheticDefaultsAndScaling() throws {
        let s = try sweep("name: x\ndata: {dataset: synthetic, kind: moons, samples: 200}\n")
        let data = try #require(s.runs.first?.setup.data)
        #expect(data.dataset == .synthetic(SyntheticOptions(kind: .moons, samples: 200)))
        #expect(data.scaling == .standardize)
        let split = try DataLoader.load(data)
        #expect(split.train.count + split.test.count == 200)
        #expect(split.train.classCount == 2)
    }

    @Test func digitsKeepsItsRunIds() throws {
        // Adding optional data fields must not change the identity of existing digits runs.
        let s = try sweep("name: x\n")
        let data = try #require(s.runs.first?.setup.data)
        #expect(data.scaling == .none && data.dataset == .digits && data.validationFraction == nil)
        #expect(s.runs[0].setup.canonicalText.contains("\"data\":{\"dataset\":\"digits\",\"scaling\":\"none\",\"seed\":"))
    }

    @Test func csvPathResolvesAgainstTheSweepFolder() throws {
        let dir = try folder()
        try Data("a,b,species\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n9,1,x\n2,3,y\n".utf8).write(to: URL(fileURLWithPath: dir + "/data/iris.csv"))
        let s = try sweepFile("name: x\ndata: {dataset: csv, path: data/iris.csv, label: species, test_fraction: 0.34, validation_fraction: 0.5}\n", in: dir)
        let data = try #require(s.runs.first?.setup.data)
        #expect(data.dataset == .csv(CSVOptions(path: "data/iris.csv", label: .name("species"), header: true)))
        let split = try DataLoader.load(data)
        #expect(split.train.featureCount == 2 && split.test.count == 2 && split.validation?.count == 2)
        // The folder is not part of the run id: the same sweep elsewhere gives the same ids.
        let other = try folder()
        try FileManager.default.copyItem(atPath: dir + "/data/iris.csv", toPath: other + "/data/iris.csv")
        let moved = try sweepFile("name: x\ndata: {dataset: csv, path: data/iris.csv, label: species, test_fraction: 0.34, validation_fraction: 0.5}\n", in: other)
        #expect(moved.runs.map(\.id) == s.runs.map(\.id))
    }

    @Test func csvLabelByIndexAndBadCellReportsTheCSVPlace() throws {
        let dir = try folder()
        try Data("1,x,2\n3,y,oops\n".utf8).write(to: URL(fileURLWithPath: dir + "/d.csv"))
        let s = try sweepFile("name: x\ndata: {dataset: csv, path: d.csv, label: 1, header: no}\n", in: dir)
        let data = try #require(s.runs.first?.setup.data)
        #expect(data.dataset == .csv(CSVOptions(path: "d.csv", label: .index(1), header: false)))
        #expect(throws: InputError.self) { try DataLoader.load(data) }
        do { _ = try DataLoader.load(data) } catch {
            #expect(error.location == SourceLocation(file: dir + "/d.csv", line: 2, column: 5))
        }
    }

    @Test func idxNeedsBothTestFiles() throws {
        let dir = try folder()
        for name in ["i", "l"] { try Data([0, 0, 8, 1, 0, 0, 0, 0]).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        let e = try #require(fileError(in: dir, "name: x\ndata:\n  dataset: idx\n  images: i\n  labels: l\n  test_images: i\n"))
        #expect(e.location == SourceLocation(file: dir + "/sweep.yaml", line: 6, column: 16))
        #expect(e.message.contains("test_labels"))
    }

    func fileError(in dir: String, _ yaml: String) -> InputError? {
        do { _ = try sweepFile(yaml, in: dir); return nil } catch let error as InputError { return error } catch { return nil }
    }

    @Test func missingFileIsReportedAtThePathValue() throws {
        let dir = try folder()
        let e = try #require(fileError(in: dir, "name: x\ndata:\n  dataset: csv\n  path: nope.csv\n"))
        #expect(e.location == SourceLocation(file: dir + "/sweep.yaml", line: 4, column: 9))
        #expect(e.message.contains("no such file 'nope.csv'"))
        let folderPath = try #require(fileError(in: dir, "name: x\ndata: {dataset: csv, path: data}\n"))
        #expect(folderPath.message.contains("is a folder"))
    }

    @Test(arguments: [
        ("data: {dataset: synthetic, kind: spiral}", 34, "did you mean"),
        ("data: {dataset: synthetic, kind: moons, classes: 3}", 50, "must be 2"),
        ("data: {dataset: synthetic, samples: -5}", 37, "samples"),
        ("data: {dataset: synthetic, noise: -0.1}", 35, "noise"),
        ("data: {dataset: synthetic, features: many}", 38, "integer"),
        ("data: {dataset: digits, kind: moons}", 31, "applies to dataset synthetic"),
        ("data: {dataset: synthetic, path: a.csv}", 34, "applies to dataset csv"),
        ("data: {dataset: csv}", 17, "needs 'data.path'"),
        ("data: {dataset: idx}", 17, "needs 'data.images'"),
        ("data: {scaling: zscore}", 17, "must be one of none, standardize, minmax"),
        ("data: {validation_fraction: 1}", 29, "between 0 and 1"),
        ("data: {dataset: csv, path: x.csv, header: yes}", 28, "no such file 'x.csv'"),
    ])
    func badValuesPointAtTheValue(line: String, column: Int, text: String) throws {
        let error = try #require(inputError("name: x\n" + line + "\n"))
        #expect(error.location?.file == "sweep.yaml")
        #expect(error.location?.line == 2)
        #expect(error.location?.column == column)
        #expect(error.description.contains(text))
    }

    @Test func gridCanVaryDataKeys() throws {
        let s = try sweep("name: x\ndata: {dataset: synthetic}\ngrid:\n  data.kind: [xor, blobs]\n  data.noise: [0.1, 0.5]\n")
        #expect(s.runs.count == 4)
        func kind(_ run: RunSpec) -> SyntheticOptions.Kind? {
            if case .synthetic(let options) = run.setup.data.dataset { options.kind } else { nil }
        }
        #expect(s.runs.map(kind) == [.xor, .xor, .blobs, .blobs])
        let bad = try #require(inputError("name: x\ndata: {dataset: synthetic}\ngrid:\n  data.kind: [xor, rings]\n"))
        #expect(bad.location == SourceLocation(file: "sweep.yaml", line: 4, column: 20))
    }
}
