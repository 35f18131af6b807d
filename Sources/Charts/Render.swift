public import Foundation

/// Writes `figure` as a PNG of (800 × `scale`) × (500 × `scale`) px; 1600 × 1000 at the default scale 2.
/// The file is replaced atomically (a temporary file in the same folder, then a rename), so an
/// interrupted or failed write leaves the previous file whole.
/// Throws `ChartError` when Cairo fails or `path` cannot be written.
public func render(_ figure: some Figure, png path: String, scale: Double = 2) throws {
    try pngCanvas(figure, scale: scale).writePNG(to: path)
}

/// `figure` as PNG bytes, as `render(_:png:scale:)` writes them: for callers that write a set of
/// files together (`AtomicFiles.FileBatch`).
public func pngData(_ figure: some Figure, scale: Double = 2) throws -> Data {
    try pngCanvas(figure, scale: scale).pngData()
}

private func pngCanvas(_ figure: some Figure, scale: Double) throws -> CairoCanvas {
    let fonts = try CairoFonts()
    let laidOut = figure.scene(measurer: TextMetrics(fonts))
    let canvas = try CairoCanvas(output: .png(scale: scale), fonts: fonts)
    laidOut.scene.draw(on: canvas)
    return canvas
}

/// Writes `figure` as an SVG of 800 × 500 px with real, selectable text (see `SVGCanvas`), laid out with the
/// same Cairo font metrics as the PNG. The file is replaced atomically. Throws `ChartError` when Cairo's
/// fonts fail or `path` cannot be written.
public func render(_ figure: some Figure, svg path: String) throws {
    try svgCanvas(figure).write(to: path)
}

/// `figure` as SVG text (UTF-8 bytes), as `render(_:svg:)` writes it.
public func svgData(_ figure: some Figure) throws -> Data {
    Data(try svgCanvas(figure).document.utf8)
}

private func svgCanvas(_ figure: some Figure) throws -> SVGCanvas {
    let fonts = try CairoFonts()
    let scene = figure.scene(measurer: TextMetrics(fonts)).scene
    let canvas = SVGCanvas(width: scene.width, height: scene.height)
    scene.draw(on: canvas)
    return canvas
}
