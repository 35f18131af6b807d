/// One placed item of the legend row: its left x in logical px and its row (0 = first, 18 px per row).
struct LegendRowItem {
    enum Kind {
        /// The Bold legend title, e.g. "learning rate".
        case title(String)
        /// A series' swatch (20 px, 6 px gap) and label; `text` is the label, cut with "…" only when it alone
        /// is wider than the row.
        case entry(Series, text: String)
        /// The end-mark key: a ✕ and `Chart.endMarkKey`.
        case endMarkKey(String)
    }

    var kind: Kind
    var x: Double
    var row: Int
}

/// The legend row of docs/charts.md, wrapped so that no entry is ever cut: at x 20…780, a Bold title, then the
/// entries 18 px apart and the end-mark key ("✕ " + `Chart.endMarkKey`) 28 px after the last one. When that is
/// wider than the row, the entries (with the end-mark key as the last one) go into equal columns under the first entry, filled row by row,
/// with as few rows as fit and the entries spread evenly over them.
extension ChartLayout {
    /// Baseline distance between legend rows, logical px.
    static let legendRowPitch = 18.0

    /// Width of a legend entry: swatch 20, gap 6, label.
    private func entryWidth(_ text: String) -> Double { 26 + measurer.measure(text, font: Self.legendFont).width }

    private func endMarkKeyWidth(_ text: String) -> Double { 9 + 6 + measurer.measure(text, font: Self.legendFont).width }

    /// The legend row's end-mark key text: `Chart.endMarkKey` when it is not empty and some series has an end mark.
    var endMarkKey: String? {
        guard let key = chart.endMarkKey, !key.isEmpty,
              chart.panels.contains(where: { $0.series.contains { $0.endMark != nil } }) else { return nil }
        return key
    }

    /// Every item of the legend row, placed.
    func legendRowLayout() -> [LegendRowItem] {
        let left = Self.margin, right = Self.rightEdge
        var items: [LegendRowItem] = []
        var x = left
        if let title = chart.legendTitle, !title.isEmpty {
            items.append(LegendRowItem(kind: .title(title), x: x, row: 0))
            x += measurer.measure(title, font: .bold(12)).width + 15
        }
        let labelled = labelledSeries
        var kinds: [(LegendRowItem.Kind, Double)] = labelled.map { s in (.entry(s, text: s.label), entryWidth(s.label)) }
        if let key = endMarkKey { kinds.append((.endMarkKey(key), endMarkKeyWidth(key))) }
        guard !kinds.isEmpty else { return items }

        // One row, spaced as docs/charts.md draws it, when it fits.
        let oneRow = kinds.enumerated().reduce(0.0) { sum, e in
            sum + e.element.1 + (e.offset == 0 ? 0 : (isEndMarkKey(e.element.0) ? 28 : 18))
        }
        if x + oneRow <= right {
            for (i, (kind, width)) in kinds.enumerated() {
                if i > 0 { x += isEndMarkKey(kind) ? 28 : 18 }
                items.append(LegendRowItem(kind: kind, x: x, row: 0))
                x += width
            }
            return items
        }

        // Columns under the first entry; a title too wide to leave two columns beside it gets a row of its own.
        let gap = 18.0
        var start = x, firstRow = 0
        var column = (kinds.map(\.1).max() ?? 0) + gap
        if items.count > 0, Int((right - start + gap) / column) < 2 {
            start = left
            firstRow = 1
        }
        let room = right - start
        if column - gap > room {
            // A label wider than the whole row: cut it so it fits, with "…".
            kinds = kinds.map { kind, width in
                guard case let .entry(s, text) = kind, width > room else { return (kind, width) }
                let cut = TextWrap.truncated(text, font: Self.legendFont, maxWidth: room - 26, measurer: measurer)
                return (.entry(s, text: cut), entryWidth(cut))
            }
            column = (kinds.map(\.1).max() ?? 0) + gap
        }
        var columns = max(Int((room + gap) / column), 1)
        let rows = (kinds.count + columns - 1) / columns
        columns = (kinds.count + rows - 1) / rows
        for (i, (kind, _)) in kinds.enumerated() {
            items.append(LegendRowItem(kind: kind, x: start + Double(i % columns) * column, row: firstRow + i / columns))
        }
        return items
    }

    /// Rows the legend row takes (at least 1).
    var legendRowCount: Int { (legendRowLayout().map(\.row).max() ?? 0) + 1 }

    /// Height the legend row takes beyond its first row, logical px; the plot moves down by this.
    var legendRowExtraHeight: Double { Self.legendRowPitch * Double(legendRowCount - 1) }

    private func isEndMarkKey(_ kind: LegendRowItem.Kind) -> Bool {
        if case .endMarkKey = kind { return true }
        return false
    }
}
