import Foundation

/// Writes `figure` as a PNG of (800 × `scale`) × (500 × `scale`) px; 1600 × 1000 at the default scale 2.
/// Throws `ChartError` when Cairo fails or `path` cannot be written.
public func render(_ figure: some Figure, png path: String, scale: Double = 2) throws {
    let fonts = try CairoFonts()
    let laidOut = figure.scene(measurer: TextMetrics(fonts))
    let canvas = try CairoCanvas(output: .png(scale: scale), fonts: fonts)
    laidOut.scene.draw(on: canvas)
    try canvas.writePNG(to: path)
}

/// Writes `figure` as an SVG of 800 × 500 px with real, selectable text (see `SVGCanvas`), laid out with the
/// same Cairo font metrics as the PNG. The file is replaced atomically. Throws `ChartError` when Cairo's
/// fonts fail or `path` cannot be written.
public func render(_ figure: some Figure, svg path: String) throws {
    let fonts = try CairoFonts()
    let scene = figure.scene(measurer: TextMetrics(fonts)).scene
    let canvas = SVGCanvas(width: scene.width, height: scene.height)
    scene.draw(on: canvas)
    try canvas.write(to: path)
}
