import Datasets
import Diagnostics
import TestSupport
import Testing

@Suite struct IDXTests {
    /// An IDX file of unsigned bytes with the given header sizes and values.
    static func idx(_ shape: [Int], _ values: [UInt8], type: UInt8 = 0x08) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, type, UInt8(shape.count)]
        for size in shape { bytes += [UInt8(size >> 24 & 255), UInt8(size >> 16 & 255), UInt8(size >> 8 & 255), UInt8(size & 255)] }
        return bytes + values
    }

    /// Six 2×3 images whose pixels encode (image, pixel), labels 0, 1, 2, 0, 1, 2.
    static func writePair(in folder: String, prefix: String, gzip: Bool, count: Int = 6) throws -> (String, String) {
        let pixels = (0..<(count * 6)).map { UInt8(($0 * 7) % 256) }
        let labels = (0..<count).map { UInt8($0 % 3) }
        let images = folder + "/\(prefix)-images-idx3-ubyte" + (gzip ? ".gz" : "")
        let labelPath = folder + "/\(prefix)-labels-idx1-ubyte" + (gzip ? ".gz" : "")
        let imageBytes = idx([count, 2, 3], pixels), labelBytes = idx([count], labels)
        try write(gzip ? gzipStored(imageBytes) : imageBytes, to: images)
        try write(gzip ? gzipStored(labelBytes) : labelBytes, to: labelPath)
        return (images, labelPath)
    }

    @Test(arguments: [false, true])
    func readsImagesAndLabels(gzip: Bool) throws {
        let folder = try temporaryFolder()
        let (images, labels) = try Self.writePair(in: folder, prefix: "train", gzip: gzip)
        let (testImages, testLabels) = try Self.writePair(in: folder, prefix: "t10k", gzip: gzip, count: 3)
        let (train, test) = try IDXDataset.load(IDXOptions(images: images, labels: labels,
                                                           testImages: testImages, testLabels: testLabels))
        #expect(train.count == 6 && train.featureCount == 6 && train.classCount == 3)
        #expect(train.labels == [0, 1, 2, 0, 1, 2])
        #expect(train.features[1] == Float(7) / 255)
        #expect(train.features.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(test?.count == 3)
    }

    @Test func relativePathsGoThroughResolve() throws {
        let folder = try temporaryFolder()
        _ = try Self.writePair(in: folder, prefix: "train", gzip: true)
        let (train, test) = try IDXDataset.load(
            IDXOptions(images: "train-images-idx3-ubyte.gz", labels: "train-labels-idx1-ubyte.gz"),
            resolve: { folder + "/" + $0 })
        #expect(train.count == 6)
        #expect(test == nil)
    }

    func error(images: [UInt8], labels: [UInt8]) throws -> InputError? {
        let folder = try temporaryFolder()
        try write(images, to: folder + "/i")
        try write(labels, to: folder + "/l")
        return inputError { () throws(InputError) in try IDXDataset.load(IDXOptions(images: folder + "/i", labels: folder + "/l")) }
    }

    @Test func wrongMagic() throws {
        let e = try #require(try error(images: [0x1F, 0x00, 0x08, 0x03] + [UInt8](repeating: 0, count: 12), labels: Self.idx([1], [0])))
        #expect(e.message.contains("magic"))
        #expect(e.location?.file.hasSuffix("/i") == true)
        let type = try #require(try error(images: Self.idx([1, 1, 1], [0], type: 0x0D), labels: Self.idx([1], [0])))
        #expect(type.message.contains("0x0d"))
    }

    @Test func headerSizesMustMatchTheFile() throws {
        let short = try #require(try error(images: Self.idx([4, 2, 2], [UInt8](repeating: 1, count: 15)), labels: Self.idx([4], [0, 1, 0, 1])))
        #expect(short.message.contains("4×2×2 = 16 values but the file holds 15 bytes"))
        let huge = try #require(try error(images: Self.idx([0x7FFF_FFFF, 0x7FFF_FFFF, 0x7FFF_FFFF], []), labels: Self.idx([1], [0])))
        #expect(huge.message.contains("too large"))
        let cut = try #require(try error(images: [0, 0, 8, 3, 0, 0], labels: Self.idx([1], [0])))
        #expect(cut.message.contains("cut short"))
        let empty = try #require(try error(images: [], labels: Self.idx([1], [0])))
        #expect(empty.message.contains("empty"))
    }

    @Test func labelsMustMatchImages() throws {
        let count = try #require(try error(images: Self.idx([2, 1, 1], [1, 2]), labels: Self.idx([3], [0, 1, 1])))
        #expect(count.message.contains("3 labels but"))
        let rank = try #require(try error(images: Self.idx([2], [1, 2]), labels: Self.idx([2], [0, 1])))
        #expect(rank.message.contains("not images"))
    }

    @Test func aClassWithNoExamples() throws {
        let e = try #require(try error(images: Self.idx([3, 1, 1], [1, 2, 3]), labels: Self.idx([3], [0, 2, 2])))
        #expect(e.message.contains("class 1 has no examples"))
    }

    @Test func corruptAndTruncatedGzip() throws {
        let good = gzipStored(Self.idx([2, 1, 1], [1, 2]))
        let truncated = try #require(try error(images: Array(good.prefix(good.count - 12)), labels: Self.idx([2], [0, 1])))
        #expect(truncated.message.contains("cannot decompress"))
        var corrupt = good
        corrupt[corrupt.count - 6] ^= 0xFF  // CRC-32
        #expect(try error(images: corrupt, labels: Self.idx([2], [0, 1])) != nil)
    }
}
