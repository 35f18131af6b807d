import AtomicFiles
import Charts
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

    public init(templatesDirectory: String? = nil, singleFile: Bool = false) {
        self.templatesDirectory = templatesDirectory
        self.singleFile = singleFile
    }

    /// Writes everything and returns the paths written, `index.html` first. Range tests
    /// (`lrlab lr-find`) of the same sweep, when given, add their chart and a finding.
    /// `otherRuns` counts finished runs in the folder that are not part of the reported sweep;
    /// the page says so in one line.
    ///
    /// The folder must be lrlab's (`OutputFolder.claim`). Every file is first written to a temporary
    /// name beside its destination and all are renamed only when all were written (`FileBatch`):
    /// a failure (a full disk, a broken template) or a kill leaves the previous report whole.
    public func write(runs unordered: [RunRecord], rangeTests: [RangeTestRecord] = [], to directory: String,
                      otherRuns: Int = 0) throws(ReportError) -> [String] {
        let runs = unordered.sorted(by: RunRecord.gridOrder)
        guard !runs.isEmpty else { throw ReportError("no finished runs to report in \(directory)") }
        do {
            try OutputFolder.claim(directory)
        } catch {
            throw ReportError(error.description)
        }
        let chartsDirectory = (directory as NSString).appendingPathComponent("charts")
        do {
            try FileManager.default.createDirectory(atPath: chartsDirectory, withIntermediateDirectories: true)
        } catch {
            throw ReportError("cannot create \(chartsDirectory): \(error.localizedDescription)")
        }
        // Templates first: a broken custom template fails before anything is drawn.
        let indexTemplate = try parse("index.mustache")
        let markdownTemplate = try parse("report.md.mustache")
        let css = try template("style.css")
        let batch = FileBatch()
        // Grouped once: findings, charts and the table all read the same grid points.
        let groups = PointGroup.group(runs)
        let charts = ReportCharts(runs: runs, setup: SetupText(runs), rangeTests: rangeTests, groups: groups).all()
        var images: [String: String] = [:]
        for entry in charts {
            let base = (chartsDirectory as NSString).appendingPathComponent(entry.name)
            let png: Data, svg: Data
            do {
                png = try Charts.pngData(entry.figure)
                svg = try Charts.svgData(entry.figure)
            } catch {
                throw ReportError("cannot draw chart \(entry.name): \(error)")
            }
            try stage(png, to: base + ".png", in: batch)
            try stage(svg, to: base + ".svg", in: batch)
            if singleFile { images[entry.name] = "data:image/png;base64," + png.base64EncodedString() }
        }
        do {
            try ResultsTable.stage(runs, in: directory, into: batch)
        } catch let error as AtomicWriteError {
            throw ReportError(error.description)
        } catch {
            throw ReportError("cannot write results tables in \(quotedPath(directory)): \(error)")
        }
        let findings = Analysis.findings(groups: groups, rangeTests: rangeTests)
        let findingsPath = (directory as NSString).appendingPathComponent("findings.json")
        do {
            try stage(try FindingsFile.data(findings), to: findingsPath, in: batch)
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError("cannot encode findings.json: \(error)")
        }
        var model = ReportModel(runs: runs, findings: findings, charts: charts, images: images, css: css,
                                groups: groups)
        model.setOtherRuns(otherRuns, directory: directory)
        if singleFile {
            // One file to send: the table goes inside as a data URI; results.json (with every
            // epoch of every run) is too large to embed and is not linked.
            model.csvLink = "data:text/csv;base64," + Data(ResultsTable.csv(runs).utf8).base64EncodedString()
            model.linksJSON = false
        }
        let index = (directory as NSString).appendingPathComponent("index.html")
        let markdown = (directory as NSString).appendingPathComponent("report.md")
        try stage(Data(markdownTemplate.render(model.markdownEscaped()).utf8), to: markdown, in: batch)
        // index.html last: it is renamed last, once everything it shows is in place.
        try stage(Data(indexTemplate.render(model).utf8), to: index, in: batch)
        let written = batch.paths
        do {
            try batch.commit()
        } catch {
            throw ReportError(error.description)
        }
        return [index, markdown] + written.filter { $0 != index && $0 != markdown }
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
        } catch {
            throw ReportError("template \(name) is not valid Mustache: \(error)")
        }
    }

    /// The template `name` from `templatesDirectory` when present there, else the built-in one.
    func template(_ name: String) throws(ReportError) -> String {
        if let templatesDirectory {
            let path = (templatesDirectory as NSString).appendingPathComponent(name)
            if let data = FileManager.default.contents(atPath: path) {
                guard let text = String(data: data, encoding: .utf8) else { throw ReportError("\(path) is not UTF-8 text") }
                return text
            }
        }
        guard let text = EmbeddedFiles.contents[name] else { throw ReportError("built-in template \(name) is missing") }
        return text
    }
}

/// A failure to write a report (an unwritable folder, a broken custom template).
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
