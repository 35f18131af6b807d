import Formatting

extension ReportModel {
    /// One pre-rendered chart of a switch: a radio input and its label pick which one shows.
    struct VariantView: Sendable {
        /// The radio input's id, unique in the page ("x-train-loss-step").
        let inputId: String
        /// What the switch's label says: "epochs", "steps", "examples seen", "seconds".
        let label: String
        /// The first variant is checked: the one shown without a click (and without scripts).
        let checked: Bool
        /// The chart shown when it is checked.
        let chart: ChartView

        var file: String { chart.file }
    }

    /// Most charts one switch holds (the stylesheet has a rule for each position).
    static let maxVariants = 8

    /// The page's charts in reading order: each entry as a `ChartView`, and entries that share a
    /// `group` as one switch at the place of the group's first entry (its variants in entry order;
    /// past `maxVariants` the rest are charts of their own). `images`: chart name → data URI.
    /// `pdf`: every chart was also written as PDF, to be linked.
    static func chartViews(_ entries: [ReportCharts.Entry], images: [String: String], pdf: Bool = false) -> [ChartView] {
        let embedded = !images.isEmpty
        let linksPDF = pdf && !embedded
        func single(_ entry: ReportCharts.Entry) -> ChartView {
            ChartView(name: entry.name, png: images[entry.name] ?? "charts/\(entry.name).png", file: "charts/\(entry.name).png",
                      svg: embedded ? "" : "charts/\(entry.name).svg", caption: entry.caption, alt: entry.title,
                      linksSVG: !embedded, isSwitch: false, inputName: "", variants: [],
                      pdf: linksPDF ? "charts/\(entry.name).pdf" : "", linksPDF: linksPDF)
        }
        var members: [String: [ReportCharts.Entry]] = [:]
        for entry in entries {
            if let group = entry.group { members[group, default: []].append(entry) }
        }
        var views: [ChartView] = []
        var placed: Set<String> = []
        var usedIds: Set<String> = []
        for entry in entries {
            guard let group = entry.group, let list = members[group], list.count > 1 else {
                views.append(single(entry))
                continue
            }
            guard !placed.contains(group) else {
                // Past the switch's capacity: a chart of its own.
                if !list.prefix(maxVariants).contains(where: { $0.name == entry.name }) { views.append(single(entry)) }
                continue
            }
            placed.insert(group)
            let name = uniqueId("x-" + htmlId(group), used: &usedIds)
            let variants = list.prefix(maxVariants).enumerated().map { index, member in
                let first = single(member)
                return VariantView(inputId: uniqueId(name + "-" + htmlId(member.variant ?? member.name), used: &usedIds),
                                   label: variantLabel(member.variant ?? member.name), checked: index == 0, chart: first)
            }
            guard let first = variants.first?.chart else { continue }
            views.append(ChartView(name: group, png: first.png, file: first.file, svg: first.svg, caption: first.caption,
                                   alt: first.alt, linksSVG: first.linksSVG, isSwitch: true, inputName: name,
                                   variants: variants, pdf: first.pdf, linksPDF: first.linksPDF))
        }
        return views
    }

    /// The chart that answers the sweep's question, for the first screen: the lecture notes'
    /// figure when there is one, else the heatmap, else the first chart.
    static func leadIndex(_ views: [ChartView]) -> Int? {
        views.firstIndex { $0.name == "lecture-figure" } ?? views.firstIndex { $0.name == "heatmap" }
            ?? (views.isEmpty ? nil : 0)
    }

    /// The x-axis a variant draws, in the switch's words.
    static func variantLabel(_ variant: String) -> String {
        switch variant {
        case "epoch", "epochs": return "epochs"
        case "step", "steps": return "steps"
        case "examples": return "examples seen"
        case "seconds", "time": return "seconds"
        default: return variant
        }
    }
}

/// `text` as an HTML id and file name: ASCII letters, digits, `-` and `_` kept, anything else
/// `_`; never empty.
func htmlId(_ text: String) -> String {
    let kept = text.unicodeScalars.map { scalar -> Character in
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_": return Character(scalar)
        default: return "_"
        }
    }
    return kept.isEmpty ? "_" : String(kept)
}

/// `id`, or `id-2`, `id-3`… when `used` has it; the result is added to `used`.
func uniqueId(_ id: String, used: inout Set<String>) -> String {
    var candidate = id
    var n = 2
    while used.contains(candidate) {
        candidate = "\(id)-\(n)"
        n += 1
    }
    used.insert(candidate)
    return candidate
}
