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
        } catch let error as MustacheTemplate.ParserError {
            let place = "\(templatePath(name) ?? name):\(error.context.lineNumber):\(error.context.columnNumber)"
            throw ReportError("template \(place): \(Self.describe(error.error))")
        } catch {
            throw ReportError("template \(templatePath(name) ?? name) cannot be rendered")
        }
        do {
            try Data(rendered.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportError("cannot write \(path): \(error.localizedDescription)")
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

/// A failure to write a report (an unwritable folder, a broken custom template).
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
