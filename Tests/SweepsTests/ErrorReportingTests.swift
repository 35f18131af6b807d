import Diagnostics
import Foundation
import Sweeps
import TestSupport
import Testing

/// Issue 10: every problem of a sweep at once, each at its place, base values a grid overrides
/// checked, `--set` problems pointing into the argument, user text quoted.
@Suite struct ErrorReportingTests {
    func problems(_ text: String, overrides: [String] = []) throws -> [InputError] {
        try #require(inputError(text, overrides: overrides)).all
    }

    func place(_ line: Int, _ column: Int) -> Diagnostics.SourceLocation { SourceLocation(file: "sweep.yaml", line: line, column: column) }

    @Test func everyProblemOfTheFileAtOnceSortedByLocation() throws {
        let text = """
        name: x
        colour: red
        data: {test_fraction: 2, scalng: none}
        model: {hidden: [0, 8, 70000], activation: rel}
        train: {epochs: 0, learning_rate: -1, optimizer: {name: adam, momentum: 0.9, bta: 1}}
        grid:
          train.batch_size: [64, -1, 0]
          train.nope: [1]

        """
        let all = try problems(text)
        #expect(all.map(\.location) == [place(2, 1), place(3, 23), place(3, 26), place(4, 18), place(4, 24),
                                        place(4, 44), place(5, 17), place(5, 35), place(5, 63), place(5, 78),
                                        place(7, 26), place(7, 30), place(8, 3)])
        #expect(all.first?.suggestion == nil)
        #expect(all.contains { $0.message.contains("unknown key 'scalng'") && $0.suggestion == "scaling" })
    }

    @Test func baseValuesAGridOverridesAreChecked() throws {
        let text = """
        name: x
        train:
          learning_rate: .nan
          batch_size: -5
          epochs: 1
        grid:
          train.learning_rate: [0.1, 0.2]
          train.batch_size: [32, 64]

        """
        let all = try problems(text)
        #expect(all.map(\.location) == [place(3, 18), place(4, 15)])
        #expect(all[0].message == "'train.learning_rate' must be a finite number, got '.nan'")
    }

    @Test func aScalarUnderAGridKeyIsNamedWhereItIsWritten() throws {
        let all = try problems("name: x\ntrain:\n  optimizer: sgd\ngrid:\n  train.optimizer.momentum: [0.5, 0.9]\n")
        #expect(all.count == 1)
        #expect(all[0].location == place(3, 14))
        #expect(all[0].message.contains("{name: sgd}"))
    }

    @Test func setProblemsPointIntoTheArgument() throws {
        let grid = try problems(base, overrides: ["grid.train.learning_rate=[0.1,-1]"])
        #expect(grid.map(\.location) == [SourceLocation(file: "--set grid.train.learning_rate=[0.1,-1]", line: 1, column: 31)])
        let several = try problems(base, overrides: ["train.epochs=0", "train.epoch=2", "model.hidden=[8, x]"])
        #expect(several.map(\.location) == [SourceLocation(file: "--set model.hidden=[8, x]", line: 1, column: 18),
                                            SourceLocation(file: "--set train.epoch=2", line: 1, column: 1),
                                            SourceLocation(file: "--set train.epochs=0", line: 1, column: 14)])
        #expect(several[1].suggestion == "train.epochs")
    }

    @Test func setSplitProblemsNameTheArgument() throws {
        let s = try sweep("name: x\ndata: {dataset: digits}\ntrain: {epochs: 1}\n", overrides: ["data.test_fraction=0.9999"])
        do {
            try s.checkData()
            Issue.record("expected an error")
        } catch {
            #expect(error.location == SourceLocation(file: "--set data.test_fraction=0.9999", line: 1, column: 20))
        }
    }

    @Test func checkDataFindsWhatRunWouldReject() throws {
        let s = try sweep("name: x\ndata:\n  validation_fraction: 0.999\ntrain: {epochs: 1}\n")
        do {
            try s.checkData()
            Issue.record("expected an error")
        } catch {
            #expect(error.location == place(3, 24))
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "".write(toFile: folder + "/empty.csv", atomically: true, encoding: .utf8)
        let csv = try Sweep(document: YAMLDocument(text: "name: x\ndata: {dataset: csv, path: empty.csv}\n", path: folder + "/s.yaml"))
        #expect(throws: InputError.self) { try csv.checkData() }
        #expect(throws: Never.self) { try sweep(base).checkData() }
    }

    @Test func nameAndTitleAreLimited() throws {
        let long = String(repeating: "a", count: 101)
        #expect(try problems("name: \(long)\n").first?.message.contains("at most 100 characters") == true)
        #expect(inputError("name: \(String(repeating: "a", count: 100))\n") == nil)
        #expect(try problems("name: x\ntitle: \(String(repeating: "t", count: 201))\n").first?.location == place(2, 8))
        let title = try problems("name: x\ntitle: \"two\\nlines\"\n")
        #expect(title.first?.message.contains(#"'two\nlines'"#) == true)
    }

    @Test func userTextIsQuotedAndEscaped() throws {
        let all = try problems("name: x\n\"bad\\nkey\": 1\ntrain: {optimizer: \"ad\\u0007am\"}\n")
        #expect(all.map(\.location) == [place(2, 1), place(3, 20)])
        for error in all { #expect(!containsControlCharacters(error.description), "\(error)") }
        #expect(all[0].message == #"unknown key 'bad\nkey'"#)
        #expect(all[1].message.hasSuffix(#"got 'ad\u{7}am'"#))
    }
}
