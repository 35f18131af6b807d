import Charts
import Formatting
import Insights
import Results

/// The lecture notes' figure: for each batch size, accuracy (top row) and loss (bottom row) on the
/// training and the test set over epochs, so the gap between them (generalisation) and the speed of
/// training can be read for every batch size side by side.
extension ReportCharts {
    /// Most columns (grid points) one lecture figure gets; more go into further figures, evenly.
    static let maxLectureColumns = 6

    /// One column of the figure: a grid point and its title.
    struct LectureColumn {
        var group: PointGroup
        var title: String
    }

    /// Which sets a figure draws, in legend order (training solid, test dashed, validation dotted).
    enum LectureSet: CaseIterable {
        case training, test, validation

        var label: String {
            switch self {
            case .training: return "training"
            case .test: return "test"
            case .validation: return "validation"
            }
        }

        var color: Int {
            switch self {
            case .training: return 0
            case .test: return 1
            case .validation: return 2
            }
        }

        var style: LineStyle {
            switch self {
            case .training: return .solid
            case .test: return .dashed
            case .validation: return .dotted
            }
        }

        /// The set's accuracy or loss after an epoch; training prefers the full pass over the
        /// training set (`fullTrain…`, no dropout) to the mean over the epoch's minibatches.
        func value(_ e: EpochMetrics, loss: Bool) -> Double? {
            switch self {
            case .training: return loss ? (e.fullTrainLoss ?? e.trainLoss) : (e.fullTrainAccuracy ?? e.trainAccuracy)
            case .test: return loss ? e.testLoss : e.testAccuracy
            case .validation: return loss ? e.validationLoss : e.validationAccuracy
            }
        }

        /// The same at a run's divergence (its one evaluation then).
        func value(_ d: DivergenceInfo, loss: Bool) -> Double? {
            switch self {
            case .training: return loss ? d.trainLoss : d.trainAccuracy
            case .test: return loss ? d.testLoss : d.testAccuracy
            case .validation: return loss ? d.validationLoss : d.validationAccuracy
            }
        }
    }

    /// Which grid points the figure shows: `report.curves` of the sweep (the first run's), `best`
    /// by default.
    var curvePoints: ReportSettings.CurvePoints { runs.first?.sweep.report?.curves ?? .best }

    /// The columns of the lecture figures, as figures: with a batch-size key, each batch size at its
    /// best point (`Analysis.bestPoints` among that batch size's points), or with `curves: every`
    /// every grid point, one figure per setting of the other keys (when each has at most
    /// `maxLectureColumns` batch sizes) or in grid order; without one, the best point alone, or
    /// every point. Figures of more than `maxLectureColumns` columns are split evenly.
    func lectureColumns() -> [(context: String, columns: [LectureColumn])] {
        let varying = Set(axes.map(\.key))
        func title(_ group: PointGroup, without keys: Set<String> = []) -> String {
            group.point.values.filter { varying.contains($0.key) && !keys.contains($0.key) }.map(\.phrase).joined(separator: ", ")
        }
        let usable = groups.filter { !$0.runs.isEmpty }
        switch (batchAxis, curvePoints) {
        case let (batch?, .best):
            let columns = batch.values.compactMap { value -> LectureColumn? in
                let mine = usable.filter { $0.point.value(batch.key) == value }
                guard let chosen = Analysis.bestPoints(mine).first ?? mine.first else { return nil }
                return LectureColumn(group: chosen, title: title(chosen))
            }
            return Self.split(columns).map { ("", $0) }
        case let (batch?, .every):
            let contexts = PointGroup.contexts(usable, varying: [batch.key])
            if contexts.count > 1, contexts.allSatisfy({ $0.groups.count <= Self.maxLectureColumns }) {
                return contexts.map { context in
                    let name = context.context.values.filter { varying.contains($0.key) }.map(\.phrase).joined(separator: ", ")
                    return (name, context.groups.map { LectureColumn(group: $0, title: title($0, without: Set(varying.subtracting([batch.key])))) })
                }
            }
            return Self.split(usable.map { LectureColumn(group: $0, title: title($0)) }).map { ("", $0) }
        case (nil, .best):
            guard let chosen = best.first ?? usable.first else { return [] }
            return [("", [LectureColumn(group: chosen, title: title(chosen))])]
        case (nil, .every):
            return Self.split(usable.map { LectureColumn(group: $0, title: title($0)) }).map { ("", $0) }
        }
    }

    /// `columns` cut into as few figures of at most `maxLectureColumns` as possible, of nearly equal widths.
    static func split(_ columns: [LectureColumn]) -> [[LectureColumn]] {
        guard !columns.isEmpty else { return [] }
        let figures = (columns.count + maxLectureColumns - 1) / maxLectureColumns
        return (0..<figures).map { f in
            Array(columns[(f * columns.count / figures)..<((f + 1) * columns.count / figures)])
        }
    }

    /// The lecture figures: `lecture-figure`, then `lecture-figure-2`… when the columns take several.
    func lectureFigures() -> [Entry] {
        var figures = lectureColumns().filter { !$0.columns.isEmpty }
        // With several figures (`curves: every`), the one holding the best point comes first: it
        // is `lecture-figure`, the page's lead chart.
        let bestPoints = Set(best.map(\.point))
        if let first = figures.firstIndex(where: { f in f.columns.contains { bestPoints.contains($0.group.point) } }), first > 0 {
            figures.insert(figures.remove(at: first), at: 0)
        }
        return figures.enumerated().map { k, figure in
            lectureFigure(figure.columns, context: figure.context,
                          name: k == 0 ? "lecture-figure" : "lecture-figure-\(k + 1)")
        }
    }

    /// One figure: a column per grid point, accuracy above and loss below, shared y-axes per row
    /// and a shared x (epochs); means over seeds with their range as a band.
    func lectureFigure(_ columns: [LectureColumn], context: String, name: String) -> Entry {
        let all = columns.flatMap(\.group.runs)
        let hasValidation = all.contains { $0.history.contains { $0.validationAccuracy != nil } }
        // Logs imported without a test set carry the validation curves in the test fields as
        // well (the findings need a held-out figure): the same curve is drawn once, as validation.
        let testIsValidation = hasValidation && all.allSatisfy { run in
            run.history.allSatisfy { $0.testAccuracy == $0.validationAccuracy && $0.testLoss == $0.validationLoss }
        }
        let sets: [LectureSet] = !hasValidation ? [.training, .test]
            : testIsValidation ? [.training, .validation] : [.training, .test, .validation]
        let heldOut: LectureSet = sets.contains(.test) ? .test : .validation
        let fullPass = all.contains { $0.history.contains { $0.fullTrainAccuracy != nil } }
        var top: [Panel] = [], bottom: [Panel] = []
        for column in columns {
            top.append(Panel(title: column.title.isEmpty ? nil : column.title,
                             series: sets.compactMap { lectureSeries(column.group.runs, set: $0, loss: false) }))
            bottom.append(Panel(series: sets.compactMap { lectureSeries(column.group.runs, set: $0, loss: true) }))
        }
        // Each ✕ is drawn on every line of a diverged column; only the held-out accuracy's (test,
        // else validation) carries the words, and none when there would be more than a few.
        var panels = top + bottom
        let labelled = top.reduce(0) { $0 + $1.series.filter { $0.endMark != nil && $0.label == heldOut.label }.count }
        for p in panels.indices {
            for s in panels[p].series.indices where panels[p].series[s].endMark != nil {
                let keep = p < top.count && panels[p].series[s].label == heldOut.label && labelled <= Self.maxDivergenceLabels
                if !keep { panels[p].series[s].endMark?.label = "" }
            }
        }
        let byBatch = batchAxis != nil && columns.count > 1
        let others = axes.filter { $0.key != GridAxis.batchKey }
        let choice: String
        if curvePoints == .best, !others.isEmpty, byBatch {
            choice = "each at its best " + Analysis.list(others.map(\.title), separator: ", ")
        } else {
            choice = ""
        }
        let setWords = sets.map(\.label)
        let anyHistory = all.contains { !$0.history.isEmpty }
        let training = !anyHistory ? "" : fullPass ? "training: a full pass after each epoch" : "training: mean over each epoch's minibatches"
        let held = sets.contains(.test) ? (sets.contains(.validation) ? "validation and test" : "test") : "validation"
        let title = "Training\(sets.count > 2 ? "," : " and") \(held) accuracy and loss per epoch" + (byBatch ? ", by batch size" : "")
            + (context.isEmpty ? "" : ", \(context)")
        let accuracy = Axis(title: "accuracy", format: .percent, includesZero: false)
        var chart = Chart(title: title,
                          subtitle: setup.clauses(including: [choice, setup.epochsClause, repeatsClause, training]),
                          xAxis: Axis(title: "epoch", domain: 0...Double(max(setup.epochs, 1)), wholeNumbers: true),
                          yAxis: accuracy, panels: panels, columns: max(columns.count, 1),
                          colorCount: sets.count, endMarkKey: Self.divergedKey)
        chart.rowYAxes = [accuracy, Axis(title: "loss (log scale)", scale: .log)]
        let setList = Analysis.list(setWords.map { $0 == "training" ? "training (solid)" : $0 == "test" ? "test (dashed)" : "validation (dotted)" },
                                    separator: ", ")
        let what = byBatch ? "For each batch size" + (choice.isEmpty ? "" : " (\(choice))") : "For " + (columns.count == 1 ? "the best grid point" : "each grid point")
        return Entry(name: name, figure: chart,
                     caption: what + ": accuracy (top) and loss (bottom) after each epoch on the \(setList) sets; "
                         + "a gap that opens between training and \(heldOut.label) is the generalisation gap.")
    }

    /// One set's accuracy or loss over epochs for the seeds of one grid point: the run's line, or the
    /// mean with the seeds' range as a band. A ✕ where every seed diverged. nil when the runs never
    /// measured the set.
    func lectureSeries(_ runs: [RunRecord], set: LectureSet, loss: Bool) -> Series? {
        guard let first = runs.first else { return nil }
        let measured = runs.contains { run in run.history.contains { set.value($0, loss: loss) != nil } }
            || runs.contains { run in run.divergence.flatMap { set.value($0, loss: loss) } != nil }
        guard measured else { return nil }
        let allDiverged = runs.allSatisfy { $0.status == .diverged }
        let mark = allDiverged ? first.divergence.map { d in
            EndMark(x: d.epochsSeen, y: set.value(d, loss: loss), label: Self.divergedLabel(step: d.step))
        } : nil
        if runs.count == 1 {
            let points = first.history.compactMap { e in set.value(e, loss: loss).map { ChartPoint(x: Double(e.epoch), y: $0) } }
            return Series(label: set.label, colorIndex: set.color, points: points, endMark: mark, lineStyle: set.style)
        }
        let summary = RepeatSummary(runs) { set.value($0, loss: loss) ?? .nan }
        return Series(label: set.label, colorIndex: set.color, points: summary.mean, endMark: mark,
                      band: summary.range.map { BandPoint(x: $0.x, low: $0.low, high: $0.high) }, lineStyle: set.style)
    }
}
