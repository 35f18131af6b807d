import AtomicFiles
import Foundation
import Reports
import Results
import Training

/// Writes range-test results: `bs-<B>.json` and `bs-<B>.csv` per batch size (see `RangeTestRecord`)
/// and one chart, `lr-find.png` (2x) and `.svg` (and `.pdf` when the sweep's `report.formats` has it). A sweep's report shows the same chart when the
/// tests are in its output folder (the default).
struct RangeTestFiles {
    let directory: String
    let sweepTitle: String
    /// The sweep's `report:` block: the chart's theme, and a PDF when its formats ask for one.
    var settings = ReportSettings()

    /// Writes every file, together: all are written to temporary names and renamed once all were
    /// written (`FileBatch`), so a failure leaves the previous range tests whole. Returns their paths.
    func write(_ results: [RangeTestResult]) throws -> [String] {
        let records = results.map(Self.record)
        let batch = FileBatch()
        var paths: [String] = []
        for record in records { paths += try record.stage(in: directory, into: batch) }
        paths += try RangeTestReport.stageChart(records, title: sweepTitle, in: directory, into: batch,
                                                theme: settings.theme.chartTheme, formats: settings.formats)
        try batch.commit()
        return paths
    }

    static func record(_ result: RangeTestResult) -> RangeTestRecord {
        RangeTestRecord(batchSize: result.batchSize,
                        points: result.points.map {
                            RangeTestRecord.Point(step: $0.step, learningRate: $0.learningRate, loss: $0.loss,
                                                  smoothedLoss: $0.smoothedLoss)
                        },
                        suggestedRate: result.suggestedRate, suggestedStep: result.suggestedStep,
                        bestSmoothedLoss: result.bestSmoothedLoss, bestRate: result.bestRate,
                        stoppedEarly: result.stoppedEarly, blowUpRate: result.blowUpRate,
                        safeLowRate: result.safeRange?.lowerBound, safeHighRate: result.safeRange?.upperBound,
                        explanation: RangeTestReport.explanation(suggested: result.suggestedRate, blowUp: result.blowUpRate,
                                                                 safe: result.safeRange,
                                                                 lastRate: result.points.last?.learningRate))
    }
}
