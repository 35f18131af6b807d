import Charts
import Formatting
import Insights
import Results

extension ReportCharts {
    /// Most panels a small-multiples chart or a faceted heatmap gets; past it, the keys beyond the
    /// first are held at the best point's values.
    static let maxPanels = 12
    /// Most "diverged at step N" labels a small-multiples chart writes; past it the ✕ alone marks
    /// divergence and the findings give the steps.
    static let maxDivergenceLabels = 6

    /// The heatmap's rows and columns: the batch size down and the learning rate across when the
    /// grid varies them, else the first keys; one key alone goes across.
    var heatmapAxes: (rows: GridAxis?, columns: GridAxis)? {
        let rows = batchAxis ?? (axes.count >= 2 ? axes.first : nil)
        let remaining = axes.filter { $0.key != rows?.key }
        guard let columns = remaining.first(where: { $0.key == GridAxis.rateKey }) ?? remaining.first else { return nil }
        return (rows, columns)
    }

    /// Final accuracy per (row, column), mean over seeds, one facet per combination of the other
    /// keys; best cells as `Analysis.bestPoints` says.
    func heatmaps() -> [Entry] {
        guard let (rowAxis, columnAxis) = heatmapAxes else { return [] }
        let gridKeys: Set<String> = Set([rowAxis?.key, columnAxis.key].compactMap { $0 })
        let facets = panelContexts(excluding: gridKeys)
        let bestPoints = Set(best.map(\.point))
        let rows = rowAxis?.values ?? []
        func group(_ context: GridPoint, row: GridValue?, column: GridValue) -> PointGroup? {
            groups.first { g in
                guard g.point.value(columnAxis.key) == column, g.point.removing(gridKeys) == context else { return false }
                guard let row else { return true }
                return g.point.value(row.key) == row
            }
        }
        func cells(_ context: GridPoint) -> [[HeatmapCell]] {
            let rowValues: [GridValue?] = rows.isEmpty ? [nil] : rows.map { Optional($0) }
            return rowValues.map { row in
                columnAxis.values.map { column -> HeatmapCell in
                    guard let group = group(context, row: row, column: column) else { return .missing }
                    if group.allDiverged, let step = group.runs.compactMap(\.divergence?.step).min() {
                        return Self.divergedCell(step: step)
                    }
                    guard let value = group.selection else { return .missing }
                    return .value(value, best: bestPoints.contains(group.point),
                                  detail: group.spread.map { "± " + formatFixed($0 * 100, decimals: 1) })
                }
            }
        }
        let metric = Noise(groups).usesValidation ? "validation" : "test"
        let seeds = groups.map(\.runs.count).max() ?? 1
        let rowWord = rowAxis.map { " by \($0.title) and" } ?? " by"
        var heatmap = Heatmap(
            title: "Final \(metric) accuracy\(rowWord) \(columnAxis.title)",
            subtitle: setup.clauses(including: ["after \(setup.epochsClause)"]
                                    + (seeds > 1 ? ["mean of \(seeds) seeds"] : [])
                                    + ["outlined: best", "hatched: diverged"]),
            rowLabels: rows.map(\.label), columnLabels: columnAxis.values.map(\.label),
            cells: facets.count == 1 ? cells(facets[0].context) : [],
            rowTitle: rowAxis?.title ?? "", columnTitle: columnAxis.title, colorBarTitle: "final \(metric) accuracy")
        if facets.count > 1 {
            heatmap.facets = facets.map { HeatmapFacet(title: $0.title, cells: cells($0.context)) }
        }
        let extra = facets.count > 1 ? ", one panel per " + axes.filter { !gridKeys.contains($0.key) }.map(\.title).joined(separator: " and ") : ""
        return [Entry(name: "heatmap", figure: heatmap,
                      caption: "Final \(metric) accuracy of every \(rowAxis.map { $0.title + " and " } ?? "")\(columnAxis.title)\(extra); the best point is outlined, diverged runs are hatched.")]
    }

    /// The combinations of the keys other than `excluded`, as panel titles: all of them, or when
    /// there are more than `maxPanels`, those of the first such key with the rest held at the
    /// best point's values. A grid without other keys gives one untitled context.
    func panelContexts(excluding excluded: Set<String>) -> [(context: GridPoint, title: String)] {
        let contexts = PointGroup.contexts(groups, varying: excluded).map { $0.context }
        guard contexts.count > Self.maxPanels, let anchor = best.first?.point.removing(excluded),
              let first = axes.first(where: { !excluded.contains($0.key) }) else {
            return contexts.map { ($0, $0.label) }
        }
        let held = anchor.removing(first.key)
        let kept = contexts.filter { $0.removing(first.key) == held }
        return kept.prefix(Self.maxPanels).map { ($0, $0.label) }
    }

    /// One panel per combination of the other keys, one line per value of the line key (the
    /// learning rate when the grid varies it), all seeds as mean and band.
    func smallMultiples() -> Entry? {
        let lineCandidates = colorableAxes
        guard let line = lineCandidates.first(where: { $0.key == GridAxis.rateKey }) ?? lineCandidates.last else { return nil }
        let contexts = panelContexts(excluding: [line.key])
        guard contexts.count > 1 else { return nil }
        var panels = contexts.map { context in
            Panel(title: context.title, series: line.values.enumerated().compactMap { rank, value -> Series? in
                guard let group = groups.first(where: { $0.point.removing(line.key) == context.context && $0.point.value(line.key) == value }) else { return nil }
                return accuracySeries(group.runs, label: Self.label(value), color: rank, valueText: false)
            })
        }
        // Many ✕ in small panels: their steps go to the divergence finding, not to a wall of notes.
        let marks = panels.reduce(0) { $0 + $1.series.filter { $0.endMark != nil }.count }
        if marks > Self.maxDivergenceLabels {
            for p in panels.indices {
                for s in panels[p].series.indices { panels[p].series[s].endMark?.label = "" }
            }
        }
        let otherAxes = axes.filter { $0.key != line.key }
        let others = Analysis.list(otherAxes.map(\.title), separator: ", ")
        var chart = Chart(title: "Test accuracy per epoch, by \(line.title) and \(others)",
                          subtitle: setup.clauses(including: [setup.epochsClause, repeatsClause, "a run diverges when its recent loss exceeds 4× the initial loss"]),
                          xAxis: Axis(title: "epoch", domain: 0...Double(max(setup.epochs, 1)), wholeNumbers: true),
                          yAxis: Axis(title: "test accuracy", format: .percent, includesZero: false),
                          panels: panels, legendTitle: line.title, endMarkKey: Self.divergedKey)
        chart.colorCount = line.values.count
        // Two panel keys make a table: one row per value of the first, one column per value of the last.
        if otherAxes.count == 2, let last = otherAxes.last, contexts.count == otherAxes.reduce(1, { $0 * $1.values.count }),
           last.values.count <= 4 {
            chart.columns = last.values.count
        }
        return Entry(name: "small-multiples", figure: chart,
                     caption: "One panel per \(others), one line per \(line.title); ✕ marks where a run diverged.")
    }
}
