import Foundation
@testable import Reports
import Results
import Testing

/// The page's parts as values: chart switches, the lead chart, the summary, run details, the
/// reproducibility section and the theme, on hand-made runs and chart entries.
@Suite struct PageModelTests {
    static let runs = [run(batch: 64, rate: 0.1), run(batch: 256, rate: 0.1), run(batch: 64, rate: 5, diverged: true),
                       run(batch: 256, rate: 5, diverged: true)]

    /// The report's real chart entries for `runs`, as the writer makes them, without the lecture
    /// figure and with the training-loss group reduced to its default chart, ungrouped: the
    /// tests below build their own switches and leads from these.
    static func entries(_ runs: [RunRecord] = runs) -> [ReportCharts.Entry] {
        realEntries(runs).filter { $0.name != "lecture-figure" && ($0.variant == nil || $0.variant == "examples") }
            .map { entry in
                var plain = entry
                plain.group = nil
                plain.variant = nil
                return plain
            }
    }

    static func realEntries(_ runs: [RunRecord] = runs) -> [ReportCharts.Entry] {
        let ordered = runs.sorted(by: RunRecord.gridOrder)
        return ReportCharts(runs: ordered, setup: SetupText(ordered)).all()
    }

    @Test func theRealTrainingLossChartsBecomeOneSwitchAndTheLectureFigureLeads() throws {
        let views = ReportModel.chartViews(Self.realEntries(), images: [:])
        let switches = views.filter(\.isSwitch)
        #expect(switches.map(\.name) == ["train-loss"])
        #expect(switches.first?.variants.map(\.label) == ["examples seen", "epochs", "steps", "seconds"])
        #expect(ReportModel.leadIndex(views).map { views[$0].name } == "lecture-figure")
    }

    /// `entries` with four copies of the first, grouped as one chart over four x-axes, inserted second.
    static func withSwitch(_ entries: [ReportCharts.Entry], group: String = "train-loss",
                           variants: [String] = ["epoch", "step", "examples", "seconds"]) throws -> [ReportCharts.Entry] {
        let base = try #require(entries.first)
        var copies: [ReportCharts.Entry] = []
        for variant in variants {
            var copy = base
            copy.name = "\(group)-by-\(variant)"
            copy.caption = "Training loss over \(variant)."
            copy.group = group
            copy.variant = variant
            copies.append(copy)
        }
        return [entries[0]] + copies + entries.dropFirst()
    }

    @Test func entriesOfOneGroupBecomeOneSwitch() throws {
        let entries = try Self.withSwitch(Self.entries())
        let views = ReportModel.chartViews(entries, images: [:])
        #expect(views.count == entries.count - 3)
        let switches = views.filter(\.isSwitch)
        try #require(switches.count == 1)
        let view = try #require(switches.first)
        #expect(views.firstIndex { $0.isSwitch } == 1, "the switch stands where its first entry stood")
        #expect(view.name == "train-loss")
        #expect(view.variants.map(\.label) == ["epochs", "steps", "examples seen", "seconds"])
        #expect(view.variants.map(\.checked) == [true, false, false, false])
        #expect(view.variants.map(\.file) == ["charts/train-loss-by-epoch.png", "charts/train-loss-by-step.png",
                                              "charts/train-loss-by-examples.png", "charts/train-loss-by-seconds.png"])
        #expect(Set(view.variants.map(\.inputId)).count == 4)
        #expect(view.variants.allSatisfy { $0.inputId.hasPrefix(view.inputName + "-") })
        // Charts without a group, and a group of one, stay charts of their own.
        #expect(views.filter { !$0.isSwitch }.allSatisfy { $0.variants.isEmpty })
        var lonely = Self.entries()
        lonely[0].group = "alone"
        #expect(ReportModel.chartViews(lonely, images: [:]).allSatisfy { !$0.isSwitch })
    }

    @Test func aSwitchHoldsAtMostEightChartsAndTheRestStandAlone() throws {
        let variants = (1...10).map { "v\($0)" }
        let entries = try Self.withSwitch(Array(Self.entries().prefix(1)), group: "many", variants: variants)
        let views = ReportModel.chartViews(entries, images: [:])
        #expect(views.count == 1 + 1 + 2)
        #expect(views[1].variants.count == ReportModel.maxVariants)
        #expect(views[2].name == "many-by-v9" && !views[2].isSwitch)
    }

    @Test func theLeadChartIsTheLectureFigureElseTheHeatmapElseTheFirst() throws {
        var entries = Self.entries()
        let names = entries.map(\.name)
        #expect(names.contains("heatmap"))
        var views = ReportModel.chartViews(entries, images: [:])
        #expect(ReportModel.leadIndex(views).map { views[$0].name } == "heatmap")
        entries[entries.count - 1].name = "lecture-figure"
        views = ReportModel.chartViews(entries, images: [:])
        #expect(ReportModel.leadIndex(views).map { views[$0].name } == "lecture-figure")
        let withoutHeatmap = Self.entries().filter { $0.name != "heatmap" }
        views = ReportModel.chartViews(withoutHeatmap, images: [:])
        #expect(ReportModel.leadIndex(views) == 0)
        #expect(ReportModel.leadIndex([]) == nil)
    }

    @Test func thePageRendersTheSwitchWithRadioInputsAndOneCheckedPane() throws {
        let entries = try Self.withSwitch(Self.entries())
        let model = ReportModel(runs: Self.runs, findings: [], charts: entries, css: "")
        #expect(model.lead.first?.name == "heatmap")
        #expect(!model.charts.contains { $0.name == "heatmap" }, "the lead chart is not repeated")
        let html = try ReportWriter().page(model)
        #expect(html.components(separatedBy: "<figure class=\"switch\">").count - 1 == 1)
        #expect(html.components(separatedBy: "type=\"radio\"").count - 1 == 4)
        #expect(html.components(separatedBy: " checked>").count - 1 == 1)
        #expect(html.components(separatedBy: "<div class=\"pane\">").count - 1 == 4)
        #expect(html.contains("<label for=\"x-train-loss-step\">steps</label>"))
        #expect(html.contains("src=\"charts/train-loss-by-seconds.png\""))
        // The lead chart comes before the findings, the summary before it.
        let summary = try #require(html.range(of: "class=\"summary\""))
        let lead = try #require(html.range(of: "src=\"charts/heatmap.png\""))
        let findings = try #require(html.range(of: "What this shows"))
        #expect(summary.lowerBound < lead.lowerBound && lead.lowerBound < findings.lowerBound)
    }

    @Test func reportMarkdownShowsTheFirstVariantAndLinksTheOthers() throws {
        let model = ReportModel(runs: Self.runs, findings: [], charts: try Self.withSwitch(Self.entries()), css: "")
        let markdown = try ReportWriter().page(model.markdownEscaped(), template: "report.md.mustache")
        #expect(markdown.contains("![Test accuracy per epoch, by batch size](charts/train-loss-by-epoch.png)"))
        #expect(markdown.contains("The same over [steps](charts/train-loss-by-step.png), [examples seen](charts/train-loss-by-examples.png) and [seconds](charts/train-loss-by-seconds.png)."))
        #expect(markdown.contains("- **Best:** batch 64, lr 0.1 has the highest final test accuracy"))
        #expect(markdown.contains("## Reproducibility"))
    }

    @Test func theSummarySaysWhatBatchSizeAndRateDid() {
        let lines = PageSummary(runs: Self.runs).lines
        #expect(lines.map(\.label) == ["Best", "Batch size", "Learning rate", "Diverged", "Time"])
        let text = Dictionary(lines.map { ($0.label, $0.text) }, uniquingKeysWith: { a, _ in a })
        #expect(text["Best"]?.hasPrefix("batch 64, lr 0.1 has the highest final test accuracy, 89.4% (of 4 settings).") == true)
        #expect(text["Batch size"] == "At lr 0.1, final test accuracy is 89.4% with batch 64 and 87.4% with batch 256: it falls as the batch size grows.")
        #expect(text["Learning rate"] == "At batch 64, final test accuracy is 89.4% with lr 0.1 and diverged with lr 5.")
        #expect(text["Diverged"] == "2 of 4 runs diverged: lr 5 with every batch size (all by step 4).")
        #expect(text["Time"] == "240 ms of training for 4 runs, 60 ms each on average; the longest took 60 ms.")
    }

    @Test func theSummaryOfOneRunAndOfAllDiverged() {
        let one = PageSummary(runs: [run(batch: 64, rate: 0.1)]).lines
        #expect(one.map(\.label) == ["Best", "Diverged", "Time"])
        #expect(one.first?.text == "The one setting reached a final test accuracy of 89.4%.")
        #expect(one[1].text == "The run did not diverge.")
        let bad = PageSummary(runs: [run(batch: 64, rate: 5, diverged: true), run(batch: 256, rate: 5, diverged: true)], failed: 2).lines
        #expect(bad.first?.text.hasPrefix("Every setting diverged") == true)
        #expect(bad.map(\.label) == ["Best", "Diverged", "Failed", "Time"])
    }

    @Test func aLongKeyIsSummedUpByItsEndsAndItsBest() throws {
        let lines = PageSummary(runs: LargeSweepReportTests.records()).lines
        let text = Dictionary(lines.map { ($0.label, $0.text) }, uniquingKeysWith: { a, _ in a })
        let batch = try #require(text["Batch size"])
        #expect(batch == "At lr 0.001, final test accuracy is 90.8% ± 0.6 with batch 8 … 76.5% ± 0.6 with batch 1438 (10 values): highest with batch 8.")
        #expect(text["Diverged"] == "330 of 1,000 runs diverged: lr 1 with every batch size; lr 3 with every batch size; lr 10 with every batch size; lr 30 with every batch size (all by step 4).")
        #expect(lines.allSatisfy { $0.text.count < 400 }, "\(lines.map(\.text))")
    }

    @Test func theDivergenceLineNamesTheOtherKeysValues() {
        let runs = [run(batch: 64, rate: 0.1), run(batch: 256, rate: 0.1), run(batch: 1024, rate: 0.1),
                    run(batch: 64, rate: 5, diverged: true), run(batch: 256, rate: 5), run(batch: 1024, rate: 5, diverged: true)]
        let line = PageSummary(runs: runs).lines.first { $0.label == "Diverged" }
        #expect(line?.text == "2 of 6 runs diverged: lr 5 with batch 64 and 1024 (all by step 4).")
    }

    @Test func eachAtItsOwnBestRateWhenTheBestRatesDiffer() {
        var runs = [run(batch: 64, rate: 0.1), run(batch: 64, rate: 1), run(batch: 256, rate: 0.1), run(batch: 256, rate: 1)]
        // batch 256 is best at lr 1.
        runs[3].history = runs[3].history.map { var e = $0; e.testAccuracy += 0.005; return e }
        runs[2].history = runs[2].history.map { var e = $0; e.testAccuracy -= 0.1; return e }
        let lines = PageSummary(runs: runs).lines
        let batch = lines.first { $0.label == "Batch size" }?.text ?? ""
        #expect(batch.hasSuffix(" Each at its own best learning rate: 89.4% with batch 64 (lr 0.1) and 87.9% with batch 256 (lr 1)."), "\(batch)")
    }

    @Test func runDetailsListTheSpecAndBoundLargeSweeps() throws {
        let model = ReportModel(runs: Self.runs, findings: [], charts: [], css: "")
        #expect(model.runDetails.count == 4)
        let first = try #require(model.runDetails.first)
        #expect(first.spec.map(\.label) == ["data", "model", "optimizer", "schedule", "epochs", "batch size", "learning rate", "seed"])
        #expect(first.spec.first?.value == "digits: 1,438 train / 359 test examples, 64 features, 10 classes")
        #expect(first.metrics.first?.value == "89.4% accuracy, loss 0.420")
        #expect(first.name == "batch 64, lr 0.1" && first.outcome == "89.4% test accuracy")
        #expect(!model.hasSharedSpec && !model.hasRunDetailsNote)
        let diverged = try #require(model.runDetails.first { $0.statusClass == "diverged" })
        #expect(diverged.outcome == "diverged at step 4")

        let records = LargeSweepReportTests.records()
        let many = Array(records.prefix(200))
        let large = ReportModel(runs: many, findings: [], charts: [], sources: .init(runChartsOmitted: true), css: "")
        #expect(large.runDetails.count == 200)
        #expect(large.hasSharedSpec)
        #expect(large.sharedSpec.map(\.label) == ["data", "model", "optimizer", "schedule"])
        // Updates per epoch follow the batch size.
        #expect(large.runDetails.allSatisfy { $0.spec.map(\.label) == ["epochs", "batch size", "learning rate", "seed"] })
        #expect(large.runDetailsNote.contains("Per-run charts are drawn for sweeps of at most 60 runs; this one has 200."))
        #expect(Set(large.runDetails.map(\.anchor)).count == 200)
        // The short details leave out what the table shows.
        #expect(large.runDetails.allSatisfy { !$0.metrics.contains { $0.label == "final test" } && $0.metrics.contains { $0.label == "final train" || $0.label == "status" } })

        let huge = ReportModel(runs: Array(records.prefix(501)), findings: [], charts: [], sources: .init(runChartsOmitted: true), css: "")
        #expect(huge.runDetails.isEmpty && huge.hasSharedSpec)
        #expect(huge.runDetailsNote.hasPrefix("Runs get details of their own in sweeps of at most 500 runs; this one has 501:"))
    }

    @Test func reproducibilityCountsDistinctValuesAndSaysWhatIsNotRecorded() throws {
        var runs = Self.runs
        let provenance = Provenance(lrlabVersion: "0.1.0", command: ["lrlab", "run", "my sweep.yaml", "-o", "out"],
                                    sweepPath: "my sweep.yaml", sweepText: "name: s\n", cpu: "AMD EPYC 7B13", cores: 2,
                                    os: "Debian GNU/Linux 12 (bookworm)", dataSHA256: String(repeating: "ab", count: 32))
        runs[0].provenance = provenance
        runs[1].provenance = provenance
        var other = provenance
        other.cpu = "Intel Xeon"
        other.cores = 1
        runs[2].provenance = other
        let section = Reproducibility(runs)
        let byLabel = Dictionary(section.fields.map { ($0.label, $0) }, uniquingKeysWith: { a, _ in a })
        let command = try #require(byLabel["command"])
        #expect(command.values.map(\.value) == ["lrlab run 'my sweep.yaml' -o out", "not recorded"])
        #expect(command.values.map(\.count) == ["3 runs", "1 run"])
        let machine = try #require(byLabel["machine"])
        #expect(machine.values.map(\.value) == ["AMD EPYC 7B13, 2 cores, Debian GNU/Linux 12 (bookworm)",
                                                "Intel Xeon, 1 core, Debian GNU/Linux 12 (bookworm)", "not recorded"])
        #expect(section.missingNote == "Not recorded for 1 of 4 runs (made by an lrlab that did not record it).")
        #expect(section.sweepFiles.count == 1 && section.sweepFiles.first?.text == "name: s\n")
        #expect(byLabel["total time"]?.values.first?.value == "240 ms over 4 runs (200 ms in training loops)")

        let none = Reproducibility(Self.runs)
        #expect(none.fields.prefix(4).allSatisfy { $0.values.map(\.value) == ["not recorded"] && $0.isSingle })
        #expect(none.sweepFiles.isEmpty)
        #expect(none.missingNote.hasPrefix("Not recorded for these runs"))
    }

    @Test func shellWordsQuoteOnlyWhatNeedsIt() {
        #expect(ShellWords.join(["lrlab", "run", "sweeps/a.yaml", "--set", "train.epochs=2"]) == "lrlab run sweeps/a.yaml --set train.epochs=2")
        #expect(ShellWords.quote("it's") == "'it'\\''s'")
        #expect(ShellWords.quote("") == "''")
        #expect(ShellWords.quote("$HOME") == "'$HOME'")
        #expect(ShellWords.quote("a b") == "'a b'")
    }

    @Test func theThemeComesFromTheSweep() throws {
        var runs = Self.runs
        #expect(ReportModel(runs: runs, findings: [], charts: [], css: "").theme == "auto")
        for theme in ReportSettings.Theme.allCases {
            for i in runs.indices { runs[i].sweep.report = ReportSettings(theme: theme) }
            let model = ReportModel(runs: runs, findings: [], charts: [], css: "")
            #expect(model.theme == theme.rawValue)
            #expect(model.colorScheme == (theme == .auto ? "light dark" : theme == .dark ? "dark" : "light"))
            let html = try ReportWriter().page(model)
            #expect(html.contains("<html lang=\"en\" data-theme=\"\(theme.rawValue)\">"))
        }
    }

    @Test func tableCellsCarryRawSortValues() throws {
        let model = ReportModel(runs: Self.runs, findings: [], charts: [], css: "")
        let first = try #require(model.rows.first)
        #expect(first.gridCells.map(\.sort) == ["0", "0"])
        #expect(first.sort.finalTestAccuracy == "0.8936")
        #expect(first.sort.seconds == "0.06")
        let html = try ReportWriter().page(model)
        #expect(html.contains("<td class=\"num\" data-sort=\"0.8936\">89.4% <span class=\"tag\">best</span></td>"))
        #expect(html.contains("<script>") && html.contains("aria-sort"))
        #expect(sortKey(nil) == "" && sortKey(.nan) == "" && sortKey(1e-7) == "1e-07")
    }

    @Test func fencedBlocksOutlastTheTextsBackticks() {
        #expect(MarkdownText.fenced("a: 1\n", info: "yaml") == "```yaml\na: 1\n```")
        #expect(MarkdownText.fenced("x ```` y") == "`````\nx ```` y\n`````")
    }
}

/// Imported runs (`lrlab import`) record no model, no optimizer and no times: the page says so
/// instead of describing a linear model trained in no time.
@Suite struct ImportedRunsPageTests {
    @Test func settingsTheLogsDoNotRecordAreLeftOut() {
        var runs = PageModelTests.runs
        for i in runs.indices {
            runs[i].setup.activation = SetupText.notKnown
            runs[i].setup.hidden = []
            runs[i].setup.optimizer = SetupText.notKnown
            runs[i].wallSeconds = 0
        }
        let setup = SetupText(runs)
        #expect(setup.model.isEmpty && setup.optimizer.isEmpty)
        #expect(!setup.clauses(including: []).contains("linear model"))
        #expect(PageSummary.timeLine(runs).text == "Not recorded.")
        let model = ReportModel(runs: runs, findings: [], charts: [], css: "")
        #expect(!model.hasTrainingTime)
    }
}
