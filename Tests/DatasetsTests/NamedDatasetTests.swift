import Diagnostics
import Foundation
@testable import Datasets
import Testing

@Suite struct NamedDatasetTests {
    @Test func theCacheFollowsXDGThenHome() {
        #expect(DataCache.user(["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"]).root == "/x/cache/lrlab")
        #expect(DataCache.user(["HOME": "/home/u"]).root == "/home/u/.cache/lrlab")
        // A relative XDG_CACHE_HOME is invalid by the spec and ignored.
        #expect(DataCache.user(["XDG_CACHE_HOME": "rel", "HOME": "/home/u"]).root == "/home/u/.cache/lrlab")
        #expect(DataCache(root: "/c").path(.fashionMNIST, NamedDataset.fashionMNIST.files[0]) == "/c/fashion-mnist/train-images-idx3-ubyte.gz")
    }

    @Test func everyDataSetHasFilesWithMD5SumsAndMirrors() {
        for dataset in NamedDataset.allCases {
            #expect(!dataset.mirrors.isEmpty && dataset.mirrors.allSatisfy { $0.hasSuffix("/") })
            #expect(dataset.files.allSatisfy { $0.md5.count == 32 && $0.md5.allSatisfy(\.isHexDigit) && $0.bytes > 0 })
            #expect(dataset.files.count == (dataset.layout == .idx ? 4 : 1))
        }
        #expect(NamedDataset.mnist.files[0].md5 == "f68b3c2dcbeaaa9fbdd348bbdeb94873")  // torchvision's
    }

    @Test func theTestOnlyOverridesComeFromTheEnvironment() throws {
        let sums = FileManager.default.temporaryDirectory.appendingPathComponent("lrlab-sums-\(UUID().uuidString)").path
        try "a.gz ABCDEF\nnot a line\n".write(toFile: sums, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: sums) }
        let download = Download.fromEnvironment(["HOME": "/h", "LRLAB_DATA_MIRROR": "http://127.0.0.1:1", "LRLAB_DATA_CHECKSUMS": sums])
        #expect(download.mirrors == ["http://127.0.0.1:1/"])
        #expect(download.checksums == ["a.gz": "abcdef"])
        #expect(Download.fromEnvironment(["HOME": "/h"]).mirrors == nil)
    }

    /// A ustar header block for a regular file `name` of `size` bytes.
    static func header(_ name: String, size: String) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        for (i, byte) in name.utf8.enumerated() { block[i] = byte }
        for (i, byte) in size.utf8.enumerated() { block[124 + i] = byte }
        block[156] = UInt8(ascii: "0")
        return block
    }

    @Test func tarMembersAreReadAndDamageIsLocated() throws {
        let body = [UInt8](repeating: 7, count: 3)
        let archive = Self.header("dir/a.bin", size: "00000000003") + body + [UInt8](repeating: 0, count: 509) + [UInt8](repeating: 0, count: 1024)
        let (bytes, members) = try TarArchive.read(archive, path: "t.tar")
        let range = try #require(members["dir/a.bin"])
        #expect(Array(bytes[range]) == body)

        #expect(throws: InputError("'t.tar' is not a tar archive lrlab can read: a header's size 'xyz' is not octal", at: SourceLocation(file: "t.tar", line: 1, column: 1))) {
            try TarArchive.read(Self.header("a", size: "xyz"), path: "t.tar")
        }
        #expect(throws: InputError("'t.tar' is not a tar archive lrlab can read: 'a' is cut short", at: SourceLocation(file: "t.tar", line: 1, column: 1))) {
            try TarArchive.read(Self.header("a", size: "00000001000") + body, path: "t.tar")
        }
    }

    @Test func cifarRecordsBecomeScaledFeatures() throws {
        var record = [UInt8](repeating: 0, count: CIFARBinary.recordBytes)
        record[0] = 3
        record[1] = 255
        record[3072] = 51
        let dataset = try CIFARBinary.dataset([record[...], record[...]], path: "c.tar.gz")
        #expect(dataset.count == 2 && dataset.featureCount == 3072 && dataset.labels == [3, 3])
        #expect(dataset.features[0] == 1 && abs(dataset.features[3071] - 0.2) < 1e-6)
        var bad = record
        bad[0] = 10
        #expect(throws: InputError.self) { try CIFARBinary.dataset([bad[...]], path: "c.tar.gz") }
        #expect(throws: InputError.self) { try CIFARBinary.dataset([record.dropLast()], path: "c.tar.gz") }
    }
}
