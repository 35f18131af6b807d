import AtomicFiles
import Charts
import Diagnostics
import Foundation
import Mustache
import Insights
public import Results

/// Writes a sweep's report into a directory: charts (PNG at 2x and SVG), `results.csv`,
/// `results.json`, `index.html` and `report.md`, from finished runs only.
public struct ReportWriter: Sendable {
    /// A folder whose `index.mustache`, `report.md.mustache` or `style.css` replace the built-in ones.
    public var templatesDirectory: String?
    /// Embed the chart images in `index.html` (as data URIs), so the page is one file to send.
    public var singleFile: Bool
    /// Told each phase's name and its seconds as it ends (`LRLAB_TIMING=1` prints them).
    public var phaseTimes: (@Sendable (String, Double) -> Void)?

    public init(templatesDirectory: String? = nil, singleFile: Bool = false) {
        self.templatesDirectory = templatesDirectory
        self.singleFile = singleFile
    }

    /// Writes everything and returns the paths written, `index.html` first. Range tests
    /// (`lrlab lr-find`) of the same sweep, when given, add their chart and a finding.
    /// `otherRuns` counts finished runs in the folder that are not part of the reported sweep;
    /// the page says so in one line.
    ///
    /// Failed runs (status `failed`) are listed — a finding of kind `failed`, rows in the tables —
    /// and left out of everything else (findings, charts, counts): they have no or partial history.
    /// With failed runs only, only `results.csv`, `results.json` and `findings.json` are written.
    ///
    /// The folder must be lrlab's (`OutputFolder.claim`). Every file is first written to a temporary
    /// name beside its destination and all are renamed only when all were written (`FileBatch`):
    /// a failure (a full disk, a broken template) or a kill leaves the previous report whole.
    public func write(runs unordered: [RunRecord], rangeTests: [RangeTestRecord] = [], to directory: String,
                      otherRuns: Int = 0) throws(ReportError) -> [String] {
        let all = unordered.sorted(by: RunRecord.gridOrder)
        guard !all.isEmpty else { throw ReportError("no finished runs to report in \(directory)") }
        let failed = all.filter { $0.status == .failed }
        let runs = all.filter { $0.status != .failed }
        let failedFindings = FailedRuns.findings(failed)
        do {
            try OutputFolder.claim(directory)
        } catch {
            throw ReportError(error.description)
        }
        guard !runs.isEmpty else { return try writeTables(all, findings: failedFindings, to: directory) }
        let chartsDirectory = (directory as NSString).appendingPathComponent("charts")
        do {
            try FileManager.default.createDirectory(atPath: chartsDirectory, withIntermediateDirectories: true)
        } catch {
            throw ReportError("cannot create \(quoted(chartsDirectory)): \(systemErrorText(error) ?? "\(error)")")
        }
        // Templates first: a broken custom template fails before anything is drawn.
        let indexTemplate = try parse("index.mustache")
        let markdownTemplate = try parse("report.md.mustache")
        let css = try template("style.css")
        let batch = FileBatch()
        var clock = PhaseClock(report: phaseTimes)
        // Grouped once: findings, charts and the table all read the same grid points.
        let groups = PointGroup.group(runs)
        let charts = ReportCharts(runs: runs, setup: SetupText(runs), rangeTests: rangeTests, groups: groups).all()
        clock.lap("grouping, charts as values")
        var images: [String: String] = [:]
        // The sweep's `report:` block: chart colours, and PDFs besides the PNG and SVG on request.
        let settings = runs.first?.sweep.report
        let theme = settings?.theme.chartTheme ?? .light
        let writesPDF = settings?.formats.contains(.pdf) ?? false
        for entry in charts {
            let base = (chartsDirectory as NSString).appendingPathComponent(entry.name)
            let png: Data, svg: Data, pdf: Data?
            do {
                png = try Charts.pngData(entry.figure, theme: theme)
                svg = try Charts.svgData(entry.figure, theme: theme)
                pdf = writesPDF ? try Charts.pdfData(entry.figure, theme: theme) : nil
            } catch {
                throw ReportError("cannot draw chart \(entry.name): \(error)")
            }
            try stage(png, to: base + ".png", in: batch)
            try stage(svg, to: base + ".svg", in: batch)
            if let pdf { try stage(pdf, to: base + ".pdf", in: batch) }
            if singleFile { images[entry.name] = "data:image/png;base64," + png.base64EncodedString() }
        }
        clock.lap(writesPDF ? "charts (PNG + SVG + PDF)" : "charts (PNG + SVG)")
        let runCharts = try stageRunCharts(all, groups: groups, in: chartsDirectory, into: batch)
        clock.lap("per-run charts")
        do {
            try ResultsTable.stage(all, in: directory, into: batch)
        } catch let error as AtomicWriteError {
            throw ReportError(error.description)
        } catch {
            throw ReportError("cannot write results tables in \(quoted(directory)): \(error)")
        }
        clock.lap("results.csv, results.json")
        let findings = failedFindings + Analysis.findings(groups: groups, rangeTests: rangeTests)
        try stageFindings(findings, in: directory, into: batch)
        clock.lap("findings")
        let sources = ReportModel.Sources(images: images, runCharts: runCharts, runChartsOmitted: singleFile || all.count > RunDetails.maxChartedRuns,
                                          directory: directory, linksFiles: !singleFile, pdf: writesPDF)
        var model = ReportModel(runs: runs, findings: findings, charts: charts, sources: sources, css: css,
                                groups: groups, failed: failed)
        model.setOtherRuns(otherRuns, directory: directory)
        if singleFile {
            // One file to send: the table goes inside as a data URI; results.json (with every
            // epoch of every run) is too large to embed and is not linked.
            model.csvLink = "data:text/csv;base64," + Data(ResultsTable.csv(runs).utf8).base64EncodedString()
            model.linksJSON = false
        }
        let index = (directory as NSString).appendingPathComponent("index.html")
        let markdown = (directory as NSString).appendingPathComponent("report.md")
        // The two pages are rendered at once (a 1,000-run table takes a while to render).
        var pages = ["", ""]
        pages.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer.baseAddress!
            let model = model
            let templates = (indexTemplate, markdownTemplate)
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                out[i] = i == 0 ? templates.0.render(model) : templates.1.render(model.markdownEscaped())
            }
        }
        try stage(Data(pages[1].utf8), to: markdown, in: batch)
        // index.html last: it is renamed last, once everything it shows is in place.
        try stage(Data(pages[0].utf8), to: index, in: batch)
        clock.lap("page (templates)")
        let written = batch.paths
        do {
            try batch.commit()
        } catch {
            throw ReportError(error.description)
        }
        clock.lap("commit")
        return [index, markdown] + written.filter { $0 != index && $0 != markdown }
    }

    /// The ids of the runs whose logs the report draws (`steps`: the per-step loss; `schedules`:
    /// `setup.schedulePoints`), a few per chart line whatever the number of seeds: a caller that
    /// read the runs without their logs (`RunStore.loadAllWithoutLogs`) reads these runs' logs
    /// and gives the page the same charts as with every log.
    public static func runsWithChartedLogs(_ all: [RunRecord]) -> (steps: [String], schedules: [String]) {
        let runs = all.sorted(by: RunRecord.gridOrder).filter { $0.status != .failed }
        guard !runs.isEmpty else { return ([], []) }
        let charts = ReportCharts(runs: runs, setup: SetupText(runs))
        return (charts.stepRunIds(), charts.scheduleRunIds())
    }

    /// Each run's own small chart (`RunDetails.chart`) as a 1x PNG, `charts/runs/<id>.png` (apart
    /// from the report's charts, which are 2x with an SVG each), when the sweep has at most
    /// `RunDetails.maxChartedRuns` runs and the page is not a single file: run id → the path the
    /// page shows.
    private func stageRunCharts(_ all: [RunRecord], groups: [PointGroup], in chartsDirectory: String,
                                into batch: FileBatch) throws(ReportError) -> [String: String] {
        guard !singleFile, all.count <= RunDetails.maxChartedRuns else { return [:] }
        let names = RunDetails.chartNames(all)
        let pointOf = Dictionary(groups.flatMap { g in g.runIds.map { ($0, g.point) } }, uniquingKeysWith: { a, _ in a })
        let repeated = groups.contains { $0.runs.count > 1 }
        let folder = (chartsDirectory as NSString).appendingPathComponent("runs")
        var paths: [String: String] = [:]
        for run in all {
            guard let name = names[run.runId],
                  let chart = RunDetails.chart(run, name: RunDetails.name(run, point: pointOf[run.runId], hasRepeats: repeated)) else { continue }
            if paths.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw ReportError("cannot create \(quoted(folder)): \(systemErrorText(error) ?? "\(error)")")
                }
                // What a killed lrlab left here (the output folder's claim cleans the other folders).
                AtomicFile.removeStaleTemporaries(in: folder)
            }
            let png: Data
            do {
                png = try Charts.pngData(chart, scale: 1)
            } catch {
                throw ReportError("cannot draw the chart of run \(run.runId): \(error)")
            }
            try stage(png, to: (folder as NSString).appendingPathComponent(name + ".png"), in: batch)
            paths[run.runId] = "charts/runs/\(name).png"
        }
        return paths
    }

    /// `model` rendered with this writer's template `template` (for tests of the pages alone).
    func page(_ model: ReportModel, template: String = "index.mustache") throws(ReportError) -> String {
        try parse(template).render(model)
    }

    /// The tables and findings.json alone (every run failed: nothing to chart or analyse).
    private func writeTables(_ runs: [RunRecord], findings: [Finding], to directory: String) throws(ReportError) -> [String] {
        let batch = FileBatch()
        do {
            try ResultsTable.stage(runs, in: directory, into: batch)
        } catch let error as AtomicWriteError {
            throw ReportError(error.description)
        } catch {
            throw ReportError("cannot write results tables in \(quoted(directory)): \(error)")
        }
        try stageFindings(findings, in: directory, into: batch)
        let written = batch.paths
        do {
            try batch.commit()
        } catch {
            throw ReportError(error.description)
        }
        return written
    }

    private func stageFindings(_ findings: [Finding], in directory: String, into batch: FileBatch) throws(ReportError) {
        let path = (directory as NSString).appendingPathComponent("findings.json")
        let data: Data
        do {
            data = try FindingsFile.data(findings)
        } catch {
            throw ReportError("cannot encode findings.json: \(error)")
        }
        try stage(data, to: path, in: batch)
    }

    private func stage(_ data: Data, to path: String, in batch: FileBatch) throws(ReportError) {
        do {
            try batch.stage(data, to: path)
        } catch {
            throw ReportError(error.description)
        }
    }

    private func parse(_ name: String) throws(ReportError) -> MustacheTemplate {
        let text = try template(name)
        do {
            return try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            let place = "\(templatePath(name) ?? name):\(error.context.lineNumber):\(error.context.columnNumber)"
            throw ReportError("template \(place): \(Self.describe(error.error))")
        } catch {
            throw ReportError("template \(templatePath(name) ?? name) is not valid Mustache")
        }
    }

    /// The files `--templates DIR` may replace.
    public static let templateNames = ["index.mustache", "report.md.mustache", "style.css"]

    /// Checks a `--templates` folder: it must exist and hold at least one of `templateNames`
    /// (a misspelt folder would otherwise be ignored without a word).
    public static func checkTemplates(_ directory: String) throws(ReportError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw ReportError("--templates \(directory): no such folder")
        }
        guard isDirectory.boolValue else { throw ReportError("--templates \(directory): not a folder") }
        let present = templateNames.filter {
            FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent($0))
        }
        guard !present.isEmpty else {
            throw ReportError("--templates \(directory): the folder holds none of \(templateNames.joined(separator: ", "))")
        }
    }

    /// The custom template file for `name`, when there is one.
    func templatePath(_ name: String) -> String? {
        guard let templatesDirectory else { return nil }
        let path = (templatesDirectory as NSString).appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// A Mustache parse error in words.
    static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: return "a section is closed with another name than it was opened with"
        case .unfinishedName: return "a tag is not finished (missing '}}'?)"
        case .expectedSectionEnd: return "a section is never closed (missing '{{/…}}')"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: return "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "a tag that is not allowed inside an inherited partial"
        case .textInsideInheritSection: return "text inside an inherited partial"
        case .invalidConfigVariableSyntax: return "a config variable tag is malformed"
        case .unrecognisedConfigVariable: return "an unknown config variable"
        case nil: return "the template is not valid Mustache"
        }
    }

    /// The template `name` from `templatesDirectory` when present there, else the built-in one.
    func template(_ name: String) throws(ReportError) -> String {
        if let templatesDirectory {
            let path = (templatesDirectory as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path) {
                // A template that is there but cannot be read is an error, not a silent fallback.
                guard let data = FileManager.default.contents(atPath: path) else { throw ReportError("cannot read template \(path)") }
                guard let text = String(data: data, encoding: .utf8) else { throw ReportError("template \(path) is not UTF-8 text") }
                return text
            }
        }
        guard let text = EmbeddedFiles.contents[name] else { throw ReportError("built-in template \(name) is missing") }
        return text
    }
}

/// Seconds between laps, told to a callback (nothing is measured without one).
struct PhaseClock {
    let report: (@Sendable (String, Double) -> Void)?
    private var last = DispatchTime.now()

    init(report: (@Sendable (String, Double) -> Void)?) { self.report = report }

    mutating func lap(_ name: String) {
        guard let report else { return }
        let now = DispatchTime.now()
        report(name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9)
        last = now
    }
}

/// A failure to write a report (an unwritable folder, a broken custom template).
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
