import Foundation
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

@Suite struct QuotingTests {
    @Test func quotedEscapesLikeStringReflecting() {
        #expect(quoted("adam") == "'adam'")
        #expect(quoted("a\nb") == #"'a\nb'"#)
        #expect(quoted("tab\there\r") == #"'tab\there\r'"#)
        #expect(quoted("nul\0") == #"'nul\0'"#)
        #expect(quoted("\u{1B}[31mred\u{07}") == #"'\u{1B}[31mred\u{7}'"#)
        #expect(quoted("it's a \\ path") == #"'it\'s a \\ path'"#)
        #expect(quoted("ok ünïcödé → 64") == "'ok ünïcödé → 64'")
        #expect(quoted("\u{202E}evil\u{2028}") == #"'\u{202E}evil\u{2028}'"#)
    }

    @Test func escapedWithoutQuotesKeepsBackslashes() {
        #expect(escaped("C:\\dir\nx") == #"C:\dir\nx"#)
        #expect(escaped("plain") == "plain")
        #expect(containsControlCharacters("a\u{7F}b"))
        #expect(!containsControlCharacters("a 'b' \\ c"))
    }

    @Test func locationsEscapeTheFileName() {
        #expect(SourceLocation(file: "a\nb.yaml", line: 2, column: 3).description == #"a\nb.yaml:2:3"#)
    }

    @Test func messagesQuoteUserText() throws {
        let document = try YAMLDocument(text: "\"a\\nb\": 1\nc: \"x\\u001by\"\n", path: "f.yaml")
        do {
            _ = try document.root.mapping(allowedKeys: ["c"])
            Issue.record("expected an error")
        } catch {
            #expect(error.description == #"f.yaml:1:1: unknown key 'a\nb'"#)
        }
        let entries = try document.root.mapping()
        do {
            _ = try entries[1].value.int()
            Issue.record("expected an error")
        } catch {
            #expect(error.message == #"'c' must be an integer, got 'x\u{1B}y'"#)
            #expect(!containsControlCharacters(error.description))
        }
    }
}

@Suite struct SeveralErrorsTests {
    @Test func everyUnknownKeyIsReported() throws {
        let document = try YAMLDocument(text: "epoch: 3\nbatchsize: 4\nlr: 1\nseed: 2\n", path: "f.yaml")
        do {
            _ = try document.root.mapping(allowedKeys: ["epochs", "batch_size", "seed"])
            Issue.record("expected an error")
        } catch {
            #expect(error.all.map { $0.location?.line } == [1, 2, 3])
            #expect(error.all.map(\.suggestion) == ["epochs", "batch_size", nil])
            #expect(error.description.split(separator: "\n").count == 3)
            #expect(error.location?.line == 1 && error.others.count == 2)
        }
    }

    @Test func combiningSortsByLocationAndDropsDuplicates() throws {
        func at(_ line: Int, _ column: Int, file: String = "f.yaml") -> Diagnostics.SourceLocation {
            SourceLocation(file: file, line: line, column: column)
        }
        let errors = [InputError("c", at: at(3, 1)), InputError("a", at: at(1, 5)), InputError("b", at: at(1, 9)),
                      InputError("a", at: at(1, 5)), InputError("no place"), InputError("z", at: at(1, 1, file: "--set x=1"))]
        let combined = try #require(InputError.combining(errors))
        #expect(combined.all.map(\.message) == ["no place", "z", "a", "b", "c"])
        #expect(InputError.combining([]) == nil)
        // Combining again (errors that hold others) flattens.
        #expect(InputError.combining([combined, InputError("d", at: at(2, 1))])?.all.map(\.message)
            == ["no place", "z", "a", "b", "d", "c"])
    }

    @Test func collectorKeepsGoing() {
        var problems = InputErrorCollector()
        let a = problems.attempt { () throws(InputError) -> Int in throw InputError("one", at: SourceLocation(file: "f", line: 2, column: 1)) }
        let b = problems.attempt { () throws(InputError) -> Int in 7 }
        problems.record(InputError("two", at: SourceLocation(file: "f", line: 1, column: 1)))
        #expect(a == nil && b == 7)
        #expect(throws: InputError.self) { try problems.check() }
        do { try problems.check() } catch {
            #expect(error.all.map(\.message) == ["two", "one"])
        }
        #expect(throws: Never.self) { try InputErrorCollector().check() }
    }
}

@Suite struct LineMapTests {
    @Test func setValuesPointIntoTheArgument() throws {
        var map = LineMap(fileLineCount: 5)
        let first = try map.parse("[1, 2]", name: "--set grid.x=[1, 2]", columnOffset: 7)
        let second = try map.parse("{a: 1}", name: "--set y={a: 1}", columnOffset: 2)
        let items = try ConfigNode(node: first.node, file: "f.yaml", keyPath: "x", lineMap: map).sequence()
        #expect(items[1].location == SourceLocation(file: "--set grid.x=[1, 2]", line: 1, column: 12))
        #expect(items[1].isFromCommandLine)
        let entries = try ConfigNode(node: second.node, file: "f.yaml", keyPath: "y", lineMap: map).mapping()
        #expect(entries[0].value.location == SourceLocation(file: "--set y={a: 1}", line: 1, column: 7))
        // The file's own lines stay the file's.
        #expect(map.location(file: "f.yaml", line: 5, column: 2) == SourceLocation(file: "f.yaml", line: 5, column: 2))
    }

    @Test func syntaxErrorsPointIntoTheArgument() {
        var map = LineMap(fileLineCount: 3)
        do {
            _ = try map.parse("{a: [1}", name: "--set k={a: [1}", columnOffset: 2)
            Issue.record("expected an error")
        } catch {
            #expect(error.location?.file == "--set k={a: [1}")
            #expect(error.location?.line == 1)
        }
        // A problem at the end of the value points just after it, not at a line past it.
        do {
            _ = try map.parse("[1", name: "--set k=[1", columnOffset: 2)
            Issue.record("expected an error")
        } catch {
            #expect(error.location == Diagnostics.SourceLocation(file: "--set k=[1", line: 1, column: 5))
        }
    }
}

@Suite struct SystemErrorTextTests {
    @Test func foundationErrorsInWords() {
        let full = NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteOutOfSpace.rawValue,
                           userInfo: [NSFilePathErrorKey: "/out/x.json"])
        #expect(systemErrorText(full) == "no space left on device")
        #expect(systemErrorPath(full) == "/out/x.json")
        #expect(systemErrorText(NSError(domain: NSCocoaErrorDomain, code: 642)) == "read-only file system")
        #expect(systemErrorText(NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC)))?.hasPrefix("no space left") == true)
        let wrapped = NSError(domain: NSCocoaErrorDomain, code: 512,
                              userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))])
        #expect(systemErrorText(wrapped) == "permission denied")
        #expect(systemErrorText(InputError("x")) == nil)
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
