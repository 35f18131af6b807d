public import Foundation
import AtomicFiles

/// Writes `figure` as a PNG of (800 × `scale`) × (500 × `scale`) px; 1600 × 1000 at the default scale 2.
/// The file is replaced atomically (a temporary file in the same folder, then a rename), so an
/// interrupted or failed write leaves the previous file whole.
/// Throws `ChartError` when Cairo fails or `path` cannot be written.
public func render(_ figure: some Figure, png path: String, scale: Double = 2, theme: Theme = .light) throws {
    try theme.apply { try pngCanvas(figure, scale: scale, theme: theme).writePNG(to: path) }
}

/// `figure` as PNG bytes, as `render(_:png:scale:theme:)` writes them: for callers that write a set of
/// files together (`AtomicFiles.FileBatch`).
public func pngData(_ figure: some Figure, scale: Double = 2, theme: Theme = .light) throws -> Data {
    try theme.apply { try pngCanvas(figure, scale: scale, theme: theme).pngData() }
}

private func pngCanvas(_ figure: some Figure, scale: Double, theme: Theme) throws -> CairoCanvas {
    let fonts = try CairoFonts()
    let scene = theme.restyle(figure.scene(measurer: TextMetrics(fonts)).scene)
    let canvas = try CairoCanvas(output: .png(scale: scale), fonts: fonts)
    scene.draw(on: canvas)
    return canvas
}

/// Writes `figure` as an SVG of 800 × 500 px with real, selectable text (see `SVGCanvas`), laid out with the
/// same Cairo font metrics as the PNG. The file is replaced atomically. Throws `ChartError` when Cairo's
/// fonts fail or `path` cannot be written.
public func render(_ figure: some Figure, svg path: String, theme: Theme = .light) throws {
    try theme.apply { try svgCanvas(figure, theme: theme).write(to: path) }
}

/// `figure` as SVG text (UTF-8 bytes), as `render(_:svg:theme:)` writes it.
public func svgData(_ figure: some Figure, theme: Theme = .light) throws -> Data {
    try theme.apply { Data(try svgCanvas(figure, theme: theme).document.utf8) }
}

private func svgCanvas(_ figure: some Figure, theme: Theme) throws -> SVGCanvas {
    let fonts = try CairoFonts()
    let scene = theme.restyle(figure.scene(measurer: TextMetrics(fonts)).scene)
    let canvas = SVGCanvas(width: scene.width, height: scene.height)
    scene.draw(on: canvas)
    return canvas
}

/// `figure` as a one-page PDF (bytes): the page is the figure's size in points (800 × 500 pt, 1 logical px =
/// 1 pt), drawn by Cairo's PDF surface as vector paths with its text as text (DejaVu Sans subsets embedded),
/// laid out with the same font metrics as the PNG and the SVG. The document names lrlab as its creator and
/// carries no creation date, so the same figure always gives the same bytes. Throws `ChartError` when Cairo fails.
public func pdfData(_ figure: some Figure, theme: Theme = .light) throws -> Data {
    try theme.apply {
        let fonts = try CairoFonts()
        let scene = theme.restyle(figure.scene(measurer: TextMetrics(fonts)).scene)
        let canvas = try CairoCanvas(output: .pdf, fonts: fonts, width: scene.width, height: scene.height)
        scene.draw(on: canvas)
        return try canvas.pdfData()
    }
}

/// Writes `figure` as a PDF (`pdfData(_:theme:)`) to `path`, atomically: an interrupted or failed write leaves
/// the previous file whole. Throws `ChartError` when Cairo fails or `path` cannot be written.
public func render(_ figure: some Figure, pdf path: String, theme: Theme = .light) throws {
    let pdf = try pdfData(figure, theme: theme)
    do {
        try AtomicFile.write(pdf, to: path)
    } catch {
        throw ChartError.unwritablePath(path, reason: error.reason)
    }
}
