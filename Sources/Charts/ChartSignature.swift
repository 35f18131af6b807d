public import Foundation

/// How lrlab recognises a chart file it wrote, so that it replaces only its own files: its PNGs
/// carry a `tEXt` chunk `Software: lrlab` right after the header, its SVGs the comment
/// `<!-- Generator: lrlab -->` on their second line, its PDFs `/Creator (lrlab)` in their document information. Charts of lrlab versions from before the
/// signature are recognised by their shape: a PNG whose header (8-bit RGB) is followed at once by
/// its pixel data, an SVG that starts exactly as lrlab's canvas starts one.
public enum ChartSignature {
    static let svgComment = "<!-- Generator: lrlab -->"
    /// The PDF document information entry of lrlab's charts (`pdfData`).
    static let pdfCreator = "/Creator (lrlab)"

    /// How many bytes at the end of a PDF `isLrlabChart(_:tail:)` needs: Cairo writes the document
    /// information (with `/Creator (lrlab)`) just before the cross-reference table and trailer.
    public static let pdfTailLength = 4096

    /// Whether `data` (the start of a file is enough: 512 bytes) is a chart lrlab wrote. A PDF is
    /// recognised by its end: `tail` (the last `pdfTailLength` bytes) must name lrlab as the creator.
    public static func isLrlabChart(_ data: Data, tail: Data = Data()) -> Bool {
        let bytes = [UInt8](data.prefix(512))
        if bytes.starts(with: Array("%PDF-".utf8)) {
            return String(decoding: tail, as: UTF8.self).contains(pdfCreator)
        }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        if bytes.starts(with: png) {
            // IHDR: length 13 at 8, type at 12, data at 16 (bit depth 8, colour type 2 at 24, 25),
            // CRC at 29; the next chunk's type at 37.
            guard bytes.count >= 41, bytes[12..<16].elementsEqual("IHDR".utf8), bytes[24] == 8, bytes[25] == 2 else {
                return false
            }
            let next = bytes[37..<41]
            if next.elementsEqual("IDAT".utf8) { return true }
            let signature = Array("tEXtSoftware".utf8) + [0] + Array("lrlab".utf8)
            return bytes.count >= 37 + signature.count && bytes[37..<37 + signature.count].elementsEqual(signature)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        guard text.hasPrefix(head) else { return false }
        let rest = text.dropFirst(head.count)
        return rest.hasPrefix(svgComment + "\n") || rest.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"500\"")
    }
}
