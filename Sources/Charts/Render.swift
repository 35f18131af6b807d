import Foundation

/// Writes `chart` as a PNG of (800 × `scale`) × (500 × `scale`) px; 1600 × 1000 at the default scale 2.
/// Throws `ChartError` when Cairo fails or `path` cannot be written.
public func renderPNG(_ chart: Chart, to path: String, scale: Double = 2) throws {
    let fonts = try CairoFonts()
    try writePNG(ChartLayout(chart: chart, measurer: fonts).scene(), fonts: fonts, to: path, scale: scale)
}

/// Writes `chart` as an SVG of 800 × 500 px with real, selectable text (see `SVGCanvas`), laid out with the
/// same Cairo font metrics as the PNG. The file is replaced atomically. Throws `ChartError` when Cairo's
/// fonts fail or `path` cannot be written.
public func renderSVG(_ chart: Chart, to path: String) throws {
    let fonts = try CairoFonts()
    try writeSVG(ChartLayout(chart: chart, measurer: fonts).scene(), to: path)
}

/// Writes `heatmap` as a PNG of (800 × `scale`) × (500 × `scale`) px. Throws `ChartError`.
public func renderPNG(_ heatmap: Heatmap, to path: String, scale: Double = 2) throws {
    let fonts = try CairoFonts()
    try writePNG(HeatmapLayout(heatmap: heatmap, measurer: fonts).scene(), fonts: fonts, to: path, scale: scale)
}

/// Writes `heatmap` as an SVG of 800 × 500 px with real, selectable text, replaced atomically. Throws `ChartError`.
public func renderSVG(_ heatmap: Heatmap, to path: String) throws {
    let fonts = try CairoFonts()
    try writeSVG(HeatmapLayout(heatmap: heatmap, measurer: fonts).scene(), to: path)
}

private func writePNG(_ scene: Scene, fonts: CairoFonts, to path: String, scale: Double) throws {
    let canvas = try CairoCanvas(output: .png(scale: scale), fonts: fonts)
    scene.draw(on: canvas)
    try canvas.writePNG(to: path)
}

private func writeSVG(_ scene: Scene, to path: String) throws {
    let canvas = SVGCanvas(width: scene.width, height: scene.height)
    scene.draw(on: canvas)
    try canvas.write(to: path)
}
