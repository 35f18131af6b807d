import Foundation
import TestSupport
import Testing

/// Issue 10 from the outside: every error is one `error:` line, user text quoted and escaped,
/// all problems of a file listed at once in location order, `--set` problems named by their
/// argument, and everything `run` rejects found by `validate`.
@Suite(.serialized) struct ErrorMessageTests {
    /// The `error:` lines of a failed command, after checking what every error output must be:
    /// the exit status, only `error:` lines, no control character but the line ends.
    func errorLines(_ result: CLI.Result, status: Int32 = 2, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
        #expect(result.status == status, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasSuffix("\n"), sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        for line in lines {
            #expect(line.hasPrefix("error: "), "\(line)", sourceLocation: sourceLocation)
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                    "\(line.debugDescription)", sourceLocation: sourceLocation)
        }
        return lines
    }

    func folder(_ files: [String: String]) throws -> String {
        let folder = try temporaryFolder()
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    @Test func userTextIsQuotedAndEscapedOnOneLine() throws {
        let sweep = """
        name: x
        "bad\\nkey\\u001b[31m": 1
        train: {optimizer: "ad\\u0007am", epochs: "1\\n2"}
        model: {activation: "re\\u0000lu"}

        """
        let dir = try folder(["sweep.yaml": sweep, "cells.csv": "a,b,label\n1,2,x\n3,\"4\n\u{1B}[2J\",y\n",
                              "csv.yaml": "name: c\ndata: {dataset: csv, path: cells.csv}\n",
                              "schedule.yaml": "name: s\ntrain:\n  schedule: {library: pytorch, name: \"Step\\nLR\\u001b\", params: {}}\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = errorLines(try CLI.run(["validate", "sweep.yaml"], in: dir))
        #expect(lines == [
            #"error: sweep.yaml:2:1: unknown key 'bad\nkey\u{1B}[31m'"#,
            #"error: sweep.yaml:3:20: 'train.optimizer' must be one of sgd, momentum, nesterov, adam, adamw, rmsprop, got 'ad\u{7}am' (did you mean 'adam'?)"#,
            #"error: sweep.yaml:3:42: 'train.epochs' must be an integer, got '1\n2'"#,
            #"error: sweep.yaml:4:21: 'model.activation' must be one of relu, leaky_relu, tanh, sigmoid, gelu, got 're\0lu' (did you mean 'relu'?)"#,
        ])
        let csv = errorLines(try CLI.run(["validate", "csv.yaml"], in: dir))
        #expect(csv.count == 1 && csv[0].hasPrefix("error: cells.csv:3:3: "), "\(csv)")
        #expect(csv.first?.contains(#"'4\n\u{1B}[2J'"#) == true, "\(csv)")
        let schedule = errorLines(try CLI.run(["validate", "schedule.yaml"], in: dir))
        #expect(schedule.count == 1 && schedule[0].hasPrefix("error: schedule.yaml:3:"), "\(schedule)")
        #expect(schedule.first?.contains(#"'Step\nLR\u{1B}'"#) == true, "\(schedule)")
        // A file name is escaped too.
        let missing = errorLines(try CLI.run(["validate", "no\nsuch\u{7}.yaml"], in: dir))
        #expect(missing == [#"error: cannot read 'no\nsuch\u{7}.yaml': no such file"#])
    }

    @Test func baseValuesUnderAGridAreChecked() throws {
        let sweep = """
        name: x
        train:
          learning_rate: .nan
          batch_size: -5
          optimizer: {name: momentum}
        grid:
          train.learning_rate: [0.1, 0.2]
          train.batch_size: [32, 64]

        """
        let dir = try folder(["sweep.yaml": sweep])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = errorLines(try CLI.run(["validate", "sweep.yaml"], in: dir))
        #expect(lines == ["error: sweep.yaml:3:18: 'train.learning_rate' must be a finite number, got '.nan'",
                          "error: sweep.yaml:4:15: 'train.batch_size' must be a positive integer or 'all', got -5"])
    }

    @Test func problemsArePlacedWhereTheyAreWritten() throws {
        let dir = try folder(["sweep.yaml": "name: x\ndata: {dataset: digits}\ntrain:\n  epochs: 1\n  optimizer: sgd\n",
                              "grid.yaml": "name: g\ntrain:\n  optimizer: sgd\ngrid:\n  train.optimizer.momentum: [0.5, 0.9]\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let grid = errorLines(try CLI.run(["validate", "sweep.yaml", "--set", "grid.train.learning_rate=[0.1,-1]"], in: dir))
        #expect(grid == ["error: --set grid.train.learning_rate=[0.1,-1]:1:31: 'train.learning_rate' must be positive, got -1.0"])
        let split = errorLines(try CLI.run(["validate", "sweep.yaml", "--set", "data.test_fraction=0.9999"], in: dir))
        #expect(split.count == 1 && split[0].hasPrefix("error: --set data.test_fraction=0.9999:1:20: test_fraction 0.9999 leaves no rows"),
                "\(split)")
        let run = errorLines(try CLI.run(["run", "sweep.yaml", "-o", "out", "--set", "data.test_fraction=0.9999"], in: dir))
        #expect(run == split)
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/runs"))
        let scalar = errorLines(try CLI.run(["validate", "grid.yaml"], in: dir))
        #expect(scalar.count == 1 && scalar[0].hasPrefix("error: grid.yaml:3:14: 'train.optimizer' is written as 'sgd'"), "\(scalar)")
        // Every --set problem at once, each named by its argument.
        let several = errorLines(try CLI.run(["validate", "sweep.yaml", "--set", "train.epochs=0", "--set", "train.epoch=2",
                                              "--set", "model.hidden=[8, x]"], in: dir))
        #expect(several == [
            "error: --set model.hidden=[8, x]:1:18: 'model.hidden[1]' must be an integer, got 'x'",
            "error: --set train.epoch=2:1:1: unknown key 'train.epoch' (did you mean 'train.epochs'?)",
            "error: --set train.epochs=0:1:14: 'train.epochs' must be between 1 and 100,000, got 0",
        ])
    }

    @Test func everyProblemOfAFileIsListedInOrder() throws {
        let sweep = """
        name: x
        colour: red
        data: {test_fraction: 2}
        model: {hidden: [0, 8, 70000]}
        train: {epochs: 0, optimizer: {name: adam, momentum: 0.9}}
        grid:
          train.batch_size: [64, -1]

        """
        let dir = try folder(["sweep.yaml": sweep])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = errorLines(try CLI.run(["run", "sweep.yaml", "-o", "out"], in: dir))
        let places = lines.map { $0.dropFirst("error: sweep.yaml:".count).prefix { $0 != " " } }
        #expect(places == ["2:1:", "3:23:", "4:18:", "4:24:", "5:17:", "5:44:", "7:26:"], "\(lines)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }

    @Test func validateFindsWhatRunWouldReject() throws {
        let dir = try folder(["empty.csv": "", "csv.yaml": "name: c\ndata: {dataset: csv, path: empty.csv}\n",
                              "fraction.yaml": "name: f\ndata:\n  validation_fraction: 0.999\n",
                              "name.yaml": "name: \(String(repeating: "n", count: 5000))\n",
                              "ok.yaml": "name: ok\ntrain: {epochs: 1}\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(errorLines(try CLI.run(["validate", "csv.yaml"], in: dir)) == ["error: empty.csv:1:1: the file is empty"])
        let fraction = errorLines(try CLI.run(["validate", "fraction.yaml"], in: dir))
        #expect(fraction.count == 1 && fraction[0].hasPrefix("error: fraction.yaml:3:24: validation_fraction 0.999"), "\(fraction)")
        #expect(errorLines(try CLI.run(["validate", "name.yaml"], in: dir))
            == ["error: name.yaml:1:7: 'name' names the output folder and may be at most 100 characters long, got 5000"])
        let ok = try CLI.run(["validate", "ok.yaml", "--no-probe"], in: dir)
        #expect(ok.status == 0 && ok.stderr.isEmpty)
        // With the probe, stderr holds one note (the time estimate), no error.
        let probed = try CLI.run(["validate", "ok.yaml"], in: dir)
        #expect(probed.status == 0 && probed.stderr.hasPrefix("note: estimate: about ") && !probed.stderr.contains("error:"))

        // An unwritable output folder is found before anything loads or trains.
        try "a file".write(toFile: dir + "/taken", atomically: true, encoding: .utf8)
        let find = try CLI.run(["lr-find", "ok.yaml", "-o", "taken/out"], in: dir)
        #expect(errorLines(find, status: 1) == ["error: cannot write to 'taken/out/lr-find': '\(dir)/taken' is a file, not a folder"])
        #expect(find.stdout.isEmpty)
        let run = try CLI.run(["run", "ok.yaml", "-o", "taken/out"], in: dir)
        #expect(errorLines(run, status: 1) == ["error: cannot write to 'taken/out': '\(dir)/taken' is a file, not a folder"])
    }

    @Test func templateProblemsAreErrors() throws {
        let dir = try folder(["sweep.yaml": "name: t\ntrain: {epochs: 1, batch_size: 512}\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try CLI.run(["run", "sweep.yaml", "-o", "out", "--quiet", "--no-report"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(errorLines(try CLI.run(["report", "out", "--templates", "/nonexistent"], in: dir))
            == ["error: --templates /nonexistent: no such folder"])
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        #expect(errorLines(try CLI.run(["report", "out", "--templates", "empty"], in: dir))
            == ["error: --templates empty: the folder holds none of index.mustache, report.md.mustache, style.css"])
        try FileManager.default.createDirectory(atPath: dir + "/broken", withIntermediateDirectories: true)
        try "<html>{{#runs}}\n{{title}\n".write(toFile: dir + "/broken/index.mustache", atomically: true, encoding: .utf8)
        #expect(errorLines(try CLI.run(["report", "out", "--templates", "broken", "-o", "page"], in: dir), status: 1)
            == ["error: template broken/index.mustache:2:8: a tag is not finished (missing '}}'?)"])
    }
}
