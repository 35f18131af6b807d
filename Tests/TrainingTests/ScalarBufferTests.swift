import Foundation
import Testing
@testable import Training

/// `ScalarBuffer`: the large-page buffer the training rows are copied into holds exactly the
/// values given, in `Float` and converted to `Double`, at every size around the large-page
/// threshold, and an empty buffer still has a valid base.
@Suite struct ScalarBufferTests {
    /// Values that are not all equal, so a shifted or partial copy shows.
    private func values(_ count: Int) -> [Float] { (0..<count).map { Float($0 % 1_000) * 0.25 - 7 } }

    @Test(arguments: [0, 1, 17, 1 << 20 - 1, 1 << 20, 1 << 20 + 3, 3 << 19])
    func convertingKeepsEveryValue(count: Int) {
        let source = values(count)
        for large in [false, true] {
            let floats = ScalarBuffer<Float>(converting: source, largePages: large)
            #expect(floats.count == count)
            #expect(floats.bytes == count * 4)
            #expect(Array(floats.pointer.prefix(count)) == source)
            let doubles = ScalarBuffer<Double>(converting: source, largePages: large)
            #expect(Array(doubles.pointer.prefix(count)) == source.map(Double.init))
            if count == 0 { #expect(floats.base.pointee == 0) }
        }
    }

    @Test func largeBuffersAreAlignedToALargePage() {
        let count = 2 * LargePages.bytes / 4
        let buffer = ScalarBuffer<Float>(converting: values(count), largePages: true)
        #if os(Linux)
        #expect(Int(bitPattern: buffer.base) % LargePages.bytes == 0)
        #endif
    }

    /// Moving a written array onto large pages in place keeps every value; a range holding no
    /// whole large page is refused. (Whether the kernel can is the machine's: Linux ≥ 6.1.)
    @Test func collapsingInPlaceKeepsTheValues() {
        let source = values(3 * LargePages.bytes / 4 + 17)
        let copy = source
        let collapsed = source.withUnsafeBytes { LargePages.collapse($0.baseAddress!, bytes: $0.count) }
        #expect(source == copy)
        _ = collapsed
        let small = values(1_000)
        #expect(!small.withUnsafeBytes { LargePages.collapse($0.baseAddress!, bytes: $0.count) })
    }
}
