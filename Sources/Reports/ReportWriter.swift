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
    /// Failed runs (status `failed`) are listed — a finding of kind `failed`, rows in the tables —
    /// and left out of everything else (findings, charts, counts): they have no or partial history.
    /// With failed runs only, only `results.csv`, `results.json` and `findings.json` are written.
    public func write(runs unordered: [RunRecord], rangeTests: [RangeTestRecord] = [], to directory: String,
                      otherRuns: Int = 0) throws(ReportError) -> [String] {
        let all = unordered.sorted(by: RunRecord.gridOrder)
        guard !all.isEmpty else { throw ReportError("no finished runs to report in \(directory)") }
        let failed = all.filter { $0.status == .failed }
        let runs = all.filter { $0.status != .failed }
        let failedFindings = FailedRuns.findings(failed)
        guard !runs.isEmpty else { return try writeTables(all, findings: failedFindings, to: directory) }
        let fm = FileManager.default
        let chartsDirectory = (directory as NSString).appendingPathComponent("charts")
        do {
            try fm.createDirectory(atPath: chartsDirectory, withIntermediateDirectories: true)
        } catch {
            throw ReportError("cannot create \(chartsDirectory): \(error.localizedDescription)")
        }
        // Grouped once: findings, charts and the table all read the same grid points.
        let groups = PointGroup.group(runs)
        let charts = ReportCharts(runs: runs, setup: SetupText(runs), rangeTests: rangeTests, groups: groups).all()
        var written: [String] = []
        for entry in charts {
            let base = (chartsDirectory as NSString).appendingPathComponent(entry.name)
            do {
                try Charts.render(entry.figure, png: base + ".png")
                try Charts.render(entry.figure, svg: base + ".svg")
            } catch {
                throw ReportError("cannot draw chart \(entry.name): \(error)")
            }
            written += [base + ".png", base + ".svg"]
        }
        do {
            written += try ResultsTable.write(all, to: directory)
        } catch {
            throw ReportError("cannot write results tables in \(directory): \(error.localizedDescription)")
        }
        let findings = failedFindings + Analysis.findings(groups: groups, rangeTests: rangeTests)
        do {
            written.append(try FindingsFile.write(findings, to: directory))
        } catch {
            throw ReportError("cannot write findings.json in \(directory): \(error.localizedDescription)")
        }
        var images: [String: String] = [:]
        if singleFile {
            for entry in charts {
                let path = (chartsDirectory as NSString).appendingPathComponent(entry.name + ".png")
                guard let data = FileManager.default.contents(atPath: path) else { throw ReportError("cannot read back \(path)") }
                images[entry.name] = "data:image/png;base64," + data.base64EncodedString()
            }
        }
        var model = ReportModel(runs: runs, findings: findings, charts: charts, images: images, css: try template("style.css"),
                                groups: groups, failed: failed)
        model.setOtherRuns(otherRuns, directory: directory)
        if singleFile {
            // One file to send: the table goes inside as a data URI; results.json (with every
            // epoch of every run) is too large to embed and is not linked.
            model.csvLink = "data:text/csv;base64," + Data(ResultsTable.csv(all).utf8).base64EncodedString()
            model.linksJSON = false
        }
        let index = (directory as NSString).appendingPathComponent("index.html")
        let markdown = (directory as NSString).appendingPathComponent("report.md")
        try render("index.mustache", model, to: index)
        try render("report.md.mustache", model, to: markdown)
        return [index, markdown] + written
    }

    /// The tables and findings.json alone (every run failed: nothing to chart or analyse).
    private func writeTables(_ runs: [RunRecord], findings: [Finding], to directory: String) throws(ReportError) -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            return try ResultsTable.write(runs, to: directory) + [try FindingsFile.write(findings, to: directory)]
        } catch {
            throw ReportError("cannot write results tables in \(directory): \(error.localizedDescription)")
        }
    }

    private func render(_ name: String, _ model: ReportModel, to path: String) throws(ReportError) {
        let text = try template(name)
        let rendered: String
        do {
            rendered = try MustacheTemplate(string: text).render(model)
        } catch {
            throw ReportError("template \(name) is not valid Mustache: \(error)")
        }
        do {
            try Data(rendered.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportError("cannot write \(path): \(error.localizedDescription)")
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
