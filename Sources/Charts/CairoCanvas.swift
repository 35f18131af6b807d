import CCairo
import AtomicFiles
import Foundation

// The only file that touches Cairo. C status codes become `ChartError` right after each call.

/// DejaVu Sans Book/Bold toy font faces with metric hinting off, and scaled fonts for measuring.
final class CairoFonts: TextMeasurer {
    private let book: OpaquePointer
    private let bold: OpaquePointer
    let options: OpaquePointer
    private var scaled: [FontSpec: OpaquePointer] = [:]

    init() throws {
        guard let book = cairo_toy_font_face_create("DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL),
              let bold = cairo_toy_font_face_create("DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD),
              let options = cairo_font_options_create() else {
            throw ChartError.cairo(operation: "font setup", status: "out of memory")
        }
        self.book = book
        self.bold = bold
        self.options = options
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        try Self.check(cairo_font_face_status(book), "font face")
        try Self.check(cairo_font_face_status(bold), "font face")
        try Self.check(cairo_font_options_status(options), "font options")
    }

    deinit {
        for font in scaled.values { cairo_scaled_font_destroy(font) }
        cairo_font_face_destroy(book)
        cairo_font_face_destroy(bold)
        cairo_font_options_destroy(options)
    }

    func face(_ font: FontSpec) -> OpaquePointer { font.bold ? bold : book }

    private func scaledFont(_ font: FontSpec) -> OpaquePointer? {
        if let f = scaled[font] { return f }
        var matrix = cairo_matrix_t()
        var identity = cairo_matrix_t()
        cairo_matrix_init_scale(&matrix, font.size, font.size)
        cairo_matrix_init_identity(&identity)
        guard let f = cairo_scaled_font_create(face(font), &matrix, &identity, options) else { return nil }
        scaled[font] = f
        return f
    }

    /// Advance width and ink ascent/descent in logical px (hint metrics off, so they scale exactly).
    func measure(_ text: String, font: FontSpec) -> TextExtents {
        var ext = cairo_text_extents_t()
        let sf = scaledFont(font)
        if let sf { cairo_scaled_font_text_extents(sf, text, &ext) }
        guard let sf, cairo_scaled_font_status(sf) == CAIRO_STATUS_SUCCESS else {
            return TextExtents(width: Double(text.count) * font.size * 0.6, ascent: font.size * 0.76,
                               descent: font.size * 0.24)
        }
        return TextExtents(width: ext.x_advance, ascent: max(0, -ext.y_bearing),
                           descent: max(0, ext.height + ext.y_bearing))
    }

    static func check(_ status: cairo_status_t, _ operation: String) throws {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw ChartError.cairo(operation: operation, status: String(cString: cairo_status_to_string(status)))
        }
    }
}

/// Collects the bytes Cairo's PDF surface writes (`cairo_pdf_surface_create_for_stream`).
final class PDFSink {
    var data = Data()
}

/// Cairo's write callback for the PDF stream: appends to the `PDFSink` passed as the closure.
private let appendToSink: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, UInt32) -> cairo_status_t = {
    closure, bytes, length in
    guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<PDFSink>.fromOpaque(closure).takeUnretainedValue()
    if let bytes, length > 0 { sink.data.append(bytes, count: Int(length)) }
    return CAIRO_STATUS_SUCCESS
}

/// Draws a scene with Cairo onto a PNG image surface at a scale, or onto a one-page PDF surface (SVG is
/// written by `SVGCanvas`).
final class CairoCanvas: Canvas {
    enum Output {
        case png(scale: Double)
        /// A page of the canvas's size in points (1 logical px = 1 pt), vector paths, text as text in
        /// embedded DejaVu subsets.
        case pdf
    }

    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private let fonts: CairoFonts
    private var currentFont: FontSpec?
    /// The PDF bytes, for `.pdf` output.
    private let sink: PDFSink?

    init(output: Output, fonts: CairoFonts, width: Double = 800, height: Double = 500) throws {
        self.fonts = fonts
        let made: OpaquePointer?
        var scale = 1.0
        switch output {
        case let .png(s):
            guard s.isFinite, s > 0, s <= 16 else { throw ChartError.invalidScale(s) }
            scale = s
            sink = nil
            made = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32((width * s).rounded()), Int32((height * s).rounded()))
        case .pdf:
            let pdfSink = PDFSink()
            sink = pdfSink
            made = cairo_pdf_surface_create_for_stream(appendToSink, Unmanaged.passUnretained(pdfSink).toOpaque(),
                                                       width, height)
            if let made {
                // Who wrote it (`ChartSignature`), and no creation date, so that the same chart gives the same bytes.
                cairo_pdf_surface_set_metadata(made, CAIRO_PDF_METADATA_CREATOR, "lrlab")
                cairo_pdf_surface_set_metadata(made, CAIRO_PDF_METADATA_CREATE_DATE, "")
            }
        }
        guard let made, let context = cairo_create(made) else {
            throw ChartError.cairo(operation: "surface create", status: "out of memory")
        }
        surface = made
        cr = context
        cairo_scale(cr, scale, scale)
        try CairoFonts.check(cairo_surface_status(surface), "surface create")
        try CairoFonts.check(cairo_status(cr), "context create")
        cairo_set_font_options(cr, fonts.options)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    private func setColor(_ c: RGBA) {
        if c.alpha >= 1 {
            cairo_set_source_rgb(cr, c.red, c.green, c.blue)
        } else {
            cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha)
        }
    }

    func fillRect(_ rect: Rect, color: RGBA) {
        setColor(color)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr)
    }

    func strokePolyline(_ points: [Point], stroke: Stroke) {
        guard let first = points.first else { return }
        cairo_new_path(cr)
        cairo_move_to(cr, first.x, first.y)
        for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        setColor(stroke.color)
        cairo_set_line_width(cr, stroke.width)
        cairo_set_line_cap(cr, stroke.cap == .round ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
        // Round joins cost much on long 1 px raw series and are invisible at that width.
        cairo_set_line_join(cr, stroke.width > 1 ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_BEVEL)
        if stroke.dash.isEmpty {
            cairo_set_dash(cr, nil, 0, 0)
        } else {
            stroke.dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        }
        cairo_stroke(cr)
    }

    func fillPolygon(_ points: [Point], color: RGBA) {
        guard let first = points.first else { return }
        cairo_new_path(cr)
        cairo_move_to(cr, first.x, first.y)
        for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        cairo_close_path(cr)
        setColor(color)
        cairo_fill(cr)
    }

    func fillCircle(center: Point, radius: Double, color: RGBA) {
        cairo_new_path(cr)
        cairo_arc(cr, center.x, center.y, radius, 0, 2 * Double.pi)
        setColor(color)
        cairo_fill(cr)
    }

    func drawText(_ run: TextRun) {
        if currentFont != run.font {
            cairo_set_font_face(cr, fonts.face(run.font))
            cairo_set_font_size(cr, run.font.size)
            currentFont = run.font
        }
        cairo_save(cr)
        cairo_translate(cr, run.origin.x, run.origin.y)
        if run.rotated { cairo_rotate(cr, -Double.pi / 2) }
        if run.halo {
            cairo_new_path(cr)
            cairo_move_to(cr, 0, 0)
            cairo_text_path(cr, run.string)
            setColor(Palette.white)
            cairo_set_line_width(cr, 4)
            cairo_set_dash(cr, nil, 0, 0)
            cairo_stroke(cr)
        }
        cairo_move_to(cr, 0, 0)
        setColor(run.color)
        cairo_show_text(cr, run.string)
        cairo_restore(cr)
    }

    func pushClip(_ rect: Rect) {
        cairo_save(cr)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
    }

    func popClip() {
        cairo_restore(cr)
        currentFont = nil
    }

    /// The image surface as PNG bytes (see `PNGWriter`).
    func pngData() throws -> Data {
        try CairoFonts.check(cairo_status(cr), "draw")
        cairo_surface_flush(surface)
        try CairoFonts.check(cairo_surface_status(surface), "flush")
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface), width > 0, height > 0 else {
            throw ChartError.cairo(operation: "image data", status: "no pixel data")
        }
        return Data(PNGWriter.encode(width: width, height: height, stride: stride, pixels: UnsafePointer(data)))
    }

    /// The finished PDF document (`.pdf` output): the page is closed and the surface finished, so the canvas
    /// takes no more drawing.
    func pdfData() throws -> Data {
        guard let sink else { throw ChartError.cairo(operation: "PDF data", status: "not a PDF canvas") }
        try CairoFonts.check(cairo_status(cr), "draw")
        cairo_surface_finish(surface)
        try CairoFonts.check(cairo_surface_status(surface), "finish PDF")
        return sink.data
    }

    /// Writes the image surface to `path` as PNG, atomically (`AtomicFile`): an interrupted or failed
    /// write leaves the previous file whole.
    func writePNG(to path: String) throws {
        let png = try pngData()
        do {
            try AtomicFile.write(png, to: path)
        } catch {
            throw ChartError.unwritablePath(path, reason: error.reason)
        }
    }
}

/// Pixels of a PNG file, read through Cairo: for golden-image comparisons and checks of what a page showed.
public struct RasterImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Row-major 0xRRGGBB values (alpha dropped).
    public let pixels: [UInt32]

    /// Reads the PNG at `path`.
    public init(contentsOfPNG path: String) throws {
        guard let surface = cairo_image_surface_create_from_png(path) else {
            throw ChartError.cairo(operation: "read PNG", status: "out of memory")
        }
        defer { cairo_surface_destroy(surface) }
        try CairoFonts.check(cairo_surface_status(surface), "read PNG \(path)")
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else {
            throw ChartError.cairo(operation: "read PNG \(path)", status: "no pixel data")
        }
        var pixels = [UInt32](repeating: 0, count: width * height)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width { pixels[y * width + x] = row[x] & 0x00FF_FFFF }
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Pixels within `tolerance` (per channel, 0–255) of the colour 0xRRGGBB.
    public func count(color: UInt32, tolerance: Int = 8) -> Int {
        let r = Int(color >> 16 & 0xFF), g = Int(color >> 8 & 0xFF), b = Int(color & 0xFF)
        return pixels.reduce(0) { total, p in
            let close = abs(Int(p >> 16 & 0xFF) - r) <= tolerance && abs(Int(p >> 8 & 0xFF) - g) <= tolerance
                && abs(Int(p & 0xFF) - b) <= tolerance
            return total + (close ? 1 : 0)
        }
    }

    /// Mean absolute difference per channel (0–255) against an image of the same size; nil when sizes differ.
    public func meanAbsoluteDifference(to other: RasterImage) -> Double? {
        guard width == other.width, height == other.height, !pixels.isEmpty else { return nil }
        var total = 0
        for (a, b) in zip(pixels, other.pixels) {
            total += abs(Int(a >> 16 & 0xFF) - Int(b >> 16 & 0xFF)) + abs(Int(a >> 8 & 0xFF) - Int(b >> 8 & 0xFF))
                + abs(Int(a & 0xFF) - Int(b & 0xFF))
        }
        return Double(total) / Double(pixels.count * 3)
    }
}
