import Insights
import Results
import Testing

/// The `range-test` finding on hand-made records: the suggestion against the grid's best rate at its batch size.
@Suite struct RangeTestFindingTests {
    static func test(_ batch: Int, suggested: Double?, safe: ClosedRange<Double>? = nil) -> RangeTestRecord {
        RangeTestRecord(batchSize: batch, points: [], suggestedRate: suggested, suggestedStep: suggested == nil ? nil : 40,
                        bestSmoothedLoss: 0.3, bestRate: 1, stoppedEarly: true, blowUpRate: 3.1,
                        safeLowRate: safe?.lowerBound, safeHighRate: safe?.upperBound)
    }

    let runs = [
        record(point(64, "0.1"), accuracies: [0.8, 0.95, 0.97], index: 0),
        record(point(64, "1"), accuracies: [0.5, 0.6, 0.55], index: 1),
        record(point(1024, "0.1"), accuracies: [0.3, 0.6, 0.8], index: 2),
        record(point(1024, "1"), accuracies: [0.6, 0.9, 0.95], index: 3),
    ]

    func finding(_ tests: [RangeTestRecord], runs: [RunRecord]? = nil) -> Finding? {
        Analysis.findings(runs ?? self.runs, rangeTests: tests).first { $0.kind == .rangeTest }
    }

    @Test func theSuggestionIsComparedWithTheGridsBestRate() throws {
        let found = try #require(finding([Self.test(64, suggested: 0.3, safe: 0.03...0.3)]))
        #expect(found.text.hasPrefix("The range test suggested 0.3 at batch 64 (the loss blew up at 3.1); the grid's best rate there was 0.1 — a factor 3 lower, within the test's safe start 0.03–0.3."))
        #expect(found.runs == ["64-0.1-s0"])
    }

    @Test func aBestRateOutsideTheSafeRangeIsSaid() throws {
        let above = try #require(finding([Self.test(1024, suggested: 0.42, safe: 0.042...0.42)]))
        #expect(above.text.contains("The range test suggested 0.42 at batch 1024 (the loss blew up at 3.1); the grid's best rate there was 1 — a factor 2.4 higher, above the test's safe start 0.042–0.42."))
        let below = try #require(finding([Self.test(64, suggested: 4.2, safe: 0.42...2)]))
        #expect(below.text.contains("a factor 42 lower, below the test's safe start 0.42–2."))
        let same = try #require(finding([Self.test(64, suggested: 0.11)]))
        #expect(same.text.contains("the grid's best rate there was 0.1 — about the same."))
    }

    @Test func withoutAGridPointAtItsBatchSizeTheSuggestionStandsAlone() throws {
        let alone = try #require(finding([Self.test(256, suggested: 0.05), Self.test(64, suggested: nil)]))
        #expect(alone.text.hasPrefix("The range test suggested 0.05 at batch 256 (the loss blew up at 3.1). The range test is a quick first guess"))
        #expect(alone.runs.isEmpty)
        // A diverged grid point is no best rate.
        let diverged = [record(point(512, "5"), accuracies: [], diverged: 3)]
        let text = try #require(finding([Self.test(512, suggested: 0.2)], runs: diverged)).text
        #expect(!text.contains("grid's best"))
    }

    @Test func noSuggestionNoFinding() {
        #expect(finding([]) == nil)
        #expect(finding([Self.test(64, suggested: nil)]) == nil)
    }
}
