import Foundation
import Reports
import TestSupport
import Testing

@Suite struct OutputFolderTests {
    private func folder(_ files: [String: String], dirs: [String] = []) throws -> String {
        let root = try temporaryFolder("lrlab-folder")
        for dir in dirs { try FileManager.default.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true) }
        for (name, text) in files {
            let path = root + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return root
    }

    private func refusal(_ root: String) -> String? {
        do { try OutputFolder.check(root); return nil } catch { return error.description }
    }

    @Test func newAndEmptyFoldersAreTakenAndMarked() throws {
        let root = try folder([:], dirs: ["runs"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(refusal(root) == nil)
        #expect(refusal(root + "/not-yet") == nil)
        try OutputFolder.claim(root + "/not-yet/deeper")
        #expect(FileManager.default.fileExists(atPath: root + "/not-yet/deeper/.lrlab"))
        // Files of other names are no obstacle.
        let other = try folder(["notes.txt": "mine", "charts/readme.md": "mine"])
        defer { try? FileManager.default.removeItem(atPath: other) }
        #expect(refusal(other) == nil)
    }

    @Test func foreignReportFilesAreRefusedByName() throws {
        for name in ["index.html", "report.md", "results.csv", "results.json", "findings.json", "charts/a.png",
                     "charts/b.svg", "lr-find/lr-find.png", "lr-find/bs-64.json"] {
            let root = try folder([name: "mine"], dirs: ["runs"])
            defer { try? FileManager.default.removeItem(atPath: root) }
            let message = refusal(root)
            #expect(message == "'\(root)/\(name)' was not written by lrlab; lrlab never overwrites files it did not write (move it away or choose another folder with -o)")
            #expect(throws: OutputFolderError.self) { try OutputFolder.claim(root) }
            #expect(!FileManager.default.fileExists(atPath: root + "/.lrlab"))
        }
        let file = try folder(["f": "x"])
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(refusal(file + "/f")?.contains("is a file, not a folder") == true)
        #expect(refusal("")?.contains("empty") == true)
        // A `.lrlab` that is not lrlab's marker is not taken for one.
        let fake = try folder([".lrlab": "my settings", "index.html": "mine"])
        defer { try? FileManager.default.removeItem(atPath: fake) }
        #expect(refusal(fake)?.hasPrefix("'" + fake + "/.lrlab' was not written by lrlab") == true)
    }

    @Test func earlierLrlabFoldersAreRecognised() throws {
        let page = try folder(["index.html": "<!doctype html>\n<meta name=\"generator\" content=\"lrlab\">\n", "report.md": "x",
                               "charts/heatmap.png": "x"], dirs: ["runs"])
        let table = try folder(["results.csv": "run_id,status,batch_size,learning_rate,optimizer,schedule,seed,epochs,steps\n",
                                "results.json": "{}"], dirs: ["runs"])
        let noRuns = try folder(["index.html": "<meta name=\"generator\" content=\"lrlab\">"])
        let foreignPage = try folder(["index.html": "<html>", "results.csv": "run_id,status,batch_size,learning_rate,optimizer,schedule,seed,epochs\n"],
                                     dirs: ["runs"])
        defer { for f in [page, table, noRuns, foreignPage] { try? FileManager.default.removeItem(atPath: f) } }
        #expect(refusal(page) == nil)
        #expect(refusal(table) == nil)
        #expect(refusal(noRuns)?.contains("/index.html' was not written by lrlab") == true)
        #expect(refusal(foreignPage)?.contains("/index.html' was not written by lrlab") == true)
        // Claiming marks it; from then on the marker is what counts.
        try OutputFolder.claim(page)
        #expect(FileManager.default.fileExists(atPath: page + "/.lrlab"))
        try "<html>replaced by a custom template</html>".write(toFile: page + "/index.html", atomically: true, encoding: .utf8)
        #expect(refusal(page) == nil)
    }
}
