import Foundation

/// Writes `chart` as a PNG of (800 × `scale`) × (500 × `scale`) px; 1600 × 1000 at the default scale 2.
/// Throws `ChartError` when Cairo fails or `path` cannot be written.
public func renderPNG(_ chart: Chart, to path: String, scale: Double = 2) throws {
    let fonts = try CairoFonts()
    let scene = ChartLayout(chart: chart, measurer: fonts).scene()
    let canvas = try CairoCanvas(output: .png(scale: scale), fonts: fonts)
    scene.draw(on: canvas)
    try canvas.writePNG(to: path)
}

/// Writes `chart` as an SVG of 800 × 500 pt. Throws `ChartError` when Cairo fails or `path` cannot be written.
public func renderSVG(_ chart: Chart, to path: String) throws {
    let fonts = try CairoFonts()
    let scene = ChartLayout(chart: chart, measurer: fonts).scene()
    let canvas = try CairoCanvas(output: .svg(path: path), fonts: fonts)
    scene.draw(on: canvas)
    try canvas.finishSVG(path: path)
}
