/// The title and subtitle at the top of every figure (docs/charts.md "Canvas and layout", "Long titles and
/// subtitles"), left-aligned at the outer margin: the title 18 px Bold with its first baseline at y 34, each
/// extra line 23 px lower; the subtitle 13 px Book, 21 px under the last title line, each extra line 17 px lower.
struct FigureHeader {
    static let titleBaseline = 34.0
    static let titlePitch = 23.0
    static let subtitleGap = 21.0
    static let subtitlePitch = 17.0
    static let fullTitleFont = FontSpec.bold(18)
    static let subtitleFont = FontSpec.book(13)
    /// Titles and subtitles wider than this wrap (800 − 2 × 20 margin), px.
    static let maxWidth = 760.0

    /// The title's lines: never clipped, at 90 % of 18 px, then on two balanced lines, then ended with "…".
    var titles: [String]
    /// The font the title is drawn in: 18 px Bold, or 90 % of that when the title did not fit at full size.
    var titleFont: FontSpec
    /// The subtitle's lines: one, or two balanced ones breaking at " · " first, the second ended with "…" if needed.
    var subtitles: [String]

    init(title: String, subtitle: String, measurer: any TextMeasurer) {
        (titles, titleFont) = TextWrap.fitted(title, font: Self.fullTitleFont, maxWidth: Self.maxWidth, measurer: measurer)
        subtitles = TextWrap.lines(subtitle, font: Self.subtitleFont, maxWidth: Self.maxWidth, measurer: measurer)
    }

    /// Baseline of the last title or subtitle line, px.
    var bottom: Double { Self.bottom(titles: titles.count, subtitles: subtitles.count) }

    /// Baseline of the last line of a header with `titles` title lines (at least one counts) and `subtitles`
    /// subtitle lines, px.
    static func bottom(titles: Int, subtitles: Int) -> Double {
        let lastTitle = titleBaseline + titlePitch * Double(max(titles, 1) - 1)
        return subtitles == 0 ? lastTitle : lastTitle + subtitleGap + subtitlePitch * Double(subtitles - 1)
    }

    /// Draws the title and subtitle lines at the outer margin.
    func draw(_ scene: inout Scene) {
        for (i, line) in titles.enumerated() {
            scene.add(.text(TextRun(string: line, origin: Point(ChartLayout.margin, Self.titleBaseline + Self.titlePitch * Double(i)),
                                    font: titleFont, color: Palette.title)))
        }
        let first = Self.bottom(titles: titles.count, subtitles: 0) + Self.subtitleGap
        for (i, line) in subtitles.enumerated() {
            scene.add(.text(TextRun(string: line, origin: Point(ChartLayout.margin, first + Self.subtitlePitch * Double(i)),
                                    font: Self.subtitleFont, color: Palette.subtitle)))
        }
    }
}
