import Datasets
import Diagnostics
import Foundation
import TestSupport
import Testing

@Suite struct CSVTests {
    func load(_ text: String, _ options: (String) -> CSVOptions = { CSVOptions(path: $0) }) throws(InputError) -> Dataset {
        let path = (try? temporaryFolder()).map { $0 + "/data.csv" } ?? "/nonexistent"
        try? write(Array(text.utf8), to: path)
        return try CSVDataset.load(options(path), displayPath: "data.csv")
    }

    func error(_ text: String, _ options: @escaping (String) -> CSVOptions = { CSVOptions(path: $0) }) -> InputError? {
        inputError { () throws(InputError) in try load(text, options) }
    }

    @Test func headerNumbersAndStringLabelsInSortedOrder() throws {
        let data = try load("x,y,label\n1,2,setosa\n3.5,-4e-1,virginica\r\n 5 ,6,setosa\n7,8,versicolor\n")
        #expect(data.count == 4 && data.featureCount == 2 && data.classCount == 3)
        #expect(data.features == [1, 2, 3.5, -0.4, 5, 6, 7, 8])
        #expect(data.labels == [0, 2, 0, 1])  // setosa < versicolor < virginica
        #expect(data.name == "data")
    }

    @Test func integerLabelsSortNumerically() throws {
        let data = try load("a,b\n10,1\n2,2\n9,3\n", { CSVOptions(path: $0, label: .index(0)) })
        #expect(data.labels == [2, 0, 1])  // classes 2, 9, 10
        #expect(data.features == [1, 2, 3])
    }

    @Test func quotedFieldsFollowRFC4180() throws {
        let text = "\"f,1\",\"f2\",\"kind\"\n\"1.5\",2,\"a \"\"big\"\", one\"\n3,\"4\",\"multi\nline\"\n5,6,\"a \"\"big\"\", one\"\n"
        let data = try load(text, { CSVOptions(path: $0, label: .name("kind")) })
        #expect(data.count == 3)
        #expect(data.features == [1.5, 2, 3, 4, 5, 6])
        #expect(data.labels == [0, 1, 0])  // "a \"big\", one" < "multi\nline"
    }

    @Test func noHeaderDefaultsToTheLastColumn() throws {
        let data = try load("1,2,0\n3,4,1\n\n5,6,1", { CSVOptions(path: $0, header: false) })
        #expect(data.count == 3 && data.featureCount == 2)
        #expect(data.labels == [0, 1, 1])
    }

    @Test func labelColumnNamedLabelIsTheDefault() throws {
        let data = try load("label,a\nx,1\ny,2\n")
        #expect(data.features == [1, 2])
        #expect(data.labels == [0, 1])
    }

    @Test func byteOrderMarkAndGzipAreAccepted() throws {
        let folder = try temporaryFolder()
        try write([0xEF, 0xBB, 0xBF] + Array("a,label\n1,x\n2,y\n".utf8), to: folder + "/bom.csv")
        #expect(try CSVDataset.load(CSVOptions(path: folder + "/bom.csv")).features == [1, 2])
        try write(gzipStored(Array("a,label\n1,x\n2,y\n".utf8)), to: folder + "/z.csv.gz")
        #expect(try CSVDataset.load(CSVOptions(path: folder + "/z.csv.gz")).labels == [0, 1])
    }

    @Test func nonNumericCellNamesFileRowAndColumn() throws {
        let e = try #require(error("x,y,label\n1,2,a\n3,abc,b\n"))
        #expect(e.location == SourceLocation(file: "data.csv", line: 3, column: 3))
        #expect(e.message.contains("'abc' in column 2 ('y') is not a number"))
    }

    @Test(arguments: ["nan", "inf", "1e50", "0x10", "", "1,5"])
    func rejectedNumbers(cell: String) throws {
        let quoted = cell.contains(",") ? "\"\(cell)\"" : cell
        let e = try #require(error("a,label\n1,x\n\(quoted),y\n"))
        #expect(e.location?.line == 3)
        #expect(e.location?.column == 1)
    }

    @Test func raggedRowsNameTheRow() throws {
        let long = try #require(error("a,b,label\n1,2,x\n1,2,3,x\n"))
        #expect(long.location == SourceLocation(file: "data.csv", line: 3, column: 7))
        #expect(long.message.contains("4 fields, the first row has 3"))
        let short = try #require(error("a,b,label\n1,2,x\n1,2\n"))
        #expect(short.location == SourceLocation(file: "data.csv", line: 3, column: 4))
    }

    @Test func emptyFilesAndHeaderOnly() throws {
        #expect(try #require(error("")).message.contains("empty"))
        #expect(try #require(error("\n\n")).message.contains("empty"))
        #expect(try #require(error("a,label\n")).message.contains("no data rows"))
        #expect(try #require(error("label\nx\ny\n")).message.contains("feature column"))
    }

    @Test func missingLabelColumn() throws {
        let byName = try #require(error("a,labels\n1,x\n", { CSVOptions(path: $0, label: .name("label")) }))
        #expect(byName.location == SourceLocation(file: "data.csv", line: 1, column: 1))
        #expect(byName.suggestion == "labels")
        let byIndex = try #require(error("a,b\n1,x\n", { CSVOptions(path: $0, label: .index(2)) }))
        #expect(byIndex.message.contains("label column 2 does not exist"))
        let noHeader = try #require(error("1,x\n", { CSVOptions(path: $0, label: .name("b"), header: false) }))
        #expect(noHeader.message.contains("needs a header row"))
    }

    @Test func singleClassAndEmptyLabel() throws {
        #expect(try #require(error("a,label\n1,x\n2,x\n")).message.contains("only one class"))
        let empty = try #require(error("a,label\n1,x\n2,\n"))
        #expect(empty.location == SourceLocation(file: "data.csv", line: 3, column: 3))
    }

    @Test func quotingErrors() throws {
        let open = try #require(error("a,label\n1,\"x\n2,y\n"))
        #expect(open.location == SourceLocation(file: "data.csv", line: 2, column: 3))
        #expect(open.message.contains("never closed"))
        let stray = try #require(error("a,label\n1,x\"y\n"))
        #expect(stray.location == SourceLocation(file: "data.csv", line: 2, column: 4))
        let after = try #require(error("a,label\n1,\"x\"y\n"))
        #expect(after.location == SourceLocation(file: "data.csv", line: 2, column: 6))
    }

    @Test func unreadablePaths() throws {
        let missing = try #require(inputError { () throws(InputError) in try CSVDataset.load(CSVOptions(path: "/no/such/file.csv")) })
        #expect(missing.message.contains("no such file"))
        let folder = try temporaryFolder()
        let directory = try #require(inputError { () throws(InputError) in try CSVDataset.load(CSVOptions(path: folder)) })
        #expect(directory.message.contains("folder"))
    }
}
