import Diagnostics
import Testing

@Suite struct SuggestionTests {
    @Test func editDistanceCountsEdits() {
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("batch_size", "batch_size") == 0)
        #expect(editDistance("bacth_size", "batch_size") == 2)
        #expect(editDistance("kitten", "sitting") == 3)
    }

    @Test func closestMatchSuggestsTyposOnly() {
        #expect(closestMatch(to: "epoch", among: ["epochs", "batch_size"]) == "epochs")
        #expect(closestMatch(to: "Learning_Rate", among: ["learning_rate"]) == "learning_rate")
        #expect(closestMatch(to: "colour", among: ["epochs", "batch_size"]) == nil)
    }
}

@Suite struct YAMLTests {
    @Test func syntaxErrorsNameLineAndColumn() throws {
        let text = "name: x\ntrain:\n  epochs: [1, 2\n"
        #expect {
            _ = try YAMLDocument(text: text, path: "s.yaml")
        } throws: { error in
            guard let error = error as? InputError, let location = error.location else { return false }
            return location.file == "s.yaml" && location.line >= 3 && error.description.hasPrefix("s.yaml:")
        }
    }

    @Test func emptyFileIsAnError() {
        #expect(throws: InputError.self) { _ = try YAMLDocument(text: "", path: "e.yaml") }
    }

    @Test func typedAccessorsReportLocation() throws {
        let document = try YAMLDocument(text: "a: 1\nb: hello\nc: [1, 2]\n", path: "f.yaml")
        let entries = try document.root.mapping(allowedKeys: ["a", "b", "c"])
        #expect(try entries[0].value.int() == 1)
        #expect(try entries[0].value.double() == 1.0)
        do {
            _ = try entries[1].value.int()
            Issue.record("expected an error")
        } catch {
            #expect(error.location == SourceLocation(file: "f.yaml", line: 2, column: 4))
            #expect(error.message.contains("'b' must be an integer"))
        }
        #expect(try entries[2].value.sequence().count == 2)
    }

    @Test func unknownKeyGetsSuggestion() throws {
        let document = try YAMLDocument(text: "epoch: 3\n", path: "f.yaml")
        do {
            _ = try document.root.mapping(allowedKeys: ["epochs"])
            Issue.record("expected an error")
        } catch {
            #expect(error.suggestion == "epochs")
            #expect(error.description == "f.yaml:1:1: unknown key 'epoch' (did you mean 'epochs'?)")
        }
    }

    @Test func quotedNumbersAreNotNumbers() throws {
        let document = try YAMLDocument(text: "a: '5'\nb: .inf\n", path: "f.yaml")
        let entries = try document.root.mapping()
        #expect(throws: InputError.self) { _ = try entries[0].value.int() }
        #expect(throws: InputError.self) { _ = try entries[1].value.double() }
    }
}

/// YAML that would make readers recurse or walk forever fails at once, with a location.
@Suite struct YAMLLimitTests {
    func failure(_ text: String) -> InputError? {
        do { _ = try YAMLDocument(text: text, path: "s.yaml"); return nil } catch { return error }
    }

    @Test func deepNestingIsAnError() throws {
        for text in ["a: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000),
                     "a: " + String(repeating: "{a: ", count: 5_000) + "1" + String(repeating: "}", count: 5_000)] {
            let e = try #require(failure(text))
            #expect(e.message == "lists and mappings are nested too deeply (libyaml reads at most 1,000 levels)")
            #expect(e.location?.file == "s.yaml" && e.location?.line == 1)
        }
        // Deep but within the limit reads, and its nodes are released without a stack overflow.
        #expect(failure("a: " + String(repeating: "[", count: 900) + String(repeating: "]", count: 900)) == nil)
    }

    @Test func billionLaughsIsAnError() throws {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1..<10 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        let e = try #require(failure(lines.joined(separator: "\n")))
        #expect(e.message == "the file holds more than 1,000,000 values once its aliases are expanded; lrlab reads at most 1,000,000")
        #expect(e.location?.file == "s.yaml")
        // A few aliases are fine.
        #expect(failure(lines.prefix(4).joined(separator: "\n")) == nil)
        #expect(YAMLDocument.maxValues == 1_000_000)
    }
}
