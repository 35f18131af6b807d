import Formatting
@testable import Datasets
import Diagnostics
import Foundation
import TestSupport
import Testing

/// Data files and tables too large to load are refused before they are read (file size, IDX
/// header) or as they are scanned (CSV), at the file.
@Suite struct DataLimitTests {
    func idxHeader(_ sizes: [UInt32]) -> Data {
        var bytes: [UInt8] = [0, 0, 8, UInt8(sizes.count)]
        for size in sizes { bytes += [UInt8(size >> 24), UInt8(size >> 16 & 255), UInt8(size >> 8 & 255), UInt8(size & 255)] }
        return Data(bytes + [1, 2, 3])
    }

    @Test func anIDXHeaderClaimingABillionImagesFailsBeforeTheFileIsRead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let images = folder + "/images.idx", labels = folder + "/labels.idx"
        try idxHeader([1_000_000_000, 28, 28]).write(to: URL(fileURLWithPath: images))
        try idxHeader([1_000_000_000]).write(to: URL(fileURLWithPath: labels))
        #expect(throws: InputError("'\(images)' declares 1,000,000,000 images of 28×28 pixels: 1,000,000,000 rows × 784 features is 784,000,000,000 values (2.9 TiB as Float); lrlab loads at most 268,435,456 values (1 GiB) per dataset",
                                   at: SourceLocation(file: images, line: 1, column: 1))) {
            try IDXDataset.load(IDXOptions(images: images, labels: labels))
        }
        try idxHeader([2, 28, 28]).write(to: URL(fileURLWithPath: images))
        #expect(throws: InputError("'\(labels)' declares 1,000,000,000 labels: 1,000,000,000 rows × 1 features is 1,000,000,000 values (3.7 GiB as Float); lrlab loads at most 268,435,456 values (1 GiB) per dataset",
                                   at: SourceLocation(file: labels, line: 1, column: 1))) {
            try IDXDataset.load(IDXOptions(images: images, labels: labels))
        }
    }

    @Test func dataFilesOverOneGiBAreNotRead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/big.csv"
        _ = FileManager.default.createFile(atPath: path, contents: Data("a,label\n".utf8))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 2 << 30)  // sparse: nothing is written
        try handle.close()
        #expect(throws: InputError("'\(path)' is 2 GiB; lrlab reads data files of at most 1 GiB",
                                   at: SourceLocation(file: path, line: 1, column: 1))) {
            try CSVDataset.load(CSVOptions(path: path))
        }
    }

    @Test func aCSVTableStopsAtItsLimitAtTheRowThatPassesIt() throws {
        let bytes = Array("a,b,label\n1,2,x\n3,4,y\n5,6,x\n".utf8)
        #expect(throws: InputError("the table passes 5 feature values (20 bytes as Float) at this row; lrlab loads at most that many per dataset",
                                   at: SourceLocation(file: "t.csv", line: 4, column: 1))) {
            try CSVDataset.parse(bytes, options: CSVOptions(path: "t.csv"), path: "t.csv", maxValues: 5)
        }
        #expect(try CSVDataset.parse(bytes, options: CSVOptions(path: "t.csv"), path: "t.csv", maxValues: 6).count == 3)
    }

    @Test func sizesInWords() {
        #expect(NumberText.bytes(512 << 20) == "512 MiB")
        #expect(NumberText.bytes(3 << 29) == "1.5 GiB")
        #expect(NumberText.bytes(100) == "100 bytes")
        #expect(NumberText.count(134_217_728) == "134,217,728")
        #expect(DataLimits.tableProblem(rows: 60_000, columns: 784) == nil)
        #expect(DataLimits.tableProblem(rows: 10_000_000, columns: 13) == nil)
        #expect(DataLimits.tableProblem(rows: 10_000_001, columns: 1) == "10,000,001 rows is more than the 10,000,000 rows lrlab loads per dataset")
        #expect(DataLimits.tableProblem(rows: Int.max, columns: 2)?.contains("is too large to count;") == true)
    }

    @Test func compressedFilesInflateOnlyToTheirReadersLimit() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/z.gz"
        try Data(gzipWithZeros(zeros: 5000)).write(to: URL(fileURLWithPath: path))
        #expect(try FileBytes.read(path, displayPath: "z.gz").count == 5000)
        #expect(throws: InputError.self) { try FileBytes.read(path, displayPath: "z.gz", limit: 1000) }
        // Plain files are read whole into one array, byte for byte.
        let plain = folder + "/p.csv"
        let text = Data((0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try text.write(to: URL(fileURLWithPath: plain))
        #expect(FileBytes.contents(plain) == [UInt8](text))
        #expect(FileBytes.contents(folder + "/missing") == nil)
    }
}
