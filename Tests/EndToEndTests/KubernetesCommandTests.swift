import Foundation
@testable import lrlab
import TestSupport
import Testing
import Yams

/// `lrlab k8s`: the manifest read back with Yams and held to the batch/v1 Job schema, the sweep's
/// ConfigMap byte for byte, the bad input it refuses, and its commands run here as the pods would.
@Suite(.serialized) struct KubernetesCommandTests {
    static let sweep = """
        name: K8s_Test
        title: k8s
        seed: 2
        data: {dataset: synthetic, kind: blobs, samples: 120, classes: 2}
        model: {hidden: [4]}
        train: {epochs: 1, batch_size: 32}
        grid:
          train.learning_rate: [0.01, 0.1]
          train.batch_size: [16, 32]

        """

    /// A folder holding `sweep.yaml` with `text`.
    static func folder(_ text: String = sweep) throws -> String {
        let folder = try temporaryFolder("lrlab-k8s")
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/sweep.yaml"))
        return folder
    }

    static func documents(_ yaml: String) throws -> [[String: Any]] {
        try Yams.load_all(yaml: yaml).map { try #require($0 as? [String: Any]) }
    }

    /// Kubernetes' expansion of command and args: `$(VAR)` of a declared variable is its value,
    /// `$$` is `$`, anything else stays (k8s.io/kubernetes third_party/forked/golang/expansion).
    static func expand(_ text: String, _ env: [String: String]) -> String {
        var out = "", rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.first == "$" {
                out += "$"; rest = after.dropFirst()
            } else if after.first == "(", let close = after.firstIndex(of: ")") {
                let name = String(after[after.index(after: after.startIndex)..<close])
                out += env[name] ?? "$(\(name))"; rest = after[after.index(after: close)...]
            } else {
                out += "$"; rest = after
            }
        }
        return out + rest
    }

    @Test func shardJobFollowsTheBatchV1Schema() throws {
        let r = try CLI.run(["k8s", "sweep.yaml", "--shards", "3", "--image", "registry.example:5000/lrlab:1.0"], in: try Self.folder())
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "note: no --volume-claim; the output includes PersistentVolumeClaim 'lrlab-k8s-test' "
                + "(ReadWriteMany, 1Gi, the default storage class) for the shards to share: edit it to fit your cluster, "
                + "or pass --volume-claim NAME\n")
        let docs = try Self.documents(r.stdout)
        #expect(docs.count == 4)
        let job = try #require(docs.first { $0["kind"] as? String == "Job" })
        #expect(job["apiVersion"] as? String == "batch/v1")
        let metadata = try #require(job["metadata"] as? [String: Any])
        #expect(metadata["name"] as? String == "lrlab-k8s-test")
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        #expect(spec["completions"] as? Int == 3)
        #expect(spec["parallelism"] as? Int == 3)
        #expect(spec["backoffLimit"] as? Int == 9)
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(["Never", "OnFailure"].contains(pod["restartPolicy"] as? String))
        let containers = try #require(pod["containers"] as? [[String: Any]])
        let container = try #require(containers.first)
        #expect(container["name"] as? String == "shard")
        #expect(container["image"] as? String == "registry.example:5000/lrlab:1.0")
        #expect(container["command"] as? [String] == ["lrlab"])
        #expect(container["args"] as? [String] == [
            "run", "/lrlab-sweep/sweep.yaml", "-o", "/lrlab/lrlab-out/K8s_Test", "--shard", "$(JOB_COMPLETION_INDEX)/3",
            "--jobs", "1", "--no-report", "--quiet",
        ])
        // $(JOB_COMPLETION_INDEX) is expanded only for a variable the container declares: from the downward API.
        let env = try #require(container["env"] as? [[String: Any]])
        let index = try #require(env.first { $0["name"] as? String == "JOB_COMPLETION_INDEX" })
        let fieldRef = (index["valueFrom"] as? [String: Any])?["fieldRef"] as? [String: Any]
        #expect(fieldRef?["fieldPath"] as? String == "metadata.annotations['batch.kubernetes.io/job-completion-index']")
        let requests = (container["resources"] as? [String: Any])?["requests"] as? [String: Any]
        #expect(requests?["cpu"] as? String == "1")
        // The volume mounts: the claim at /lrlab (DIR is under it), the ConfigMap's sweep read-only.
        let mounts = try #require(container["volumeMounts"] as? [[String: Any]])
        #expect(mounts.map { $0["name"] as? String } == ["output", "sweep"])
        #expect(mounts.map { $0["mountPath"] as? String } == ["/lrlab", "/lrlab-sweep"])
        #expect(mounts[1]["readOnly"] as? Bool == true)
        let volumes = try #require(pod["volumes"] as? [[String: Any]])
        #expect((volumes[0]["persistentVolumeClaim"] as? [String: Any])?["claimName"] as? String == "lrlab-k8s-test")
        let configMap = try #require(volumes[1]["configMap"] as? [String: Any])
        #expect(configMap["name"] as? String == "lrlab-sweep-k8s-test")
        #expect((configMap["items"] as? [[String: Any]])?.first?["path"] as? String == "sweep.yaml")
    }

    @Test func mergeJobWaitsThenReports() throws {
        let r = try CLI.run(["k8s", "sweep.yaml", "--shards", "2", "--image", "lrlab", "--volume-claim", "shared.claim-1",
                             "-o", "/lrlab/sweeps/./k8s"], in: try Self.folder())
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        let docs = try Self.documents(r.stdout)
        #expect(docs.map { $0["kind"] as? String } == ["ConfigMap", "Job", "Job"])
        try #require(docs.count == 3)
        let merge = docs[2]
        #expect((merge["metadata"] as? [String: Any])?["name"] as? String == "lrlab-k8s-test-report")
        let pod = try #require(((merge["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(pod["restartPolicy"] as? String == "Never")
        let wait = try #require((pod["initContainers"] as? [[String: Any]])?.first)
        let command = try #require(wait["command"] as? [String])
        #expect(Array(command.prefix(2)) == ["sh", "-c"])
        #expect(Array(command.suffix(3)) == ["wait-for-shards", "/lrlab/sweeps/k8s", "/lrlab-sweep/sweep.yaml"])
        let report = try #require((pod["containers"] as? [[String: Any]])?.first)
        #expect(report["args"] as? [String] == ["report", "/lrlab/sweeps/k8s"])
        for volumes in [pod["volumes"], ((((docs[1]["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"]
                                          as? [String: Any])?["volumes"])] {
            let claim = ((volumes as? [[String: Any]])?.first?["persistentVolumeClaim"] as? [String: Any])?["claimName"]
            #expect(claim as? String == "shared.claim-1")
        }
    }

    /// Snapshot of the shape: the documents in order, each after its comment.
    @Test func documentOrder() throws {
        let r = try CLI.run(["k8s", "sweep.yaml", "--shards", "4", "--image", "lrlab:2", "--name", "bs"], in: try Self.folder())
        #expect(r.status == 0, "\(r.stderr)")
        let docs = try Self.documents(r.stdout)
        let shape = docs.map { "\($0["kind"] ?? "") \((($0["metadata"] as? [String: Any])?["name"]) ?? "")" }
        #expect(shape == ["ConfigMap lrlab-sweep-bs", "PersistentVolumeClaim lrlab-bs", "Job lrlab-bs", "Job lrlab-bs-report"])
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "# lrlab k8s: sweep K8s_Test, 4 runs in 4 shards.")
        #expect(lines.filter { $0 == "---" }.count == 4)
        #expect(lines.filter { $0.hasPrefix("kind: ") } == ["kind: ConfigMap", "kind: PersistentVolumeClaim", "kind: Job", "kind: Job"])
        let claim = docs[1]
        let spec = claim["spec"] as? [String: Any]
        #expect(spec?["accessModes"] as? [String] == ["ReadWriteMany"])
    }

    @Test(arguments: [
        // quotes, colons, a '#', '$(…)', a title broken over two lines, trailing spaces, no final newline
        "name: k8s\ntitle: 'He said \"batch: 64\" # not a comment: $(HOME)\n  and went on'   \ngrid: {train.batch_size: [16, 32]}\ntrain: {epochs: 1}\ndata: {dataset: synthetic, samples: 60}",
        // CRLF line ends and a tab: a literal block would turn \r\n into \n
        "name: k8s\r\ntitle: \"a: \\\"b\\\"\"\r\ngrid: {train.batch_size: [16, 32]}\r\ntrain:\t{epochs: 1}\r\ndata: {dataset: synthetic, samples: 60}\r\n",
        // leading blank line and indentation, several final newlines, non-ASCII
        "\n  name: k8s\n  title: \"Größe: «64»\"\n  grid: {train.batch_size: [16, 32]}\n  train: {epochs: 1}\n  data: {dataset: synthetic, samples: 60}\n\n\n",
    ])
    func configMapHoldsTheSweepByteForByte(text: String) throws {
        let r = try CLI.run(["k8s", "sweep.yaml", "--shards", "2", "--image", "lrlab"], in: try Self.folder(text))
        #expect(r.status == 0, "\(r.stderr)")
        let docs = try Self.documents(r.stdout)
        let configMap = try #require(docs.first)
        #expect(configMap["kind"] as? String == "ConfigMap")
        #expect(configMap["apiVersion"] as? String == "v1")
        let stored = try #require((configMap["data"] as? [String: Any])?["sweep.yaml"] as? String)
        #expect(Array(stored.utf8) == Array(text.utf8))
    }

    @Test func userTextReachesThePodAsWritten() throws {
        let overrides = ["title='cost $(HOME) $$5: \"x\"'", "train.epochs=1"]
        let r = try CLI.run(["k8s", "sweep.yaml", "--shards", "1", "--image", "lrlab", "-o", "out $x: 'y'"]
                            + overrides.flatMap { ["--set", $0] }, in: try Self.folder())
        #expect(r.status == 0, "\(r.stderr)")
        let docs = try Self.documents(r.stdout)
        try #require(docs.count == 4)
        let job = docs[2]
        let pod = ((job["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any]
        let args = try #require((pod?["containers"] as? [[String: Any]])?.first?["args"] as? [String])
        let expanded = args.map { Self.expand($0, ["JOB_COMPLETION_INDEX": "0", "HOME": "/root", "x": "no"]) }
        #expect(expanded == ["run", "/lrlab-sweep/sweep.yaml", "--set", overrides[0], "--set", overrides[1],
                             "-o", "/lrlab/out $x: 'y'", "--shard", "0/1", "--jobs", "1", "--no-report", "--quiet"])
    }

    @Test(arguments: [
        (["--shards", "0", "--image", "lrlab"], "error: --shards must be between 1 and 100,000"),
        (["--shards", "100001", "--image", "lrlab"], "error: --shards must be between 1 and 100,000"),
        (["--shards", "5", "--image", "lrlab"], "error: --shards 5 is more than the sweep's 4 runs"),
        (["--shards", "2", "--image", "my image"], "error: --image my image:1:3: an image reference may hold only"),
        (["--shards", "2", "--image", "lrlab\n:1"], "error: --image lrlab\\n:1:1:6: an image reference may hold only"),
        (["--shards", "2", "--image", ""], "error: --image is empty"),
        (["--shards", "2", "--image", ".rm"], "error: --image .rm:1:1: an image reference starts with a letter or digit"),
        (["--shards", "2", "--image", "lrlab", "--name", "Bad_Name"], "error: --name Bad_Name:1:1: --name must be a DNS-1123 label"),
        (["--shards", "2", "--image", "lrlab", "--name", "bad-"], "error: --name bad-:1:4: --name must be a DNS-1123 label"),
        (["--shards", "2", "--image", "lrlab", "--name", String(repeating: "a", count: 51)],
         "error: --name \(String(repeating: "a", count: 51)):1:51: --name must be a DNS-1123 label of at most 50"),
        (["--shards", "2", "--image", "lrlab", "--volume-claim", "data..x"], "error: --volume-claim data..x:1:6: --volume-claim must name"),
        (["--shards", "2", "--image", "lrlab", "-o", "/data/out"], "error: -o /data/out:1:1: -o is a folder on the output volume"),
        (["--shards", "2", "--image", "lrlab", "-o", "a/../../b"], "error: -o a/../../b:1:1: -o may not use '..'"),
        (["--shards", "2", "--image", "lrlab", "-o", ""], "error: -o/--output is empty"),
        (["--shards", "x", "--image", "lrlab"], "error: the value 'x' is invalid for '--shards <shards>'"),
        (["--shards", "2", "--image", "lrlab", "--set", "train.epochs=0"], "error: --set train.epochs=0:1:"),
    ] as [([String], String)])
    func badInputIsOneLocatedLine(arguments: [String], expected: String) throws {
        let r = try CLI.run(["k8s", "sweep.yaml"] + arguments, in: try Self.folder())
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix(expected), "\(r.stderr)")
    }

    @Test func allArgumentProblemsAtOnce() throws {
        let r = try CLI.run(["k8s", "sweep.yaml", "--shards", "0", "--image", "a b", "--name", "X"], in: try Self.folder())
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 3, "\(r.stderr)")
    }

    @Test func relativeDataFileIsRefused() throws {
        let folder = try Self.folder("name: csv\ndata: {dataset: csv, path: data.csv, label: y}\ngrid: {train.batch_size: [1, 2]}\n")
        try Data("a,y\n1,0\n2,1\n3,0\n4,1\n5,0\n6,1\n7,0\n8,1\n9,0\n10,1\n".utf8).write(to: URL(fileURLWithPath: folder + "/data.csv"))
        let r = try CLI.run(["k8s", "sweep.yaml", "--shards", "2", "--image", "lrlab"], in: folder)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("error: sweep.yaml:2:"), "\(r.stderr)")
        #expect(r.stderr.contains("data file 'data.csv' is relative"))
        #expect(r.stdout.isEmpty)
    }

    /// A schedule `from:` a pipeline.config beside the sweep is not beside it in the pods; by an
    /// absolute path it is (the same path in the image).
    @Test func scheduleFileMustBeAbsolute() throws {
        let config = PackagePaths.root + "/Samples/od-cosine.config"
        let sweep = { (path: String) in
            "name: sched\ndata: {dataset: synthetic, samples: 60}\ntrain:\n  epochs: 1\n  schedule: {from: \(path)}\n"
                + "grid: {train.batch_size: [16, 32]}\n"
        }
        let folder = try Self.folder(sweep("od-cosine.config"))
        try FileManager.default.copyItem(atPath: config, toPath: folder + "/od-cosine.config")
        let r = try CLI.run(["k8s", "sweep.yaml", "--shards", "2", "--image", "lrlab"], in: folder)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("error: sweep.yaml:5:20: in the pods, which read the sweep from its ConfigMap"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        let absolute = try CLI.run(["k8s", "sweep.yaml", "--shards", "2", "--image", "lrlab"], in: try Self.folder(sweep(config)))
        #expect(absolute.status == 0, "\(absolute.stderr)")
    }

    @Test func derivedNamesAreLabels() throws {
        #expect(try KubernetesInput.derivedName("Batch_Size") == "batch-size")
        #expect(try KubernetesInput.derivedName("_x_") == "x")
        let long = try KubernetesInput.derivedName(String(repeating: "Ab", count: 50))
        let other = try KubernetesInput.derivedName(String(repeating: "Ab", count: 49) + "Ac")
        #expect(long.count == 50 && other.count == 50 && long != other)
        #expect(KubernetesInput.labelProblem(long, maxLength: 50) == nil)
        #expect(throws: (any Error).self) { try KubernetesInput.derivedName("___") }
    }

    /// The pods' commands run here, one after another, as Kubernetes would start them: the mount
    /// points /lrlab and /lrlab-sweep become temporary folders. The merge's wait gives up while
    /// runs are missing, passes once the shards are done, and the report holds every run.
    @Test func podsCommandsWorkTogether() throws {
        let folder = try Self.folder()
        let r = try CLI.run(["k8s", "sweep.yaml", "--shards", "2", "--image", "lrlab"], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        let docs = try Self.documents(r.stdout)
        try #require(docs.count == 4)
        let volume = folder + "/volume", sweepFolder = folder + "/sweep-volume"
        try FileManager.default.createDirectory(atPath: volume, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: sweepFolder, withIntermediateDirectories: true)
        let text = try #require((docs[0]["data"] as? [String: Any])?["sweep.yaml"] as? String)
        try Data(text.utf8).write(to: URL(fileURLWithPath: sweepFolder + "/sweep.yaml"))
        func pod(_ job: [String: Any]) -> [String: Any] {
            (((job["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any]) ?? [:]
        }
        func local(_ argument: String, _ env: [String: String]) -> String {
            Self.expand(argument, env).replacingOccurrences(of: "/lrlab-sweep/", with: sweepFolder + "/")
                .replacingOccurrences(of: "/lrlab/", with: volume + "/")
        }
        let binFolder = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().path
        func shell(_ command: [String], env: [String: String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["PATH=\(binFolder):/usr/bin:/bin"] + env.map { "\($0.key)=\($0.value)" } + command
            process.currentDirectoryURL = URL(fileURLWithPath: volume)
            let out = Pipe()
            process.standardOutput = out
            process.standardError = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let merge = pod(docs[3])
        let wait = try #require((merge["initContainers"] as? [[String: Any]])?.first?["command"] as? [String])
        let waitCommand = wait.map { local($0, [:]) }
        // Before any shard: every run is missing, and with no time left to wait it gives up.
        let early = try shell(waitCommand, env: ["LRLAB_WAIT_SECONDS": "0"])
        #expect(early.0 == 1, "\(early.1)")
        #expect(early.1.contains("gave up waiting: 4 of 4 runs are not finished"), "\(early.1)")
        let shard = try #require((pod(docs[2])["containers"] as? [[String: Any]])?.first)
        let args = try #require(shard["args"] as? [String])
        for index in 0..<2 {
            let result = try CLI.run(args.map { local($0, ["JOB_COMPLETION_INDEX": "\(index)"]) }, in: volume)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let done = try shell(waitCommand, env: ["LRLAB_WAIT_SECONDS": "0"])
        #expect(done.0 == 0, "\(done.1)")
        #expect(done.1.contains("all 4 runs are finished"), "\(done.1)")
        let report = try #require((merge["containers"] as? [[String: Any]])?.first?["args"] as? [String])
        let reported = try CLI.run(report.map { local($0, [:]) }, in: volume)
        #expect(reported.status == 0, "\(reported.stderr)")
        let csv = try String(contentsOfFile: volume + "/lrlab-out/K8s_Test/results.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 5)
        // A failed run counts as done once it has been failed, with no process on it, for 10 minutes.
        let runs = volume + "/lrlab-out/K8s_Test/runs"
        let id = try #require(try FileManager.default.contentsOfDirectory(atPath: runs).filter { !$0.hasPrefix(".") }.min())
        try FileManager.default.removeItem(atPath: "\(runs)/\(id)/run.json")
        let failed = "\(runs)/\(id)/failed.json"
        try Data("{}".utf8).write(to: URL(fileURLWithPath: failed))
        let fresh = try shell(waitCommand, env: ["LRLAB_WAIT_SECONDS": "0"])
        #expect(fresh.0 == 1 && fresh.1.contains("gave up waiting: 1 of 4 runs"), "\(fresh.1)")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -660)], ofItemAtPath: failed)
        let settled = try shell(waitCommand, env: ["LRLAB_WAIT_SECONDS": "0"])
        #expect(settled.0 == 0, "\(settled.1)")
        try Data().write(to: URL(fileURLWithPath: "\(runs)/.lock-\(id)"))
        let retried = try shell(waitCommand, env: ["LRLAB_WAIT_SECONDS": "0"])
        #expect(retried.0 == 1, "\(retried.1)")
    }
}
