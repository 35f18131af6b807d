import Foundation
import TestSupport
import Testing
@testable import Charts

/// The dark and paper themes: laid out as the light theme (the layout checker passes), drawn in other colours,
/// with readable contrast. `LRLAB_THEME_OUT=DIR` also writes the gallery's charts in every theme there, to look at.
@Suite struct ThemeTests {
    static let outDir = ProcessInfo.processInfo.environment["LRLAB_THEME_OUT"]

    /// The gallery's charts (from docs/gallery/data.json) and the golden-image charts.
    static func figures() throws -> [(String, any Figure)] {
        let runs = try GalleryRenderTests().runs()
        return [("test-accuracy-by-batch", GalleryRenderTests.accuracyChart(runs)),
                ("train-loss-by-examples", GalleryRenderTests.lossChart(runs)),
                ("small-multiples", GalleryRenderTests.multiplesChart(runs)),
                ("lr-schedule-cosine-warmup", GalleryRenderTests.scheduleChart()),
                ("lr-schedule-compare", GalleryRenderTests.compareChart()),
                ("heatmap-bs-lr", GalleryRenderTests.heatmap(runs)),
                ("band", GoldenImageTests.band), ("twelve-rates", ChartZoo.twelveRates())]
    }

    func png(_ figure: some Figure, theme: Theme) throws -> RasterImage {
        let path = temporaryPath("theme-\(theme.rawValue)") + ".png"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try render(figure, png: path, scale: 1, theme: theme)
        return try RasterImage(contentsOfPNG: path)
    }

    /// `figure`'s scene in `theme`, drawn as text (`RecordingCanvas`).
    func drawing(_ figure: some Figure, theme: Theme, fonts: CairoFonts) -> String {
        let canvas = RecordingCanvas()
        theme.apply { theme.restyle(figure.scene(measurer: TextMetrics(fonts)).scene) }.draw(on: canvas)
        return canvas.text
    }

    @Test func themedChartsPassTheLayoutCheckerAndDifferFromLight() throws {
        let fonts = try CairoFonts()
        for (name, figure) in try Self.figures() {
            let light = drawing(figure, theme: .light, fonts: fonts)
            for theme in [Theme.dark, .paper] {
                let problems = try theme.apply { try layoutProblems(figure) }
                #expect(problems.isEmpty, "\(name) in \(theme): \(problems)")
                let themed = drawing(figure, theme: theme, fonts: fonts)
                #expect(themed != light, "\(name) in \(theme) is drawn as in light")
                // The same layout: only colours (and paper's gridline width) change, never a position.
                let positions = { (text: String) in text.split(separator: "\n").map { $0.split(separator: " ").filter { !$0.hasPrefix("#") && !$0.hasPrefix("w=") } } }
                #expect(positions(themed) == positions(light), "\(name) in \(theme) moved something")
                if let dir = Self.outDir {
                    try render(figure, png: "\(dir)/\(name)-\(theme.rawValue).png", theme: theme)
                }
            }
            if let dir = Self.outDir { try render(figure, png: "\(dir)/\(name)-light.png") }
        }
    }

    @Test func darkChartsHaveADarkCanvasAndLightText() throws {
        let image = try png(GoldenImageTests.lines, theme: .dark)
        // The top-left corner is canvas.
        #expect(image.pixels.first == 0x1B1B1B)
        #expect(image.count(color: 0x1B1B1B) > image.pixels.count / 2)
        // The title's glyphs are drawn in the dark theme's title colour.
        #expect(image.count(color: 0xF2F2F2, tolerance: 4) > 100)
        #expect(image.count(color: 0xFFFFFF, tolerance: 4) < 50)
    }

    /// The fill colours of `figure`'s scene laid out in `theme`.
    func fills(_ figure: some Figure, theme: Theme) throws -> Set<String> {
        let fonts = try CairoFonts()
        let scene = theme.apply { theme.restyle(figure.scene(measurer: TextMetrics(fonts)).scene) }
        return Set(scene.items.compactMap { item -> String? in
            if case let .fillRect(_, color) = item { return color.hexString }
            return nil
        })
    }

    @Test func paperChartsAreBlackOnPureWhiteWithoutGreyFills() throws {
        let schedule = GalleryRenderTests.scheduleChart()
        // Light shades the warmup phase #F2F2F2 (and backs the inset in white); paper fills only white.
        #expect(try fills(schedule, theme: .light) == ["#FFFFFF", "#F2F2F2"])
        #expect(try fills(schedule, theme: .paper) == ["#FFFFFF"])
        let paper = try png(schedule, theme: .paper)
        #expect(paper.pixels.first == 0xFFFFFF)
        #expect(paper.count(color: 0x000000, tolerance: 4) > 200)
    }

    @Test func paperGridlinesAreThinner() {
        var scene = Scene()
        scene.add(.polyline([Point(0, 10), Point(100, 10)], Stroke(color: ThemeColors.paper.grid, width: 1)))
        scene.add(.polyline([Point(0, 20), Point(100, 20)], Stroke(color: ThemeColors.paper.axis, width: 1)))
        let widths = Theme.paper.restyle(scene).items.compactMap { item -> Double? in
            if case let .polyline(_, stroke) = item { return stroke.width }
            return nil
        }
        #expect(widths == [0.5, 1])
    }

    @Test func lightOutputIsUnchangedByTheThemeMachinery() throws {
        // The default and an explicit light theme give the same bytes, in every format.
        let chart = GoldenImageTests.multiples
        #expect(try pngData(chart) == pngData(chart, theme: .light))
        #expect(try svgData(chart) == svgData(chart, theme: .light))
        let svg = String(decoding: try svgData(chart, theme: .dark), as: UTF8.self)
        #expect(svg.contains("fill=\"#1B1B1B\""))
        #expect(!svg.contains("#FFFFFF"))
    }

    @Test func darkColoursAreReadable() {
        let dark = ThemeColors.dark
        for text in [dark.title, dark.subtitle, dark.axisTitle, dark.tickLabel] {
            #expect(text.contrast(with: dark.background) >= 9)
        }
        // Lines keep at least WCAG's 3:1 for graphics against the canvas; black became a light grey.
        for color in dark.series { #expect(color.contrast(with: dark.background) >= 3, "\(color.hexString)") }
        #expect(Theme.dark.apply { Palette.color(6, count: 7) } == RGBA(hex: 0xD9D9D9))
        #expect(Theme.dark.apply { Palette.color(0, count: 7) } == Palette.color(0, count: 7))
        // More than 7 ordered values: viridis from #355F8D, so even the first line reads on the canvas.
        let first = Theme.dark.apply { Palette.color(0, count: 12) }
        #expect(first.contrast(with: dark.background) >= 2.5)
        #expect(Theme.light.apply { Palette.color(0, count: 12) } == RGBA(hex: 0x440154))
    }
}
