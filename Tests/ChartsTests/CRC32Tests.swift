import Testing
@testable import Charts

/// The PNG chunk checksum against the standard check values.
@Suite struct CRC32Tests {
    @Test func knownStrings() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }

    @Test func updatesInPiecesEqualOneUpdate() {
        let bytes = Array("IEND".utf8) + (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var crc = CRC32()
        crc.update(Array(bytes[..<4]))
        crc.update(Array(bytes[4...]))
        #expect(crc.value == CRC32.checksum(bytes))
    }

    /// Every PNG ends with the same IEND chunk, whose checksum is AE 42 60 82.
    @Test func pngEndsWithTheStandardIENDChunk() {
        let pixels = [UInt8](repeating: 0xFF, count: 4 * 3 * 2)
        let png = pixels.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { PNGWriter.encode(width: 3, height: 2, stride: 12, pixels: $0) } ?? []
        }
        #expect(Array(png.suffix(12)) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
    }
}
