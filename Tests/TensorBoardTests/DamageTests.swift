import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import TensorBoard

/// Damaged, cut and foreign bytes: one located error or a warning each, never a trap.
@Suite struct DamageTests {
    let location = { (path: String) in SourceLocation(file: path, line: 1, column: 1) }

    @Test func corruptDataChecksumNamesFileAndOffset() throws {
        let (path, bytes) = try fixtureEventFile("bs16_lr0.1")
        let records = try TFRecord.records(in: bytes, file: path).records
        let second = try #require(records.dropFirst().first)
        var damaged = bytes
        damaged[second.offset + 12] ^= 0x01  // the first byte of its data
        let error = try #require(throws: InputError.self) { try EventFiles.decode(damaged, file: path) }
        #expect(error.location == location(path))
        #expect(error.message.contains("byte \(second.offset)"))
        #expect(error.message.contains("data does not match"))
        #expect(error.others.isEmpty)
    }

    @Test func corruptLengthChecksum() throws {
        let (path, bytes) = try fixtureEventFile("bs16_lr0.1")
        var damaged = bytes
        damaged[9] ^= 0x80  // the first record's length checksum
        let error = try #require(throws: InputError.self) { try EventFiles.decode(damaged, file: path) }
        #expect(error.location == location(path))
        #expect(error.message.contains("byte 0"))
        #expect(error.message.contains("length field"))
    }

    @Test func everySingleBitFlipIsALocatedError() throws {
        // CRC-32C catches every one-bit error, so no flip may decode, and none may trap.
        let (path, bytes) = try fixtureEventFile("bs64_lr0.05")
        for index in bytes.indices {
            for bit in [0, 3, 7] {
                var damaged = bytes
                damaged[index] ^= UInt8(1 << bit)
                do {
                    _ = try EventFiles.decode(damaged, file: path)
                    Issue.record("a flip of bit \(bit) of byte \(index) went unnoticed")
                } catch {
                    #expect(error.location == location(path))
                }
            }
        }
    }

    @Test func everyTruncationIsAWarningAndKeepsWhatCameBefore() throws {
        let (path, bytes) = try fixtureEventFile("bs64_lr0.05")
        let whole = try EventFiles.decode(bytes, file: path)
        let records = try TFRecord.records(in: bytes, file: path).records
        let boundaries = Set(records.map(\.offset) + [bytes.count])
        for cut in 1..<bytes.count {
            let log = try EventFiles.decode(Array(bytes[..<cut]), file: path)
            let warned = log.warnings.contains { $0.contains("cut short") }
            #expect(warned == !boundaries.contains(cut), "cut at \(cut)")
            // What was read is a prefix of each series.
            for (tag, series) in log.scalars {
                #expect(Array(whole.scalars[tag]?.prefix(series.count) ?? []) == series)
            }
        }
        let last = try #require(records.last)
        let log = try EventFiles.decode(Array(bytes[..<(bytes.count - 1)]), file: path)
        #expect(log.warnings.count == 1)
        #expect(log.warnings.first?.contains("at byte \(last.offset)") == true)
    }

    @Test func garbageIsALocatedError() throws {
        var random = SplitMix64(state: 13)
        let garbage = (0..<1000).map { _ in UInt8.random(in: 0...255, using: &random) }
        let error = try #require(throws: InputError.self) { try EventFiles.decode(garbage, file: "junk.tfevents") }
        #expect(error.location == location("junk.tfevents"))
        #expect(error.message.contains("byte 0"))
        // Text that is no TFRecord at all.
        let text = Array("epoch,loss\n0,0.5\n1,0.4\n".utf8)
        #expect(throws: InputError.self) { try EventFiles.decode(text, file: "metrics.csv") }
    }

    @Test func randomDamageNeverTraps() throws {
        var random = SplitMix64(state: 2024)
        let (path, bytes) = try fixtureEventFile("tf2_style")
        for _ in 0..<400 {
            var damaged = bytes
            switch Int.random(in: 0..<3, using: &random) {
            case 0:  // a few random bytes overwritten
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    damaged[Int.random(in: 0..<damaged.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
            case 1:  // cut, then garbage appended
                damaged = Array(damaged[..<Int.random(in: 0..<damaged.count, using: &random)])
                damaged += (0..<Int.random(in: 0..<40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            default:  // a record's length rewritten to something huge, checksum fixed up
                var length = UInt64.random(in: 0...UInt64.max, using: &random).littleEndian
                let lengthBytes = withUnsafeBytes(of: &length) { Array($0) }
                damaged.replaceSubrange(0..<12, with: lengthBytes + TFRecord.littleEndianBytes(CRC32C.maskedChecksum(lengthBytes)))
            }
            do {
                let log = try EventFiles.decode(damaged, file: path)
                #expect(log.files == [path])
            } catch {
                #expect(error.location == location(path))
            }
        }
    }

    @Test func damagedMessagesWithValidChecksumsNeverTrap() throws {
        // Records whose checksums are recomputed after the damage reach the protobuf decoder
        // (Event, Summary, TensorProto and the hparams plugin data inside it).
        var random = SplitMix64(state: 7)
        let runs = ["tf2_style", "bs16_lr0.1"]
        var records: [[UInt8]] = []
        for run in runs {
            let (path, bytes) = try fixtureEventFile(run)
            records += try TFRecord.records(in: bytes, file: path).records.map(\.data)
        }
        let subfolder = try #require(try expectedRuns()["bs16_lr0.1"]?.subfolder)
        for file in try EventFiles.eventFiles(under: fixtureRoot + "/bs16_lr0.1/" + subfolder) {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixtureRoot + "/bs16_lr0.1/" + subfolder + "/" + file)))
            records += try TFRecord.records(in: bytes, file: file).records.map(\.data)
        }
        var decoded = 0
        for _ in 0..<2000 {
            var data = records[Int.random(in: 0..<records.count, using: &random)]
            guard !data.isEmpty else { continue }
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                data[Int.random(in: 0..<data.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            if Bool.random(using: &random) { data = Array(data.prefix(Int.random(in: 0...data.count, using: &random))) }
            do {
                _ = try EventFiles.decode(TFRecord.frame(data), file: "fuzz")
                decoded += 1
            } catch {
                #expect(error.location == location("fuzz"))
                #expect(error.message.contains("not a TensorFlow Event"))
            }
        }
        #expect(decoded > 0)  // many damaged messages still parse (a changed value, an unknown field)
    }

    @Test func recordsThatAreNotEvents() throws {
        // Valid framing around bytes that are no protocol buffer (a varint cut short).
        let bytes = TFRecord.frame([0xFF, 0xFF])
        let error = try #require(throws: InputError.self) { try EventFiles.decode(bytes, file: "x.tfevents") }
        #expect(error.location == location("x.tfevents"))
        #expect(error.message.contains("not a TensorFlow Event"))
    }

    @Test func emptyFileIsAWarning() throws {
        let log = try EventFiles.decode([], file: "events.out.tfevents.1")
        #expect(log.scalars.isEmpty)
        #expect(log.warnings.count == 1)
    }

    @Test func aCorruptFileInAFolderIsNamed() throws {
        let folder = try temporaryFolder("tboard")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (_, bytes) = try fixtureEventFile("bs16_lr0.1")
        var damaged = bytes
        damaged[bytes.count - 1] ^= 0x10
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/events.out.tfevents.1.a"))
        try Data(damaged).write(to: URL(fileURLWithPath: folder + "/sub/events.out.tfevents.2.b"))
        let error = try #require(throws: InputError.self) { try EventFiles.read(folder: folder) }
        #expect(error.all.count == 1)
        #expect(error.location?.file == folder + "/sub/events.out.tfevents.2.b")
    }

    @Test func foldersWithoutEventFiles() throws {
        let folder = try temporaryFolder("tboard")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/metrics.csv"))
        let empty = try #require(throws: InputError.self) { try EventFiles.read(folder: folder) }
        #expect(empty.message.contains("no TensorBoard event files"))
        #expect(throws: InputError.self) { try EventFiles.read(folder: folder + "/missing") }
        let missing = try #require(throws: InputError.self) { try EventFiles.read(file: folder + "/events.out.tfevents.9") }
        #expect(missing.location?.file == folder + "/events.out.tfevents.9")
    }
}
