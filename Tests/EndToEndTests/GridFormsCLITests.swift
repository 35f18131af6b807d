import Foundation
import TestSupport
import Testing

/// `lrlab validate` on a sweep using logspace, zip, include and exclude: the expanded table on
/// stdout (ids, grid values, steps and examples per run, totals), the warning and the time
/// estimate on stderr.
@Suite struct GridFormsCLITests {
    static let sweep = """
    name: forms
    data: {dataset: digits}
    model: {hidden: [16]}
    train: {epochs: 2}
    grid:
      train.learning_rate: {logspace: [-2, 0, 3]}
    zip:
      train.batch_size: [64, 512]
      train.epochs: [1, 3]
    exclude:
      - {train.learning_rate: 1, train.batch_size: 512}
      - {train.batch_size: 7}
    include:
      - {train.learning_rate: 0.05, train.batch_size: 32, train.epochs: 1}

    """

    @Test func validatePrintsTheExpandedTableAndTotals() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.sweep.write(toFile: folder + "/sweep.yaml", atomically: true, encoding: .utf8)
        let result = try CLI.run(["validate", "sweep.yaml", "--no-probe"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first == "forms: 6 runs")
        // Rows without the ids' hashes: index, readable id, grid values, steps, examples.
        let shapes = rows.dropFirst().dropLast().map { row in
            row.replacingOccurrences(of: "-[0-9a-f]{10}  ", with: "  ", options: .regularExpression)
        }
        #expect(shapes == [
            "  0  0.01-64-1  train.learning_rate=0.01 train.batch_size=64 train.epochs=1  steps=23  examples=1438",
            "  1  0.01-512-3  train.learning_rate=0.01 train.batch_size=512 train.epochs=3  steps=9  examples=4314",
            "  2  0.1-64-1  train.learning_rate=0.1 train.batch_size=64 train.epochs=1  steps=23  examples=1438",
            "  3  0.1-512-3  train.learning_rate=0.1 train.batch_size=512 train.epochs=3  steps=9  examples=4314",
            "  4  1-64-1  train.learning_rate=1 train.batch_size=64 train.epochs=1  steps=23  examples=1438",
            "  5  0.05-32-1  train.learning_rate=0.05 train.batch_size=32 train.epochs=1  steps=45  examples=1438",
        ])
        #expect(rows.last == "total: 132 steps, 14380 examples")
        #expect(result.stderr == "warning: sweep.yaml:12:5: this exclude matches no point of the grid and zip; nothing is dropped\n")

        // With the probe: the same table, and a note that says it is an estimate.
        let probed = try CLI.run(["validate", "sweep.yaml"], in: folder)
        #expect(probed.status == 0 && probed.stdout == result.stdout)
        let notes = probed.stderr.split(separator: "\n")
        #expect(notes.count == 2 && notes[1].hasPrefix("note: estimate: about ") && notes[1].contains("--no-probe skips it"), "\(probed.stderr)")
    }
}
