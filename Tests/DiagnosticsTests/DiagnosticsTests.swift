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
