import Diagnostics
import Foundation
import TestSupport
import Testing
@testable import Datasets

/// Compressed files that inflate past what they may hold stop early, with an error at the file.
@Suite struct GzipLimitTests {
    func decompressError(_ bytes: [UInt8], limit: Int = Gzip.maxOutputBytes,
                         inspect: ([UInt8]) throws(InputError) -> Gzip.Expectation = { _ in .any }) -> InputError? {
        inputError { () throws(InputError) in _ = try Gzip.decompress(bytes, path: "bomb.gz", limit: limit, inspect: inspect) }
    }

    @Test func theBombHelperMakesValidGzip() throws {
        let bytes = gzipWithZeros(prefix: Array("a,b\n".utf8), zeros: 100_000)
        #expect(bytes.count < 1_000)
        let out = try Gzip.decompress(bytes, path: "x.gz")
        #expect(out.count == 100_004)
        #expect(out.prefix(4) == ArraySlice("a,b\n".utf8))
        #expect(out.dropFirst(4).allSatisfy { $0 == 0 })
    }

    @Test func outputPastTheLimitStopsEarly() throws {
        let bomb = gzipWithZeros(zeros: 50_000_000)
        let clock = ContinuousClock()
        var error: InputError?
        let elapsed = clock.measure { error = decompressError(bomb, limit: 1_000_000) }
        let e = try #require(error)
        #expect(e.message == "cannot decompress 'bomb.gz': it inflates to more than 1000000 bytes, the most lrlab reads from a compressed file (a damaged file or a \"gzip bomb\")")
        #expect(e.location == SourceLocation(file: "bomb.gz", line: 1, column: 1))
        // Stopped after about a megabyte, not after inflating 50.
        #expect(elapsed < .seconds(5))
        // Exactly at the limit is fine.
        #expect(try Gzip.decompress(gzipWithZeros(zeros: 1_000), path: "x.gz", limit: 1_000).count == 1_000)
        #expect(decompressError(gzipWithZeros(zeros: 1_001), limit: 1_000) != nil)
    }

    @Test func theDefaultLimitIsTwoGiB() {
        #expect(Gzip.maxOutputBytes == 2_147_483_648)
    }

    @Test func inspectionCanDeclareTheExactSize() throws {
        let bytes = gzipWithZeros(prefix: [7], zeros: 10_000)
        #expect(try Gzip.decompress(bytes, path: "x.gz", inspect: { _ in .exactly(10_001) }).count == 10_001)
        let tooMuch = try #require(decompressError(bytes, inspect: { _ in .exactly(100) }))
        #expect(tooMuch.message.contains("it holds more than the 100 bytes its header declares"))
        let overLimit = try #require(decompressError(bytes, limit: 5_000, inspect: { _ in .exactly(8_000) }))
        #expect(overLimit.message.contains("its header declares 8000 bytes of data, more than the 5000 bytes"))
        // A reader that never decides accepts what the stream holds.
        #expect(try Gzip.decompress(bytes, path: "x.gz", inspect: { _ in .needMore }).count == 10_001)
    }

    static func idxHeader(_ shape: [Int]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(shape.count)]
        for size in shape { bytes += [UInt8(size >> 24 & 255), UInt8(size >> 16 & 255), UInt8(size >> 8 & 255), UInt8(size & 255)] }
        return bytes
    }

    func idxError(images: [UInt8]) throws -> InputError? {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(images, to: folder + "/i.gz")
        try write(IDXTests.idx([1], [0]), to: folder + "/l")
        return inputError { () throws(InputError) in _ = try IDXDataset.load(IDXOptions(images: folder + "/i.gz", labels: folder + "/l")) }
    }

    @Test func idxFilesStopAtTheSizeTheirHeaderDeclares() throws {
        // 10 × 28 × 28 images declared, 30 MB of zeros behind the header.
        let e = try #require(try idxError(images: gzipWithZeros(prefix: Self.idxHeader([10, 28, 28]), zeros: 30_000_000)))
        #expect(e.message.hasSuffix("': it holds more than the 7856 bytes its header declares"))
        #expect(e.location?.file.hasSuffix("/i.gz") == true)
        // A header declaring more than lrlab loads fails on the first chunk (the dataset limit,
        // 2²⁷ values, is met before the 2 GiB inflation limit).
        let huge = try #require(try idxError(images: gzipWithZeros(prefix: Self.idxHeader([60_000, 60_000, 60_000]), zeros: 1_000)))
        #expect(huge.message.contains("declares 60,000 images of 60000×60000 pixels: 60,000 rows × 3,600,000,000 features is 216,000,000,000,000 values (786 TiB as Float); lrlab loads at most 268,435,456 values (1 GiB) per dataset"))
        // Zeros are not an IDX header: the type byte 0x00 fails at once.
        let zeros = try #require(try idxError(images: gzipWithZeros(zeros: 30_000_000)))
        #expect(zeros.message.contains("values of type 0x00 are not supported"))
        // A well-formed compressed file still loads.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(gzipWithZeros(prefix: Self.idxHeader([2, 1, 1]) + [5], zeros: 1), to: folder + "/i.gz")
        try write(gzipWithZeros(prefix: Self.idxHeader([2]) + [0, 1], zeros: 0), to: folder + "/l.gz")
        let loaded = try IDXDataset.load(IDXOptions(images: folder + "/i.gz", labels: folder + "/l.gz"))
        #expect(loaded.train.labels.count == 2)
    }

    @Test func compressedCSVWithBinaryDataStopsEarly() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(gzipWithZeros(zeros: 50_000_000), to: folder + "/z.csv.gz")
        let e = try #require(inputError { () throws(InputError) in _ = try CSVDataset.load(CSVOptions(path: folder + "/z.csv.gz")) })
        #expect(e.message.hasSuffix("z.csv.gz' is not CSV text: it holds a NUL byte (binary data)"))
        #expect(e.location?.line == 1 && e.location?.column == 1)
        try write(gzipWithZeros(prefix: Array("a,label\n1,x\n2,".utf8), zeros: 10), to: folder + "/late.csv.gz")
        let late = try #require(inputError { () throws(InputError) in _ = try CSVDataset.load(CSVOptions(path: folder + "/late.csv.gz")) })
        #expect(late.location?.line == 3 && late.location?.column == 3, "\(String(describing: late.location))")
    }
}
